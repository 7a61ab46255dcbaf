// A plugin run isolated: its metrics are computed by a worker process of
// its own (server/plugin_worker.h), supervised from here.
//
//  - A worker that crashes (or is killed by its memory limit) fails only the
//    requests it was computing, with UNAVAILABLE; it is restarted after a
//    backoff of 100 ms that doubles, up to 30 s, while it keeps failing.
//  - A request the worker has not answered one second past its deadline
//    means the worker hangs: it is killed and replaced.
//  - A plugin whose init refuses, fails or takes longer than init_timeout
//    is refused, as an in-process plugin would be.
//
// Requests are validated before they get here; the worker validates again.
#ifndef SALESMETRICS_SERVER_ISOLATED_PLUGIN_H_
#define SALESMETRICS_SERVER_ISOLATED_PLUGIN_H_

#include <sys/types.h>

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
  // database_url, pool_size, currency_code and max_request_seconds of
  // every worker; the plugin fields are filled in per plugin.
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

  IsolatedPlugin(std::string path, std::string copy_dir, IsolationOptions options);
  // Spawns a worker and waits until its plugin is loaded.
  absl::StatusOr<Worker> Launch() const;
  // Waits for the worker to exit and starts the next, until stopped.
  void Supervise(Worker first);
  // Kills the worker `pid` if it is still the current one.
  void Kill(pid_t pid) const;

  const std::string path_;      // the plugin file as configured
  const std::string copy_dir_;  // private; holds the copy every worker loads
  const IsolationOptions options_;
  mutable absl::Mutex mu_;
  Worker current_ ABSL_GUARDED_BY(mu_);  // pid 0 while none is ready
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread supervisor_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ISOLATED_PLUGIN_H_
