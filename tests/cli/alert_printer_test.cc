#include "clients/cli/alert_printer.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/cli/text_proto.h"

namespace salesmetrics::cli {
namespace {

namespace v1 = salesmetrics::v1;

constexpr char kMqlAlert[] = R"pb(
  rule: "mql_to_sql_low"
  severity: SEVERITY_RED
  scope { level: LEVEL_TEAM id: "t1" }
  message: "Fewer MQLs become SQLs: review lead quality"
  values {
    name: "mql_to_sql"
    value {
      ratio: 0.12
      fraction { count_numerator: 3 count_denominator: 25 }
    }
  }
  values {
    name: "threshold"
    value { ratio: 0.2 }
  }
)pb";

constexpr char kWinRateAlert[] = R"pb(
  rule: "big_deal"
  severity: SEVERITY_BLUE
  scope { level: LEVEL_COMPANY }
  message: "A deal above 1,000,000.00 CNY"
  values {
    name: "amount"
    value { money { currency_code: "CNY" minor_units: 123456789 } }
  }
)pb";

TEST(RenderAlertsTest, PrintsARowPerAlert) {
  const auto response = ParseTextProto<v1::EvaluateAlertsResponse>(
      absl::StrCat("as_of { seconds: 1709280000 } alerts {", kMqlAlert, "} alerts {", kWinRateAlert, "}"));
  EXPECT_EQ(RenderAlerts(response, absl::UTCTimeZone()),
            "2 active alerts as of 2024-03-01T08:00:00+00:00\n"
            "\n"
            "severity  rule            scope    values                                           message\n"
            "--------  --------------  -------  -----------------------------------------------  "
            "-------------------------------------------\n"
            "RED       mql_to_sql_low  team t1  mql_to_sql=12.00 %  (3 / 25); threshold=20.00 %  "
            "Fewer MQLs become SQLs: review lead quality\n"
            "BLUE      big_deal        company  amount=1,234,567.89 CNY                          "
            "A deal above 1,000,000.00 CNY\n");
}

TEST(RenderAlertsTest, SaysWhenNoAlertIsActive) {
  const auto response = ParseTextProto<v1::EvaluateAlertsResponse>("as_of { seconds: 1709280000 }");
  EXPECT_EQ(RenderAlerts(response, absl::FixedTimeZone(8 * 3600)),
            "no active alerts as of 2024-03-01T16:00:00+08:00\n");
}

TEST(RenderAlertEventTest, PrintsOneLinePrefixedWithTimeAndChange) {
  const auto event = ParseTextProto<v1::WatchAlertsResponse>(
      absl::StrCat("change: CHANGE_ACTIVATED evaluated_at { seconds: 1709280000 } alert {", kMqlAlert, "}"));
  EXPECT_EQ(RenderAlertEvent(event, absl::UTCTimeZone()),
            "2024-03-01T08:00:00+00:00  ACTIVATED  RED  mql_to_sql_low  team t1  "
            "mql_to_sql=12.00 %  (3 / 25); threshold=20.00 %  Fewer MQLs become SQLs: review lead quality\n");
}

TEST(RenderAlertEventTest, NamesTheSeverityBeforeASeverityChange) {
  const auto event = ParseTextProto<v1::WatchAlertsResponse>(absl::StrCat(
      "change: CHANGE_SEVERITY_CHANGED previous_severity: SEVERITY_YELLOW evaluated_at { seconds: 1709280000 } "
      "alert {",
      kMqlAlert, "}"));
  EXPECT_EQ(RenderAlertEvent(event, absl::UTCTimeZone()),
            "2024-03-01T08:00:00+00:00  SEVERITY CHANGED  RED (was YELLOW)  mql_to_sql_low  team t1  "
            "mql_to_sql=12.00 %  (3 / 25); threshold=20.00 %  Fewer MQLs become SQLs: review lead quality\n");
}

TEST(RenderAlertEventTest, LeavesOutWhatTheAlertLacks) {
  const auto event = ParseTextProto<v1::WatchAlertsResponse>(R"pb(
    change: CHANGE_RESOLVED
    evaluated_at { seconds: 1709280000 }
    alert {
      rule: "stalled"
      severity: SEVERITY_YELLOW
      scope { level: LEVEL_REP id: "r7" }
    }
  )pb");
  EXPECT_EQ(RenderAlertEvent(event, absl::UTCTimeZone()),
            "2024-03-01T08:00:00+00:00  RESOLVED  YELLOW  stalled  rep r7\n");
}

}  // namespace
}  // namespace salesmetrics::cli
