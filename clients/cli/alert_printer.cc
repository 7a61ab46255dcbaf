#include "clients/cli/alert_printer.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/enum_label.h"
#include "clients/cli/period_format.h"
#include "clients/cli/text_table.h"
#include "clients/cli/value_format.h"

namespace salesmetrics::cli {
namespace {

namespace v1 = salesmetrics::v1;

constexpr char kFieldGap[] = "  ";

std::string Upper(std::string text) { return absl::AsciiStrToUpper(text); }

std::string FormatSeverity(v1::Severity severity) { return Upper(EnumLabel(v1::Severity_Name(severity), "SEVERITY_")); }

// "company", "team t1", "rep r7".
std::string FormatScope(const v1::AlertScope& scope) {
  const std::string level = EnumLabel(v1::AlertScope::Level_Name(scope.level()), "LEVEL_");
  return scope.id().empty() ? level : absl::StrCat(level, " ", scope.id());
}

// "name=value; ...": values may hold commas ("1,234.00 CNY"), semicolons they do not.
std::string FormatAlertValues(const v1::Alert& alert) {
  return absl::StrJoin(alert.values(), "; ", [](std::string* out, const v1::Measure& measure) {
    absl::StrAppend(out, measure.name(), "=", FormatValue(measure.value()));
  });
}

// "SEVERITY CHANGED  RED (was YELLOW)", "ACTIVATED  RED".
std::string FormatChange(const v1::WatchAlertsResponse& event) {
  std::string text = absl::StrCat(Upper(EnumLabel(v1::WatchAlertsResponse::Change_Name(event.change()), "CHANGE_")),
                                  kFieldGap, FormatSeverity(event.alert().severity()));
  if (event.change() == v1::WatchAlertsResponse::CHANGE_SEVERITY_CHANGED) {
    absl::StrAppend(&text, " (was ", FormatSeverity(event.previous_severity()), ")");
  }
  return text;
}

}  // namespace

std::string RenderAlerts(const v1::EvaluateAlertsResponse& response, absl::TimeZone zone) {
  const std::string as_of = FormatInstant(response.as_of(), zone);
  if (response.alerts().empty()) return absl::StrCat("no active alerts as of ", as_of, "\n");
  // The message, free text and often long, comes last: a terminal wraps it without breaking the columns.
  TextTable table({{"severity"}, {"rule"}, {"scope"}, {"values"}, {"message"}});
  for (const v1::Alert& alert : response.alerts()) {
    table.AddRow({FormatSeverity(alert.severity()), alert.rule(), FormatScope(alert.scope()), FormatAlertValues(alert),
                  alert.message()});
  }
  return absl::StrCat(response.alerts_size(), response.alerts_size() == 1 ? " active alert" : " active alerts",
                      " as of ", as_of, "\n\n", table.Render());
}

std::string RenderAlertEvent(const v1::WatchAlertsResponse& event, absl::TimeZone zone) {
  const v1::Alert& alert = event.alert();
  std::vector<std::string> fields = {FormatInstant(event.evaluated_at(), zone),
                                     FormatChange(event),
                                     alert.rule(),
                                     FormatScope(alert.scope()),
                                     FormatAlertValues(alert),
                                     alert.message()};
  fields.erase(std::remove(fields.begin(), fields.end(), ""), fields.end());
  return absl::StrCat(absl::StrJoin(fields, kFieldGap), "\n");
}

}  // namespace salesmetrics::cli
