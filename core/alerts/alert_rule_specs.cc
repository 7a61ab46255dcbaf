#include "core/alerts/alert_rule_specs.h"

namespace salesmetrics {

using Level = AlertScopeConfig::Level;

// Lead metrics have no team dimension, and CAC and LTV are company-wide.
const std::vector<AlertRuleSpec>& AlertRuleSpecs() {
  static const auto* specs = new std::vector<AlertRuleSpec>{
      {"mql_pace", {{"red_below", "0.8"}, {"yellow_below", "1"}}, {Level::kCompany, Level::kRep}},
      {"ltv_cac_band", {{"red_below", "1"}, {"blue_at_or_above", "5"}}, {Level::kCompany}},
      {"mql_to_sql_low", {{"yellow_below", "0.20"}}, {Level::kCompany, Level::kRep}},
      {"win_rate_drop", {{"drop_points", "5"}}, {Level::kCompany, Level::kTeam, Level::kRep}},
      {"marketing_not_sales", {}, {Level::kCompany, Level::kTeam, Level::kRep}},
      {"stalled_deals", {}, {Level::kCompany, Level::kTeam, Level::kRep}},
  };
  return *specs;
}

const AlertRuleSpec* FindAlertRuleSpec(const std::string& id) {
  for (const AlertRuleSpec& spec : AlertRuleSpecs()) {
    if (id == spec.id) return &spec;
  }
  return nullptr;
}

}  // namespace salesmetrics
