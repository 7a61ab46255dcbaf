// Reading the alert rules' configuration file: protobuf text format, checked
// in full, every problem reported with its line.
#ifndef SALESMETRICS_CORE_ALERTS_ALERT_CONFIG_H_
#define SALESMETRICS_CORE_ALERTS_ALERT_CONFIG_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/alerts/alerts_config.pb.h"
#include "salesmetrics/decimal.h"

namespace salesmetrics {

// Where a rule runs: the company, one team or one rep (id), or every team
// or rep (all).
struct AlertScopeConfig {
  enum class Level { kCompany, kTeam, kRep };
  Level level = Level::kCompany;
  std::vector<std::string> ids;  // empty for the company, or for every team/rep
};

// A rule's effective settings: its thresholds, defaults filled in.
struct AlertRuleConfig {
  std::string id;
  std::vector<AlertScopeConfig> scopes;
  std::map<std::string, Decimal> thresholds;  // by field name: "red_below", ...
};

struct AlertSettings {
  absl::Duration evaluation_interval = absl::Minutes(5);
  std::string time_zone_name = "UTC";
  absl::TimeZone zone;
  int fiscal_year_start_month = 1;
  std::vector<AlertRuleConfig> rules;  // the enabled ones
};

// Parses and checks a config text; `file` names it in errors, which read
// "FILE:LINE: problem". A config that names no fiscal year follows the
// company's, `company_fiscal_year_start_month` (1-12).
absl::StatusOr<AlertSettings> ParseAlertSettings(const std::string& text, const std::string& file,
                                                 int company_fiscal_year_start_month);

// Reads and parses a config file; an empty path gives the defaults.
absl::StatusOr<AlertSettings> LoadAlertSettings(const std::string& path, int company_fiscal_year_start_month);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ALERTS_ALERT_CONFIG_H_
