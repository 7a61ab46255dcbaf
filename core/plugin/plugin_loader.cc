#include "core/plugin/plugin_loader.h"

#include <dlfcn.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "core/plugin/metric_definition.h"
#include "core/util/log.h"

// What a plugin's init registers into, before it is accepted.
struct sm_registrar {
  std::string source;                                // the plugin or definition file
  std::shared_ptr<salesmetrics::PluginLibrary> library;  // none for metrics compiled into the server
  std::function<bool(const std::string&)> taken;     // ids in use elsewhere
  std::vector<std::shared_ptr<const salesmetrics::RegisteredMetric>> metrics;
  std::string refusal;  // the first reason to refuse the plugin
};

namespace salesmetrics {
namespace {

absl::Status Refused(const std::string& reason) { return absl::FailedPreconditionError(reason); }

absl::Status CheckAbiVersion(const sm_plugin_info& info) {
  if (info.abi_major != SM_ABI_VERSION_MAJOR || info.abi_minor > SM_ABI_VERSION_MINOR) {
    return Refused(absl::StrCat("built for plugin ABI ", info.abi_major, ".", info.abi_minor,
                                ", but this server provides ABI ", SM_ABI_VERSION_MAJOR, ".", SM_ABI_VERSION_MINOR,
                                " (the major version must match and the minor must not be newer)"));
  }
  return absl::OkStatus();
}

// Runs the plugin's init; a C++ exception thrown through the C boundary is
// caught here rather than taking the server down.
absl::Status RunInit(const sm_plugin_info& info, const sm_host_api* host, sm_registrar& registrar) {
  int32_t rc = 0;
  try {
    rc = info.init(host, &registrar);
  } catch (const std::exception& e) {
    return Refused(absl::StrCat("init threw: ", e.what()));
  } catch (...) {
    return Refused("init threw an exception");
  }
  if (!registrar.refusal.empty()) return Refused(registrar.refusal);
  if (rc != 0) return Refused(absl::StrCat("init failed (returned ", rc, ")"));
  if (registrar.metrics.empty()) return Refused("init registered no metrics");
  return absl::OkStatus();
}

// A directory of this process only (0700, unpredictable name) for the
// copies below; removed at exit.
class PrivateDirectory {
 public:
  PrivateDirectory() {
    std::error_code error;
    std::string pattern = (std::filesystem::temp_directory_path(error) / "salesmetrics-plugins-XXXXXX").string();
    if (error || mkdtemp(pattern.data()) == nullptr) {
      path_ = Refused(absl::StrCat("cannot be copied for loading: no private directory in $TMPDIR or /tmp: ",
                                   error ? error.message() : std::strerror(errno)));
    } else {
      path_ = pattern;
    }
  }
  ~PrivateDirectory() {
    if (path_.ok()) rmdir(path_->c_str());
  }
  const absl::StatusOr<std::string>& path() const { return path_; }

 private:
  absl::StatusOr<std::string> path_;
};

// dlopen returns the library already loaded from a path (or a path of the
// same name), even when the file has changed since; so each load opens a
// copy of its own, removed as soon as it is mapped.
absl::StatusOr<std::string> PrivateCopy(const std::string& path) {
  static std::atomic<int64_t> counter{0};
  static const PrivateDirectory private_directory;
  const absl::StatusOr<std::string>& directory = private_directory.path();
  if (!directory.ok()) return directory.status();
  const std::filesystem::path copy =
      std::filesystem::path(*directory) / absl::StrCat(counter++, "-", std::filesystem::path(path).filename().string());
  std::error_code error;
  if (!std::filesystem::copy_file(path, copy, error)) {
    return Refused(absl::StrCat("cannot be copied for loading: ", error.message()));
  }
  return copy.string();
}

}  // namespace

absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> OpenPlugin(
    const std::string& path, const sm_host_api* host, const std::function<bool(const std::string&)>& taken) {
  absl::StatusOr<std::string> copy = PrivateCopy(path);
  if (!copy.ok()) return copy.status();
  auto metrics = OpenPrivatePlugin(*copy, path, host, taken);
  std::error_code ignored;
  std::filesystem::remove(*copy, ignored);
  return metrics;
}

absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> OpenPrivatePlugin(
    const std::string& file, const std::string& source, const sm_host_api* host,
    const std::function<bool(const std::string&)>& taken) {
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return Refused(absl::StrCat("cannot be loaded: ", dlerror()));
  auto library = std::make_shared<PluginLibrary>(handle);
  auto entry = reinterpret_cast<sm_plugin_entry_fn>(dlsym(handle, SM_PLUGIN_ENTRY_POINT));
  if (entry == nullptr) return Refused(absl::StrCat("has no entry point ", SM_PLUGIN_ENTRY_POINT, "()"));
  const sm_plugin_info* info = entry();
  if (info == nullptr || info->init == nullptr) return Refused("its entry point returned no plugin info");
  if (absl::Status s = CheckAbiVersion(*info); !s.ok()) return s;

  sm_registrar registrar{source, library, taken, {}, ""};
  if (absl::Status s = RunInit(*info, host, registrar); !s.ok()) return s;
  return registrar.metrics;
}

absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> RegisterInProcess(
    const std::string& source, const sm_host_api* host, const std::function<void(sdk::Registry&)>& add,
    const std::function<bool(const std::string&)>& taken) {
  sm_registrar registrar{source, nullptr, taken, {}, ""};
  try {
    sdk::Registry registry(host, &registrar);
    add(registry);
  } catch (const sdk::internal::HostFailed&) {
  } catch (const std::exception& e) {
    HostRefuse(&registrar, e.what());
  }
  if (!registrar.refusal.empty()) return Refused(registrar.refusal);
  return registrar.metrics;
}

int32_t HostRegisterMetric(sm_registrar* registrar, const sm_metric_def* def) {
  if (!registrar->refusal.empty()) return 1;
  absl::StatusOr<v1::Metric> info = MetricFromDefinition(*def);
  if (info.ok()) {
    const std::string& id = info->metric_id();
    const bool twice = std::any_of(registrar->metrics.begin(), registrar->metrics.end(),
                                   [&](const auto& m) { return m->id() == id; });
    if (twice || registrar->taken(id)) {
      info = absl::AlreadyExistsError(absl::StrCat("metric id \"", id, "\" is already registered"));
    }
  }
  if (!info.ok()) {
    registrar->refusal = std::string(info.status().message());
    return 1;
  }
  info->set_plugin(registrar->source);
  registrar->metrics.push_back(std::make_shared<const RegisteredMetric>(*std::move(info), *def, registrar->library));
  return 0;
}

void HostRefuse(sm_registrar* registrar, const char* reason) {
  if (registrar->refusal.empty()) registrar->refusal = reason == nullptr ? "refused by the plugin" : reason;
}

}  // namespace salesmetrics
