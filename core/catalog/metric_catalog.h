// The server's metrics: the plugins of a directory and the declarative
// metrics of another, loaded at start and reloaded on demand (SIGHUP, or
// the admin RPC) without a restart.
//
// A reload loads new and changed files, drops the metrics of removed ones,
// and leaves unchanged files alone. When a changed file fails to load, the
// last good version of its metrics goes on serving, and every reload
// reports the failure until the file changes again. Requests in flight finish on the code they started with: a
// library is closed only when no metric of it is in use.
#ifndef SALESMETRICS_CORE_CATALOG_METRIC_CATALOG_H_
#define SALESMETRICS_CORE_CATALOG_METRIC_CATALOG_H_

#include <sys/types.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/db/connection_pool.h"
#include "core/plugin/metric_registry.h"
#include "salesmetrics/plugin_abi.h"

namespace salesmetrics {

// What a reload did with one file.
struct SourceReport {
  enum class Outcome { kLoaded, kUnchanged, kRemoved, kRefused };
  std::string path;
  Outcome outcome;
  absl::Status error;                   // for kRefused
  bool kept_previous = false;           // kRefused: the last good version still serves
  std::vector<std::string> metric_ids;  // serving from this file after the reload
};

class MetricCatalog {
 public:
  using TakenFn = std::function<bool(const std::string&)>;
  using Metrics = std::vector<std::shared_ptr<const RegisteredMetric>>;

  // `definitions_dir` may be empty (no declarative metrics). `pool`
  // prepares declarative SQL when it is loaded.
  MetricCatalog(std::string plugin_dir, std::string definitions_dir, const sm_host_api* host,
                MetricRegistry* registry, ConnectionPool* pool);

  // The plugins of `dir` are opened by `open`, which runs them isolated in
  // worker processes, instead of in this process. Call before Reload.
  void AddIsolatedDirectory(std::string dir,
                            std::function<absl::StatusOr<Metrics>(const std::string& path, const TakenFn& taken)> open);

  // Scans the directories and updates the registry. Fails only when a
  // directory cannot be read, or with ABORTED while another reload runs;
  // each file's fate is in the report, and logged.
  absl::StatusOr<std::vector<SourceReport>> Reload();

 private:
  absl::StatusOr<std::vector<SourceReport>> ReloadLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // What tells a changed file: replaced (inode), rewritten (size, times).
  struct FileVersion {
    ino_t inode = 0;
    off_t size = 0;
    absl::Time modified;
    absl::Time changed;
    bool operator==(const FileVersion&) const = default;
  };
  struct Source {
    FileVersion version;
    std::vector<std::shared_ptr<const RegisteredMetric>> metrics;  // serving
    absl::Status refusal;  // why this version of the file was refused
  };

  static FileVersion VersionOf(const std::string& path);
  static SourceReport Refusal(const std::string& path, const Source& source);
  absl::StatusOr<std::vector<std::string>> ListFiles() const;
  absl::StatusOr<Metrics> Open(const std::string& path, const TakenFn& taken) const;
  bool IsIsolated(const std::string& path) const;

  const std::string plugin_dir_;
  const std::string definitions_dir_;
  std::string isolated_dir_;
  std::function<absl::StatusOr<Metrics>(const std::string&, const TakenFn&)> open_isolated_;
  const sm_host_api* host_;
  MetricRegistry* registry_;
  ConnectionPool* pool_;
  absl::Mutex mu_;  // one reload at a time
  std::map<std::string, Source> sources_ ABSL_GUARDED_BY(mu_);
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_CATALOG_METRIC_CATALOG_H_
