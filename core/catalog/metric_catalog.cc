#include "core/catalog/metric_catalog.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/declarative/sql_metric.h"
#include "core/plugin/plugin_loader.h"
#include "core/util/log.h"

namespace salesmetrics {
namespace {

namespace fs = std::filesystem;

constexpr char kDefinitionSuffix[] = ".textproto";

absl::Status ListDirectory(const std::string& dir, absl::string_view suffix, std::vector<std::string>& files) {
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error) && absl::EndsWith(it->path().filename().string(), suffix)) {
      files.push_back(it->path().string());
    }
  }
  if (error) return absl::NotFoundError(absl::StrCat("cannot read directory ", dir, ": ", error.message()));
  return absl::OkStatus();
}

std::vector<std::string> Ids(const std::vector<std::shared_ptr<const RegisteredMetric>>& metrics) {
  std::vector<std::string> ids;
  for (const auto& m : metrics) ids.push_back(m->id());
  return ids;
}

void LogReport(const SourceReport& report) {
  switch (report.outcome) {
    case SourceReport::Outcome::kLoaded:
      LogInfo(absl::StrCat("metrics loaded: ", report.path, ": ", absl::StrJoin(report.metric_ids, ", ")));
      break;
    case SourceReport::Outcome::kRemoved:
      LogInfo(absl::StrCat("metrics removed: ", report.path));
      break;
    case SourceReport::Outcome::kRefused:
      // A definition's errors already start with its path (and line).
      LogError(absl::StrCat(absl::EndsWith(report.path, ".so") ? "plugin refused: " : "definition refused: ",
                            absl::StartsWith(report.error.message(), report.path) ? "" : report.path + ": ",
                            report.error.message(),
                            report.kept_previous ? " (the previous version goes on serving)" : ""));
      break;
    case SourceReport::Outcome::kUnchanged:
      break;
  }
}

}  // namespace

MetricCatalog::MetricCatalog(std::string plugin_dir, std::string definitions_dir, const sm_host_api* host,
                             MetricRegistry* registry, ConnectionPool* pool)
    : plugin_dir_(std::move(plugin_dir)),
      definitions_dir_(std::move(definitions_dir)),
      host_(host),
      registry_(registry),
      pool_(pool) {}

void MetricCatalog::AddIsolatedDirectory(
    std::string dir, std::function<absl::StatusOr<Metrics>(const std::string& path, const TakenFn& taken)> open) {
  isolated_dir_ = fs::path(dir).lexically_normal().string();
  if (isolated_dir_.size() > 1 && isolated_dir_.back() == '/') isolated_dir_.pop_back();
  open_isolated_ = std::move(open);
}

bool MetricCatalog::IsIsolated(const std::string& path) const {
  return !isolated_dir_.empty() && fs::path(path).parent_path().lexically_normal().string() == isolated_dir_;
}

absl::StatusOr<std::vector<std::string>> MetricCatalog::ListFiles() const {
  std::vector<std::string> files;
  if (absl::Status s = ListDirectory(plugin_dir_, ".so", files); !s.ok()) return s;
  if (!isolated_dir_.empty()) {
    if (absl::Status s = ListDirectory(isolated_dir_, ".so", files); !s.ok()) return s;
  }
  if (!definitions_dir_.empty()) {
    if (absl::Status s = ListDirectory(definitions_dir_, kDefinitionSuffix, files); !s.ok()) return s;
  }
  std::sort(files.begin(), files.end());
  return files;
}

absl::StatusOr<MetricCatalog::Metrics> MetricCatalog::Open(const std::string& path, const TakenFn& taken) const {
  try {
    if (IsIsolated(path)) return open_isolated_(path, taken);
    if (absl::EndsWith(path, ".so")) return OpenPlugin(path, host_, taken);
    absl::StatusOr<std::shared_ptr<const RegisteredMetric>> metric = LoadSqlMetric(path, pool_, taken);
    if (!metric.ok()) return metric.status();
    return std::vector<std::shared_ptr<const RegisteredMetric>>{*metric};
  } catch (const std::exception& e) {  // a reload must not take the server down
    return absl::InternalError(absl::StrCat("loading failed: ", e.what()));
  }
}

MetricCatalog::FileVersion MetricCatalog::VersionOf(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return {};
  return {info.st_ino, info.st_size, absl::TimeFromTimespec(info.st_mtim), absl::TimeFromTimespec(info.st_ctim)};
}

absl::StatusOr<std::vector<SourceReport>> MetricCatalog::Reload() {
  // A reload that hangs (a plugin's init that never returns) must not
  // make the next ones, or their callers, wait with it.
  if (!mu_.TryLock()) return absl::AbortedError("a reload is already running; try again when it has ended");
  absl::StatusOr<std::vector<SourceReport>> reports = ReloadLocked();
  mu_.Unlock();
  return reports;
}

absl::StatusOr<std::vector<SourceReport>> MetricCatalog::ReloadLocked() {
  absl::StatusOr<std::vector<std::string>> files = ListFiles();
  if (!files.ok()) return files.status();

  // Every file starts with what it served so far (a changed file keeps its
  // metrics until its new version loads), so an id a file serves cannot be
  // taken by another one during the reload.
  std::map<std::string, Source> next;
  std::vector<SourceReport> reports;
  std::vector<std::pair<std::string, FileVersion>> changed;
  for (const std::string& path : *files) {
    const FileVersion version = VersionOf(path);
    const auto old = sources_.find(path);
    if (old != sources_.end()) next[path] = old->second;
    if (old == sources_.end() || !(old->second.version == version)) {
      changed.emplace_back(path, version);
    } else if (!old->second.refusal.ok()) {
      reports.push_back(Refusal(path, old->second));
    } else {
      reports.push_back({path, SourceReport::Outcome::kUnchanged, absl::OkStatus(), false, Ids(old->second.metrics)});
    }
  }
  for (const auto& [path, version] : changed) {
    const auto taken = [&, &path = path](const std::string& id) {
      return std::any_of(next.begin(), next.end(), [&](const auto& source) {
        const auto& metrics = source.second.metrics;
        return source.first != path &&
               std::any_of(metrics.begin(), metrics.end(), [&](const auto& m) { return m->id() == id; });
      });
    };
    absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> opened = Open(path, taken);
    Source& source = next[path];
    if (opened.ok()) {
      source = {version, *std::move(opened), absl::OkStatus()};
      reports.push_back({path, SourceReport::Outcome::kLoaded, absl::OkStatus(), false, Ids(source.metrics)});
      continue;
    }
    // Refused: the last good metrics (if any) go on serving. A file that
    // could not be checked because the database was unreachable is tried
    // again at the next reload; any other refusal stands until it changes.
    source.refusal = opened.status();
    if (!absl::IsUnavailable(opened.status())) source.version = version;
    reports.push_back(Refusal(path, source));
  }
  for (const auto& [path, source] : sources_) {
    if (next.count(path) == 0) reports.push_back({path, SourceReport::Outcome::kRemoved, absl::OkStatus(), false, {}});
  }

  sources_ = std::move(next);
  std::vector<std::shared_ptr<const RegisteredMetric>> all;
  for (const auto& [path, source] : sources_) all.insert(all.end(), source.metrics.begin(), source.metrics.end());
  registry_->ReplaceAll(all);
  std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  for (const SourceReport& report : reports) LogReport(report);
  return reports;
}

SourceReport MetricCatalog::Refusal(const std::string& path, const Source& source) {
  return {path, SourceReport::Outcome::kRefused, source.refusal, !source.metrics.empty(), Ids(source.metrics)};
}

}  // namespace salesmetrics
