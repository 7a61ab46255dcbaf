// The six built-in alert rules (kpis.md, "Alerts"): their thresholds with
// the defaults, and the scopes each can run at.
#ifndef SALESMETRICS_CORE_ALERTS_ALERT_RULE_SPECS_H_
#define SALESMETRICS_CORE_ALERTS_ALERT_RULE_SPECS_H_

#include <string>
#include <utility>
#include <vector>

#include "core/alerts/alert_config.h"

namespace salesmetrics {

struct AlertRuleSpec {
  const char* id;
  std::vector<std::pair<const char*, const char*>> thresholds;  // field, default
  std::vector<AlertScopeConfig::Level> levels;                  // where it can run
};

const std::vector<AlertRuleSpec>& AlertRuleSpecs();

// nullptr for an unknown id.
const AlertRuleSpec* FindAlertRuleSpec(const std::string& id);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ALERTS_ALERT_RULE_SPECS_H_
