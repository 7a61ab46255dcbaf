// A validated ComputeMetricRequest: everything a metric needs to run, with
// defaults filled in. Validation names the field at fault.
#ifndef SALESMETRICS_CORE_ENGINE_COMPUTE_PLAN_H_
#define SALESMETRICS_CORE_ENGINE_COMPUTE_PLAN_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/plugin/metric_registry.h"
#include "core/engine/request_context.h"
#include "core/time/buckets.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics {

struct ComputePlan {
  std::shared_ptr<const RegisteredMetric> metric;
  RequestContext context;
  // [0] is the whole period; with a granularity, the series buckets follow.
  std::vector<TimeWindow> windows;
  std::string group_by;  // empty: not grouped
  // Every declared parameter, validated, in canonical text; defaults filled in.
  std::map<std::string, std::string> parameters;
};

// Validates `request` against `metric`.
absl::StatusOr<ComputePlan> PlanComputation(const salesmetrics::v1::ComputeMetricRequest& request,
                                            std::shared_ptr<const RegisteredMetric> metric, absl::Time now);

// "win_rate" from "win_rate" or "metrics/win_rate".
std::string MetricIdFromName(const std::string& name);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_COMPUTE_PLAN_H_
