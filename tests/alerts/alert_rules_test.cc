// Each rule at its threshold edges (a threshold met exactly does not
// trigger), on SQLite and PostgreSQL. as_of is 2024-05-16 12:00 UTC: the
// current quarter is Q2 2024 (91 days, 45.5 elapsed), the evaluation
// quarter Q1 2024 and the one before Q4 2023.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/alerts/alert_evaluator.h"
#include "core/alerts/alert_rule_specs.h"
#include "core/time/civil_time.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

constexpr char kAsOf[] = "2024-05-16T12:00:00Z";

constexpr char kPeople[] = R"sql(
INSERT INTO teams (id, name, region) VALUES ('t1', 'East', 'east'), ('t2', 'West', 'west');
INSERT INTO sales_reps (id, name, team_id) VALUES ('r1', 'Ann', 't1'), ('r2', 'Bob', 't2');
INSERT INTO accounts (id, name, created_at) VALUES ('a1', 'Acme', '2023-01-01 00:00:00'),
  ('a2', 'Bolt', '2023-01-01 00:00:00');
INSERT INTO pipeline_stages (id, name, position, win_probability) VALUES ('s1', 'Qualify', 1, 10), ('s2', 'Close', 2, 90)
)sql";

// An opportunity row; closed_at empty for an open one.
std::string Deal(const std::string& id, const std::string& status, int64_t amount, const std::string& created,
                 const std::string& closed, const std::string& rep = "r1", const std::string& account = "a1") {
  return absl::StrCat(
      "INSERT INTO opportunities (id, account_id, owner_rep_id, amount_minor, created_at, stage_id, status, "
      "closed_at, is_key) VALUES ('", id, "', '", account, "', '", rep, "', ", amount, ", '", created, "', 's1', '",
      status, "', ", closed.empty() ? "NULL" : absl::StrCat("'", closed, "'"), ", FALSE)");
}

std::string Leads(int count, const std::string& mql_at, const std::string& sql_at = "") {
  std::string sql;
  for (int i = 0; i < count; ++i) {
    absl::StrAppend(&sql, "INSERT INTO leads (id, created_at, mql_at, sql_at) VALUES ('l", mql_at.substr(0, 10), "_",
                    i, "', '", mql_at, "', '", mql_at, "', ", sql_at.empty() ? "NULL" : absl::StrCat("'", sql_at, "'"),
                    ");\n");
  }
  return sql;
}

class AlertRulesTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kPeople);
  }

  // Evaluates `rule` alone, configured by `settings` (the inside of its
  // rule { } block), at kAsOf.
  std::vector<v1::Alert> Evaluate(const std::string& rule, const std::string& settings = "") {
    std::string config = absl::StrCat("rule { id: \"", rule, "\" ", settings, " }\n");
    for (const AlertRuleSpec& spec : AlertRuleSpecs()) {
      if (rule != spec.id) absl::StrAppend(&config, "rule { id: \"", spec.id, "\" enabled: false }\n");
    }
    auto parsed = ParseAlertSettings(config, "test", 1);
    EXPECT_TRUE(parsed.ok()) << parsed.status();
    const AlertEvaluator evaluator(engine_.get(), pool_.get(), *std::move(parsed));
    auto alerts = evaluator.Evaluate(*ParseInstant(kAsOf), absl::Now() + absl::Seconds(60));
    EXPECT_TRUE(alerts.ok()) << alerts.status();
    return alerts.ok() ? *alerts : std::vector<v1::Alert>{};
  }
};

std::vector<v1::Severity> Severities(const std::vector<v1::Alert>& alerts) {
  std::vector<v1::Severity> out;
  for (const v1::Alert& a : alerts) out.push_back(a.severity());
  return out;
}

using S = std::vector<v1::Severity>;

TEST_P(AlertRulesTest, MqlPaceAtExactlyEightyPercentIsYellowNotRed) {
  // Target 10 for Q2, prorated at 45.5 / 91 days: 5. Four MQLs are 80 % of
  // the pace: not red, but below 100 %: yellow.
  Load("INSERT INTO targets VALUES ('tq', 'mql_count', 'company', NULL, '2024-04-01', '2024-07-01', 10)");
  Load(Leads(4, "2024-04-10 00:00:00"));
  const auto alerts = Evaluate("mql_pace");
  EXPECT_EQ(Severities(alerts), S{v1::SEVERITY_YELLOW});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_TRUE(IsCount(alerts[0].values(0).value(), 4));
  EXPECT_TRUE(IsNumber(alerts[0].values(2).value(), 5));  // prorated target
  EXPECT_FALSE(alerts[0].message().empty());
}

