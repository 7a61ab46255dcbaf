// A plugin run isolated: its metrics are computed by a worker process of
// its own (server/plugin_worker.h), supervised from here.
//
//  - A worker that crashes (or is killed by its memory limit) fails only the
//    requests it was computing, with UNAVAILABLE; it is restarted after a
//    backoff of 100 ms that doubles, up to 30 s, while it keeps failing.
//  - A request the worker has not answered one second past its deadline
//    means the worker hangs: it is killed and replaced.
//  - A plugin computes at most max_concurrent_requests requests at once
//    (its worker has as many threads); more get RESOURCE_EXHAUSTED, so a
//    plugin that hangs holds no more of the server's threads than that.
//  - A plugin whose init refuses, fails or takes longer than init_timeout
//    is refused, as an in-process plugin would be.
//
// Requests are validated before they get here; the worker validates again.
#ifndef SALESMETRICS_SERVER_ISOLATED_PLUGIN_H_
#define SALESMETRICS_SERVER_ISOLATED_PLUGIN_H_

#include <sys/types.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/plugin/metric_registry.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "server/server_config.pb.h"

namespace salesmetrics {

struct IsolationOptions {
  std::string server_binary;  // this server's binary, run in worker mode
  int64_t memory_limit_bytes = 0;
  absl::Duration init_timeout;
  // database_url, pool_size, currency_code, max_request_seconds and
  // max_concurrent_requests of every worker; the plugin fields are filled
  // in per plugin.
  salesmetrics::server::PluginWorkerConfig worker;
};

class IsolatedPlugin final : public RemoteMetrics {
 public:
  // Starts the worker of the plugin at `path` and returns the plugin's
  // metrics, or the reason it is refused. `taken` says which metric ids are
  // served by other files.
  static absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> Open(
      const std::string& path, const std::function<bool(const std::string&)>& taken, const IsolationOptions& options);

  ~IsolatedPlugin() override;

  absl::StatusOr<salesmetrics::v1::ComputeMetricResponse> Compute(
      const salesmetrics::v1::ComputeMetricRequest& request, absl::Time deadline) const override;

 private:
  struct Worker {
    pid_t pid = 0;
    int config_fd = -1;
    std::shared_ptr<salesmetrics::v1::MetricsService::Stub> stub;
  };

  IsolatedPlugin(std::string path, int plugin_fd, IsolationOptions options);
  // Spawns a worker and waits until its plugin is loaded.
  absl::StatusOr<Worker> Launch() const;
  // Waits for the current worker to exit and starts the next, until stopped.
  void Supervise();
  // Kills the worker `pid` if it is still the current one.
  void Kill(pid_t pid) const;

  const std::string path_;  // the plugin file as configured
  const std::string name_;  // its file name, for messages to clients
  const int plugin_fd_;     // the copy in memory every worker loads
  const IsolationOptions options_;
  mutable std::atomic<int> in_flight_{0};
  mutable absl::Mutex mu_;
  // pid 0 while none is ready; cleared before the worker is reaped, so that
  // no pid is signalled after it could be another process's.
  Worker current_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread supervisor_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ISOLATED_PLUGIN_H_
