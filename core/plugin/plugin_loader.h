// Loading metric plugins (shared libraries) into a MetricRegistry.
//
// A plugin is refused, with one log line naming the file and the reason,
// when it cannot be opened, lacks the entry point, was built for another
// ABI version, fails or throws in init, registers nothing, or registers an
// invalid metric or an id already taken. A refused plugin changes nothing:
// its metrics are registered all together or not at all.
#ifndef SALESMETRICS_CORE_PLUGIN_PLUGIN_LOADER_H_
#define SALESMETRICS_CORE_PLUGIN_PLUGIN_LOADER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/plugin/metric_registry.h"
#include "salesmetrics/plugin_abi.h"
#include "salesmetrics/sdk.h"

namespace salesmetrics {

struct PluginLoadResult {
  std::string path;
  absl::Status status;                  // OK when loaded
  std::vector<std::string> metric_ids;  // registered, when loaded
};

// Opens one plugin file and runs its init; returns its metrics without
// registering them. `taken` says which metric ids are already in use.
absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> OpenPlugin(
    const std::string& path, const sm_host_api* host, const std::function<bool(const std::string&)>& taken);

// Registers metrics compiled into the server (declarative SQL metrics)
// through the same checks as a plugin's; `source` names where they come from.
absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> RegisterInProcess(
    const std::string& source, const sm_host_api* host, const std::function<void(sdk::Registry&)>& add,
    const std::function<bool(const std::string&)>& taken);

// Loads one plugin file into `registry`, with one log line.
PluginLoadResult LoadPlugin(const std::string& path, const sm_host_api* host, MetricRegistry& registry);

// Loads every *.so file of `directory` in name order. A missing directory
// is an error; refused plugins are not (see each result).
absl::StatusOr<std::vector<PluginLoadResult>> LoadPluginDirectory(const std::string& directory,
                                                                  const sm_host_api* host,
                                                                  MetricRegistry& registry);

// Host functions for registration; the host API table points at them.
int32_t HostRegisterMetric(sm_registrar* registrar, const sm_metric_def* def);
void HostRefuse(sm_registrar* registrar, const char* reason);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_PLUGIN_PLUGIN_LOADER_H_