TEST_P(AlertRulesTest, MqlPaceBelowEightyPercentIsRedAndOnPaceIsQuiet) {
  Load("INSERT INTO targets VALUES ('tq', 'mql_count', 'company', NULL, '2024-04-01', '2024-07-01', 10)");
  Load(Leads(3, "2024-04-10 00:00:00"));  // 60 %
  EXPECT_EQ(Severities(Evaluate("mql_pace")), S{v1::SEVERITY_RED});
  Load(Leads(2, "2024-04-11 00:00:00"));  // 5 of 5: exactly on pace
  EXPECT_TRUE(Evaluate("mql_pace").empty());
}

TEST_P(AlertRulesTest, MqlPaceNeedsATarget) {
  Load(Leads(1, "2024-04-10 00:00:00"));
  EXPECT_TRUE(Evaluate("mql_pace").empty());
}

TEST_P(AlertRulesTest, LtvCacBandEdges) {
  // One new customer in Q1 (a1) and 1000 of spend: LTV:CAC is a1's payments
  // by as_of / 1000.
  Load(Deal("o1", "won", 5000, "2024-01-05 00:00:00", "2024-02-10 00:00:00"));
  Load("INSERT INTO expenses VALUES ('e1', '2024-02-01', 'marketing', 'web', 1000)");
  Load("INSERT INTO payments VALUES ('p1', 'a1', 'o1', '2024-03-01 00:00:00', 999)");
  EXPECT_EQ(Severities(Evaluate("ltv_cac_band")), S{v1::SEVERITY_RED});  // 0.999
  Load("INSERT INTO payments VALUES ('p2', 'a1', 'o1', '2024-03-02 00:00:00', 1)");
  EXPECT_TRUE(Evaluate("ltv_cac_band").empty());  // exactly 1: not red
  Load("INSERT INTO payments VALUES ('p3', 'a1', 'o1', '2024-03-03 00:00:00', 2000)");
  EXPECT_TRUE(Evaluate("ltv_cac_band").empty());                                    // exactly 3: green
  EXPECT_TRUE(Evaluate("ltv_cac_band", "red_below: \"3\"").empty());              // met exactly: not red
  EXPECT_EQ(Severities(Evaluate("ltv_cac_band", "red_below: \"3.001\"")), S{v1::SEVERITY_RED});
  Load("INSERT INTO payments VALUES ('p5', 'a1', 'o1', '2024-03-03 00:00:00', 1999)");
  EXPECT_TRUE(Evaluate("ltv_cac_band").empty());  // 4.999: green
  Load("INSERT INTO payments VALUES ('p4', 'a1', 'o1', '2024-03-04 00:00:00', 1)");
  const auto alerts = Evaluate("ltv_cac_band");  // exactly 5: blue
  EXPECT_EQ(Severities(alerts), S{v1::SEVERITY_BLUE});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_TRUE(IsMoneyRatio(alerts[0].values(0).value(), 5000, 1000));
}

TEST_P(AlertRulesTest, MqlToSqlLowBelowTwentyPercent) {
  Load(Leads(4, "2024-02-10 00:00:00"));
  Load(Leads(1, "2024-02-11 00:00:00", "2024-02-20 00:00:00"));
  EXPECT_TRUE(Evaluate("mql_to_sql_low").empty());  // 1 of 5: exactly 0.20
  Load(Leads(1, "2024-02-12 00:00:00"));
  EXPECT_EQ(Severities(Evaluate("mql_to_sql_low")), S{v1::SEVERITY_YELLOW});  // 1 of 6
}

TEST_P(AlertRulesTest, WinRateDropOfMoreThanTheConfiguredPoints) {
  // Q4 2023: 1 of 2 won (50 %). Q1 2024: 1 of 4 won (25 %): a drop of
  // exactly 25 points does not trigger at drop_points 25.
  Load(Deal("q4w", "won", 100, "2023-10-01 00:00:00", "2023-11-01 00:00:00"));
  Load(Deal("q4l", "lost", 100, "2023-10-01 00:00:00", "2023-11-02 00:00:00"));
  Load(Deal("q1w", "won", 100, "2024-01-01 00:00:00", "2024-02-01 00:00:00"));
  for (const char* id : {"q1l1", "q1l2", "q1l3"}) Load(Deal(id, "lost", 100, "2024-01-01 00:00:00", "2024-02-02 00:00:00"));
  EXPECT_TRUE(Evaluate("win_rate_drop", "drop_points: \"25\"").empty());
  const auto alerts = Evaluate("win_rate_drop", "drop_points: \"24.9\"");
  EXPECT_EQ(Severities(alerts), S{v1::SEVERITY_YELLOW});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_TRUE(IsRatio(alerts[0].values(0).value(), 1, 4));
  EXPECT_TRUE(IsRatio(alerts[0].values(1).value(), 1, 2));
}

