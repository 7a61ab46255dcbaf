// Renders alerts for people: the active alerts as a table, and each event
// of the alert stream as one line.
#ifndef SALESMETRICS_CLIENTS_CLI_ALERT_PRINTER_H_
#define SALESMETRICS_CLIENTS_CLI_ALERT_PRINTER_H_

#include <string>

#include "absl/time/time.h"
#include "salesmetrics/v1/alerts.pb.h"

namespace salesmetrics::cli {

// How many alerts are active as of when, then a row per alert: severity,
// rule, scope, values, message. Instants are shown in `zone`.
std::string RenderAlerts(const salesmetrics::v1::EvaluateAlertsResponse& response, absl::TimeZone zone);

// "2024-03-01T09:00:00+08:00  ACTIVATED  RED  rule  team t1  name=value; ...  message\n"; a severity
// change names the severity before: "SEVERITY CHANGED  RED (was YELLOW)".
std::string RenderAlertEvent(const salesmetrics::v1::WatchAlertsResponse& event, absl::TimeZone zone);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_ALERT_PRINTER_H_
