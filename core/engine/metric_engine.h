// Computes metrics: validates a request, runs the metric's plugin in a
// read-only transaction on a pooled connection, and assembles the answer.
#ifndef SALESMETRICS_CORE_ENGINE_METRIC_ENGINE_H_
#define SALESMETRICS_CORE_ENGINE_METRIC_ENGINE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/db/connection_pool.h"
#include "core/plugin/metric_registry.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics {

class MetricEngine {
 public:
  // `currency_code` is the tenant's reporting currency, stated on money.
  MetricEngine(const MetricRegistry* registry, ConnectionPool* pool, std::string currency_code)
      : registry_(registry), pool_(pool), currency_code_(std::move(currency_code)) {}

  // NOT_FOUND for an unknown metric, INVALID_ARGUMENT naming a bad field,
  // UNAVAILABLE when the database cannot be reached, DEADLINE_EXCEEDED past
  // `deadline`, INTERNAL when the metric fails.
  absl::StatusOr<salesmetrics::v1::ComputeMetricResponse> Compute(
      const salesmetrics::v1::ComputeMetricRequest& request, absl::Time deadline) const;
  // The same with `metric`, the one Find gave for the request's metric.
  absl::StatusOr<salesmetrics::v1::ComputeMetricResponse> Compute(
      const salesmetrics::v1::ComputeMetricRequest& request, std::shared_ptr<const RegisteredMetric> metric,
      absl::Time deadline) const;

  // The loaded metric of that id; NOT_FOUND when none is.
  absl::StatusOr<std::shared_ptr<const RegisteredMetric>> Find(const std::string& id) const;

  const MetricRegistry& registry() const { return *registry_; }

 private:
  const MetricRegistry* registry_;
  ConnectionPool* pool_;
  std::string currency_code_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_METRIC_ENGINE_H_
