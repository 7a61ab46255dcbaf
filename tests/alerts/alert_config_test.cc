#include "core/alerts/alert_config.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace salesmetrics {
namespace {

const AlertRuleConfig* Rule(const AlertSettings& settings, const std::string& id) {
  for (const AlertRuleConfig& rule : settings.rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

TEST(AlertConfigTest, DefaultsAreEveryRuleAtCompanyScope) {
  auto settings = ParseAlertSettings("", "alerts.textproto", 1);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->rules.size(), 6u);
  EXPECT_EQ(settings->evaluation_interval, absl::Minutes(5));
  EXPECT_EQ(settings->time_zone_name, "UTC");
  const AlertRuleConfig* pace = Rule(*settings, "mql_pace");
  ASSERT_NE(pace, nullptr);
  EXPECT_EQ(pace->thresholds.at("red_below").ToString(), "0.8");
  EXPECT_EQ(pace->thresholds.at("yellow_below").ToString(), "1");
  EXPECT_EQ(Rule(*settings, "mql_to_sql_low")->thresholds.at("yellow_below").ToString(), "0.2");
  EXPECT_EQ(Rule(*settings, "ltv_cac_band")->thresholds.at("blue_at_or_above").ToString(), "5");
  EXPECT_EQ(Rule(*settings, "win_rate_drop")->thresholds.at("drop_points").ToString(), "5");
  ASSERT_EQ(pace->scopes.size(), 1u);
  EXPECT_EQ(pace->scopes[0].level, AlertScopeConfig::Level::kCompany);
}

TEST(AlertConfigTest, FollowsTheCompanysFiscalYearUnlessItNamesOne) {
  auto company = ParseAlertSettings("time_zone: \"UTC\"", "alerts.textproto", 4);
  ASSERT_TRUE(company.ok()) << company.status();
  EXPECT_EQ(company->fiscal_year_start_month, 4);
  auto own = ParseAlertSettings("fiscal_year_start_month: 7", "alerts.textproto", 4);
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(own->fiscal_year_start_month, 7);
}

TEST(AlertConfigTest, OverridesThresholdsScopesAndSchedule) {
  auto settings = ParseAlertSettings(R"pb(
    evaluation_interval_seconds: 30
    time_zone: "Asia/Shanghai"
    fiscal_year_start_month: 4
    rule { id: "win_rate_drop" drop_points: "10" scope { level: "team" } scope { level: "rep" id: "r1" id: "r2" } }
    rule { id: "ltv_cac_band" enabled: false }
  )pb", "alerts.textproto", 1);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->evaluation_interval, absl::Seconds(30));
  EXPECT_EQ(settings->fiscal_year_start_month, 4);
  EXPECT_EQ(settings->rules.size(), 5u);
  EXPECT_EQ(Rule(*settings, "ltv_cac_band"), nullptr);
  const AlertRuleConfig* drop = Rule(*settings, "win_rate_drop");
  EXPECT_EQ(drop->thresholds.at("drop_points").ToString(), "10");
  ASSERT_EQ(drop->scopes.size(), 2u);
  EXPECT_EQ(drop->scopes[0].level, AlertScopeConfig::Level::kTeam);
  EXPECT_TRUE(drop->scopes[0].ids.empty());
  EXPECT_EQ(drop->scopes[1].ids, (std::vector<std::string>{"r1", "r2"}));
}

// The error names the file, the line and the problem.
void ExpectRefused(const std::string& text, const std::string& expected) {
  auto settings = ParseAlertSettings(text, "alerts.textproto", 1);
  ASSERT_FALSE(settings.ok()) << text;
  EXPECT_EQ(settings.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(settings.status().message(), expected)) << settings.status();
}

TEST(AlertConfigTest, RefusesAWrongFileWithTheLineAndTheProblem) {
  ExpectRefused("evaluation_interval_seconds: 30\nrule { id: \"mql_pase\" }\n",
                "alerts.textproto:2: unknown rule \"mql_pase\"; known: mql_pace, ltv_cac_band");
  ExpectRefused("\n\nrule { id: \"mql_pace\" red_below: \"eighty\" }\n",
                "alerts.textproto:3: red_below \"eighty\" is not a non-negative decimal");
  ExpectRefused("rule { id: \"ltv_cac_band\" scope { level: \"team\" } }\n",
                "alerts.textproto:1: rule ltv_cac_band cannot run at team scope");
  ExpectRefused("rule { id: \"mql_pace\" scope { level: \"team\" } }\n",
                "rule mql_pace cannot run at team scope");  // leads have no team dimension
  ExpectRefused("rule { id: \"stalled_deals\" drop_points: \"3\" }\n", "rule stalled_deals has no threshold drop_points");
  ExpectRefused("rule { id: \"win_rate_drop\" }\nrule { id: \"win_rate_drop\" }\n",
                "alerts.textproto:2: rule \"win_rate_drop\" is configured twice");
  ExpectRefused("time_zone: \"Moon/Base\"\n", "alerts.textproto:1: time_zone: unknown time zone");
  ExpectRefused("evaluation_interval_seconds: 30\nrule { id: \"mql_pace\"\n", "alerts.textproto:3:");
  ExpectRefused("rule { idd: \"mql_pace\" }", "alerts.textproto:1:");
}

TEST(AlertConfigTest, LoadsAFileOrTheDefaults) {
  EXPECT_TRUE(LoadAlertSettings("", 1).ok());
  EXPECT_EQ(LoadAlertSettings("/nonexistent/alerts.textproto", 1).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace salesmetrics
