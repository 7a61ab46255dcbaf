// The metrics the server can compute, by id.
//
// Entries are shared_ptrs: a request holds the metric (and through it the
// plugin library) for as long as it computes, so replacing or removing a
// metric never unloads code that is running.
#ifndef SALESMETRICS_CORE_PLUGIN_METRIC_REGISTRY_H_
#define SALESMETRICS_CORE_PLUGIN_METRIC_REGISTRY_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/synchronization/mutex.h"
#include "salesmetrics/plugin_abi.h"
#include "salesmetrics/v1/metric.pb.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics {

// A loaded shared library; closed when the last metric using it goes.
class PluginLibrary {
 public:
  explicit PluginLibrary(void* handle) : handle_(handle) {}
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

 private:
  void* handle_;
};

// Computes metrics outside this process: the worker of an isolated plugin.
class RemoteMetrics {
 public:
  virtual ~RemoteMetrics() = default;
  // The request is already validated against the metric's info.
  virtual absl::StatusOr<salesmetrics::v1::ComputeMetricResponse> Compute(
      const salesmetrics::v1::ComputeMetricRequest& request, absl::Time deadline) const = 0;
};

// A metric as a plugin registered it: computed in this process through its
// plugin's compute function, or by a worker process (an isolated plugin).
class RegisteredMetric {
 public:
  RegisteredMetric(salesmetrics::v1::Metric info, const sm_metric_def& def,
                   std::shared_ptr<PluginLibrary> library)
      : info_(std::move(info)),
        state_(def.state),
        compute_(def.compute),
        destroy_(def.destroy),
        library_(std::move(library)) {}
  RegisteredMetric(salesmetrics::v1::Metric info, std::shared_ptr<const RemoteMetrics> remote)
      : info_(std::move(info)), remote_(std::move(remote)) {}
  ~RegisteredMetric() {
    if (destroy_ != nullptr) destroy_(state_);
  }
  RegisteredMetric(const RegisteredMetric&) = delete;
  RegisteredMetric& operator=(const RegisteredMetric&) = delete;

  const salesmetrics::v1::Metric& info() const { return info_; }
  const std::string& id() const { return info_.metric_id(); }
  // Null for a metric computed in this process.
  const RemoteMetrics* remote() const { return remote_.get(); }
  // Runs an in-process metric's compute.
  int32_t Compute(sm_request* request) const { return compute_(state_, request); }

 private:
  salesmetrics::v1::Metric info_;
  void* state_ = nullptr;
  int32_t (*compute_)(void*, sm_request*) = nullptr;
  void (*destroy_)(void*) = nullptr;
  std::shared_ptr<PluginLibrary> library_;  // released after destroy_ ran
  std::shared_ptr<const RemoteMetrics> remote_;
};

class MetricRegistry {
 public:
  // Adds all of `metrics`, or none when one of their ids is taken
  // (AlreadyExists naming it).
  absl::Status AddAll(const std::vector<std::shared_ptr<const RegisteredMetric>>& metrics);
  // Replaces every metric at once (a reload); requests that hold the old
  // ones finish with them.
  void ReplaceAll(const std::vector<std::shared_ptr<const RegisteredMetric>>& metrics);
  bool Contains(absl::string_view id) const;
  // nullptr when no metric has this id.
  std::shared_ptr<const RegisteredMetric> Find(absl::string_view id) const;
  // All metrics, ordered by id.
  std::vector<std::shared_ptr<const RegisteredMetric>> List() const;
  // Changes after every change of the metrics (never before it).
  uint64_t generation() const { return generation_.load(); }

 private:
  std::atomic<uint64_t> generation_{0};
  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<const RegisteredMetric>, std::less<>> metrics_ ABSL_GUARDED_BY(mu_);
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_PLUGIN_METRIC_REGISTRY_H_
