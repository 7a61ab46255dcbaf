#include "core/engine/metric_engine.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/engine/compute_plan.h"
#include "core/engine/host_api.h"
#include "core/engine/result_collector.h"
#include "core/util/quote.h"

namespace salesmetrics {
namespace {

// Runs one pass of the metric: ungrouped, or grouped by plan.group_by.
absl::Status RunPass(const ComputePlan& plan, bool grouped, ConnectionPool::Lease& lease, ResultCollector& results,
                     AdditiveMemo& memo) {
  sm_request request{&plan, grouped, &lease, &results, absl::OkStatus(), &memo};
  const int32_t rc = plan.metric->Compute(&request);
  if (!request.failure.ok()) return request.failure;
  if (rc != 0) return absl::InternalError(absl::StrCat("metric ", plan.metric->id(), " failed without a reason"));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const RegisteredMetric>> MetricEngine::Find(const std::string& id) const {
  std::shared_ptr<const RegisteredMetric> metric = registry_->Find(id);
  if (metric == nullptr) {
    return absl::NotFoundError(absl::StrCat("no metric ", Quote(id), " is loaded; ListMetrics lists those that are"));
  }
  return metric;
}

absl::StatusOr<salesmetrics::v1::ComputeMetricResponse> MetricEngine::Compute(
    const salesmetrics::v1::ComputeMetricRequest& request, absl::Time deadline) const {
  absl::StatusOr<std::shared_ptr<const RegisteredMetric>> metric = Find(MetricIdFromName(request.metric()));
  if (!metric.ok()) return metric.status();
  return Compute(request, *std::move(metric), deadline);
}

absl::StatusOr<salesmetrics::v1::ComputeMetricResponse> MetricEngine::Compute(
    const salesmetrics::v1::ComputeMetricRequest& request, std::shared_ptr<const RegisteredMetric> metric,
    absl::Time deadline) const {
  absl::StatusOr<ComputePlan> plan = PlanComputation(request, metric, absl::Now());
  if (!plan.ok()) return plan.status();
  if (metric->remote() != nullptr) return metric->remote()->Compute(request, deadline);

  absl::StatusOr<ConnectionPool::Lease> lease = pool_->AcquireReader(deadline);
  if (!lease.ok()) return lease.status();

  ResultCollector results(metric->info(), currency_code_);
  AdditiveMemo memo;
  if (absl::Status s = RunPass(*plan, /*grouped=*/false, *lease, results, memo); !s.ok()) return s;
  if (!plan->group_by.empty()) {
    if (absl::Status s = RunPass(*plan, /*grouped=*/true, *lease, results, memo); !s.ok()) return s;
  }
  return results.Build(*plan);
}

}  // namespace salesmetrics
