// Evaluates the enabled alert rules at an instant (kpis.md, "Alerts"),
// computing their metrics through the metric engine, so that an alert
// always agrees with the metric it is about.
//
// Unless configured otherwise a rule looks at the last complete fiscal
// quarter before as_of (its previous period being the quarter before);
// mql_pace at the quarter containing as_of; stalled_deals at as_of.
#ifndef SALESMETRICS_CORE_ALERTS_ALERT_EVALUATOR_H_
#define SALESMETRICS_CORE_ALERTS_ALERT_EVALUATOR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/alerts/alert_config.h"
#include "core/db/connection_pool.h"
#include "core/engine/metric_engine.h"
#include "salesmetrics/v1/alerts.pb.h"

namespace salesmetrics {

class AlertEvaluator {
 public:
  AlertEvaluator(const MetricEngine* engine, ConnectionPool* pool, AlertSettings settings)
      : engine_(engine), pool_(pool), settings_(std::move(settings)) {}

  // The active alerts at `as_of`, by rule, then scope.
  absl::StatusOr<std::vector<salesmetrics::v1::Alert>> Evaluate(absl::Time as_of, absl::Time deadline) const;

  const AlertSettings& settings() const { return settings_; }

 private:
  const MetricEngine* engine_;
  ConnectionPool* pool_;
  AlertSettings settings_;
};

// A key that identifies an alert across evaluations: rule and scope.
std::string AlertKey(const salesmetrics::v1::Alert& alert);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ALERTS_ALERT_EVALUATOR_H_
