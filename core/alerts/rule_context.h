// What an alert rule sees when it runs: the instant, the quarters around
// it, the scope, its thresholds, and ways to compute metrics and read
// targets for that scope.
#ifndef SALESMETRICS_CORE_ALERTS_RULE_CONTEXT_H_
#define SALESMETRICS_CORE_ALERTS_RULE_CONTEXT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/alerts/alert_config.h"
#include "core/db/connection_pool.h"
#include "core/engine/metric_engine.h"
#include "core/time/buckets.h"
#include "salesmetrics/v1/alerts.pb.h"

namespace salesmetrics {

// The metrics one evaluation has computed, by request: rules that need the
// same figure for the same scope (win_rate_drop and marketing_not_sales
// both read two quarters' win rates) share one computation.
using ComputedMetrics = std::map<std::string, salesmetrics::v1::ComputeMetricResponse>;

struct RuleContext {
  const MetricEngine* engine;
  ConnectionPool* pool;
  const AlertSettings* settings;
  const AlertRuleConfig* rule;
  salesmetrics::v1::AlertScope scope;
  absl::Time as_of;
  absl::Time deadline;
  TimeWindow current_quarter;     // contains as_of
  TimeWindow evaluation_quarter;  // the last complete one before as_of
  TimeWindow previous_quarter;    // the one before that
  ComputedMetrics* computed;      // shared by the rules of one evaluation

  // A metric over [window.start, end) for this scope (a team or rep
  // filter); an empty window asks for a snapshot at as_of. Computed once per
  // evaluation.
  absl::StatusOr<salesmetrics::v1::ComputeMetricResponse> Compute(
      const std::string& metric, const TimeWindow& window,
      const std::map<std::string, std::string>& parameters = {}) const;

  // The sum of this scope's `metric` targets lying inside `window`; nullopt
  // when there is none.
  absl::StatusOr<std::optional<double>> Target(const std::string& metric, const TimeWindow& window) const;

  // A threshold of the rule.
  const Decimal& Threshold(const char* name) const { return rule->thresholds.at(name); }

  // An alert of this rule and scope over `window`.
  salesmetrics::v1::Alert MakeAlert(salesmetrics::v1::Severity severity, const TimeWindow& window,
                                    std::string message) const;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ALERTS_RULE_CONTEXT_H_
