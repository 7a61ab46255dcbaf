#include "core/catalog/metric_catalog.h"

#include <algorithm>
#include <filesystem>
#include <set>

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
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (absl::EndsWith(entry.path().filename().string(), suffix)) files.push_back(entry.path().string());
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

absl::StatusOr<std::vector<std::string>> MetricCatalog::ListFiles() const {
  std::vector<std::string> files;
  if (absl::Status s = ListDirectory(plugin_dir_, ".so", files); !s.ok()) return s;
  if (!definitions_dir_.empty()) {
    if (absl::Status s = ListDirectory(definitions_dir_, kDefinitionSuffix, files); !s.ok()) return s;
  }
  std::sort(files.begin(), files.end());
  return files;
}

absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> MetricCatalog::Open(
    const std::string& path, const std::function<bool(const std::string&)>& taken) const {
  if (absl::EndsWith(path, ".so")) return OpenPlugin(path, host_, taken);
  absl::StatusOr<std::shared_ptr<const RegisteredMetric>> metric = LoadSqlMetric(path, pool_, taken);
  if (!metric.ok()) return metric.status();
  return std::vector<std::shared_ptr<const RegisteredMetric>>{*metric};
}

absl::StatusOr<std::vector<SourceReport>> MetricCatalog::Reload() {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::vector<std::string>> files = ListFiles();
  if (!files.ok()) return files.status();

  std::map<std::string, Source> next;
  std::vector<SourceReport> reports;
  std::vector<std::string> changed;
  // Unchanged files keep their metrics (and ids) first.
  for (const std::string& path : *files) {
    std::error_code error;
    const FileVersion version{fs::last_write_time(path, error).time_since_epoch().count(), fs::file_size(path, error)};
    const auto old = sources_.find(path);
    if (old != sources_.end() && old->second.version == version) {
      next[path] = old->second;
      reports.push_back({path, SourceReport::Outcome::kUnchanged, absl::OkStatus(), false, Ids(old->second.metrics)});
    } else {
      next[path].version = version;
      changed.push_back(path);
    }
  }
  for (const std::string& path : changed) {
    const auto taken = [&](const std::string& id) {
      return std::any_of(next.begin(), next.end(), [&](const auto& source) {
        const auto& metrics = source.second.metrics;
        return source.first != path &&
               std::any_of(metrics.begin(), metrics.end(), [&](const auto& m) { return m->id() == id; });
      });
    };
    absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> opened = Open(path, taken);
    SourceReport report{path, SourceReport::Outcome::kLoaded, absl::OkStatus(), false, {}};
    if (opened.ok()) {
      next[path].metrics = *std::move(opened);
    } else {
      report.outcome = SourceReport::Outcome::kRefused;
      report.error = opened.status();
      const auto old = sources_.find(path);
      if (old != sources_.end()) {
        next[path].metrics = old->second.metrics;  // the last good version; retried when the file changes again
        report.kept_previous = true;
      } else {
        next.erase(path);
      }
    }
    if (next.count(path) > 0) report.metric_ids = Ids(next[path].metrics);
    reports.push_back(report);
  }
  for (const auto& [path, source] : sources_) {
    if (next.count(path) == 0 && std::find(changed.begin(), changed.end(), path) == changed.end()) {
      reports.push_back({path, SourceReport::Outcome::kRemoved, absl::OkStatus(), false, {}});
    }
  }

  sources_ = std::move(next);
  std::vector<std::shared_ptr<const RegisteredMetric>> all;
  for (const auto& [path, source] : sources_) all.insert(all.end(), source.metrics.begin(), source.metrics.end());
  registry_->ReplaceAll(all);
  std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  for (const SourceReport& report : reports) LogReport(report);
  return reports;
}

}  // namespace salesmetrics