TEST_P(AlertRulesTest, WinRateDropPerTeam) {
  // Ann (team t1) drops from 1/2 to 0/2; Bob (t2) holds at 1/1.
  Load(Deal("a4w", "won", 100, "2023-10-01 00:00:00", "2023-11-01 00:00:00"));
  Load(Deal("a4l", "lost", 100, "2023-10-01 00:00:00", "2023-11-01 00:00:00"));
  Load(Deal("a1l", "lost", 100, "2024-01-01 00:00:00", "2024-02-01 00:00:00"));
  Load(Deal("a1m", "lost", 100, "2024-01-01 00:00:00", "2024-02-01 00:00:00"));
  Load(Deal("b4w", "won", 100, "2023-10-01 00:00:00", "2023-11-01 00:00:00", "r2", "a2"));
  Load(Deal("b1w", "won", 100, "2024-01-01 00:00:00", "2024-02-01 00:00:00", "r2", "a2"));
  const auto alerts = Evaluate("win_rate_drop", "scope { level: \"team\" }");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].scope().level(), v1::AlertScope::LEVEL_TEAM);
  EXPECT_EQ(alerts[0].scope().id(), "t1");
}

TEST_P(AlertRulesTest, MarketingNotSalesWhenTheRateHoldsAndSalesMissTheTarget) {
  // 1 of 2 won in Q4 and in Q1; Q1's won amount is 1000.
  Load(Deal("q4w", "won", 100, "2023-10-01 00:00:00", "2023-11-01 00:00:00"));
  Load(Deal("q4l", "lost", 100, "2023-10-01 00:00:00", "2023-11-02 00:00:00"));
  Load(Deal("q1w", "won", 1000, "2024-01-01 00:00:00", "2024-02-01 00:00:00"));
  Load(Deal("q1l", "lost", 100, "2024-01-01 00:00:00", "2024-02-02 00:00:00"));
  EXPECT_TRUE(Evaluate("marketing_not_sales").empty());  // no target
  Load("INSERT INTO targets VALUES ('t1', 'total_sales', 'company', NULL, '2024-01-01', '2024-04-01', 1000)");
  EXPECT_TRUE(Evaluate("marketing_not_sales").empty());  // sales meet the target exactly
  Load("INSERT INTO targets VALUES ('t2', 'total_sales', 'company', NULL, '2024-02-01', '2024-03-01', 1)");
  const auto alerts = Evaluate("marketing_not_sales");  // target 1001
  EXPECT_EQ(Severities(alerts), S{v1::SEVERITY_YELLOW});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_TRUE(absl::StrContains(alerts[0].message(), "lead volume, not selling"));
}

TEST_P(AlertRulesTest, StalledDealsCarryTheCountAmountAndOldest) {
  // Won in the last 365 days: 10 days from creation to close. Open p_old is
  // 15.5 days old at as_of, p_new 6.5 days.
  Load(Deal("w", "won", 100, "2024-01-01 00:00:00", "2024-01-11 00:00:00"));
  Load(Deal("p_old", "open", 700, "2024-05-01 00:00:00", ""));
  Load(Deal("p_new", "open", 900, "2024-05-10 00:00:00", ""));
  const auto alerts = Evaluate("stalled_deals");
  EXPECT_EQ(Severities(alerts), S{v1::SEVERITY_INFO});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_TRUE(IsCount(alerts[0].values(0).value(), 1));
  EXPECT_TRUE(IsMoney(alerts[0].values(1).value(), 700));
  EXPECT_EQ(std::vector<std::string>(alerts[0].opportunity_ids().begin(), alerts[0].opportunity_ids().end()),
            std::vector<std::string>{"p_old"});
  EXPECT_EQ(alerts[0].message(),
            "1 opportunity has been open longer than the usual sales cycle: review it and decide to push, re-plan or "
            "close each one.");
}

INSTANTIATE_BACKENDS(AlertRulesTest);

}  // namespace
}  // namespace salesmetrics::testing
