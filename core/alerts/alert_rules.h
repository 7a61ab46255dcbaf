// The six built-in alert rules (kpis.md, "Alerts"), each a function that
// runs at one scope and appends the alert it raises, if any. A threshold
// met exactly does not trigger.
#ifndef SALESMETRICS_CORE_ALERTS_ALERT_RULES_H_
#define SALESMETRICS_CORE_ALERTS_ALERT_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/alerts/rule_context.h"

namespace salesmetrics {

using AlertRuleFn = absl::Status (*)(const RuleContext& context, std::vector<salesmetrics::v1::Alert>& alerts);

// nullptr for an unknown id.
AlertRuleFn FindAlertRule(const std::string& id);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ALERTS_ALERT_RULES_H_
