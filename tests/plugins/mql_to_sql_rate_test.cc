#include <gtest/gtest.h>

#include <string>

#include "tests/plugins/leads_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

class MqlToSqlRateTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kLeadsFixture);
  }

  // January 2024 UTC, as_of 5 Feb, in the given variant.
  static Request January(const std::string& variant) {
    return Request("mql_to_sql_rate")
        .Period("2024-01-01", "2024-02-01")
        .AsOf("2024-02-05T00:00:00Z")
        .Param("variant", variant);
  }
};

TEST_P(MqlToSqlRateTest, CohortConvertsBySqlAtUpToAsOf) {
  // Cohort l1-l5 (l2 and l4 disqualified still count). Converted by 5 Feb:
  // l1; l2 (sql_at before its mql_at); l5 (sql_at 3 Feb, after the period).
  // Not: l3 (sql_at 10 Feb, after as_of), l4 (no sql_at). 3 / 5.
  auto r = Compute(January("cohort"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsRatio(r->result().value(), 3, 5));
  EXPECT_TRUE(IsCount(Measure(r->result(), "mql_count"), 5));
  EXPECT_TRUE(IsCount(Measure(r->result(), "sql_count"), 3));
  EXPECT_EQ(r->definition().variant(), "cohort");
  EXPECT_FALSE(r->definition().formula().empty());
}

TEST_P(MqlToSqlRateTest, CohortIsTheDefaultVariant) {
  auto r = Compute(Request("mql_to_sql_rate").Period("2024-01-01", "2024-02-01").AsOf("2024-02-05T00:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->parameters().at("variant"), "cohort");
  EXPECT_TRUE(IsRatio(r->result().value(), 3, 5));
}

TEST_P(MqlToSqlRateTest, AsOfBoundsConversionButNotTheCohort) {
  // as_of exactly at l3's sql_at: l3 converts too, 4 / 5.
  auto at_sql = Compute(
      Request("mql_to_sql_rate").Period("2024-01-01", "2024-02-01").AsOf("2024-02-10T12:00:00Z"));
  ASSERT_TRUE(at_sql.ok()) << at_sql.status();
  EXPECT_TRUE(IsRatio(at_sql->result().value(), 4, 5));
  // as_of inside the period: the cohort is still l1-l5 (l3 l4 l5 became MQLs
  // after as_of); converted l1 (10 Jan 09:00) and l2 (2 Jan): 2 / 5.
  auto early = Compute(
      Request("mql_to_sql_rate").Period("2024-01-01", "2024-02-01").AsOf("2024-01-11T00:00:00Z"));
  ASSERT_TRUE(early.ok()) << early.status();
  EXPECT_TRUE(IsRatio(early->result().value(), 2, 5));
}

TEST_P(MqlToSqlRateTest, PeriodVariantDividesSqlsOfThePeriodByMqlsOfThePeriod) {
  // sql_at in January: l2 (2 Jan), l9 (8 Jan, an MQL of December), l1 (10 Jan),
  // l8 (15 Jan, never an MQL): 4; mql_at in January: l1-l5.
  auto r = Compute(January("period"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsRatio(r->result().value(), 4, 5));
  EXPECT_TRUE(IsCount(Measure(r->result(), "mql_count"), 5));
  EXPECT_TRUE(IsCount(Measure(r->result(), "sql_count"), 4));
  EXPECT_EQ(r->definition().variant(), "period");
  EXPECT_FALSE(r->definition().formula().empty());
}

TEST_P(MqlToSqlRateTest, CohortGroupsBySourceChannel) {
  // event: l3 l4, neither converted by 5 Feb; referral: l5 converted; web: l1 l2 both.
  auto r = Compute(January("cohort").GroupBy("source_channel"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"event", "referral", "web"}));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "event").value(), 0, 2));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "referral").value(), 1, 1));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "web").value(), 2, 2));
}

TEST_P(MqlToSqlRateTest, PeriodVariantGroupsAreTheKeysOfTheMqlCohort) {
  // MQLs in January: event l3 l4, referral l5, web l1 l2. SQLs in January:
  // event l9, web l1 l2, and partner l8, whose key has no MQL: no group.
  auto r = Compute(January("period").GroupBy("source_channel"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsRatio(r->result().value(), 4, 5));
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"event", "referral", "web"}));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "event").value(), 1, 2));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "referral").value(), 0, 1));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "web").value(), 2, 2));
}

TEST_P(MqlToSqlRateTest, FiltersOnLeadDimensions) {
  // Cohort, region west, as_of 15 Feb: l3 (converted 10 Feb) and l4: 1 / 2.
  auto west = Compute(Request("mql_to_sql_rate")
                          .Period("2024-01-01", "2024-02-01")
                          .AsOf("2024-02-15T00:00:00Z")
                          .Where("region", {"west"}));
  ASSERT_TRUE(west.ok()) << west.status();
  EXPECT_TRUE(IsRatio(west->result().value(), 1, 2));
  // Period variant, region east: SQLs l1 l2 l8 over MQLs l1 l2; as written,
  // this rate can exceed 1.
  auto east = Compute(January("period").Where("region", {"east"}));
  ASSERT_TRUE(east.ok()) << east.status();
  EXPECT_TRUE(IsRatio(east->result().value(), 3, 2));
}

TEST_P(MqlToSqlRateTest, NoMqlsMeansNoRate) {
  auto march = Compute(Request("mql_to_sql_rate").Period("2024-03-01", "2024-04-01"));
  ASSERT_TRUE(march.ok()) << march.status();
  EXPECT_TRUE(IsAbsent(march->result().value()));
  EXPECT_TRUE(IsCount(Measure(march->result(), "mql_count"), 0));
  EXPECT_TRUE(IsCount(Measure(march->result(), "sql_count"), 0));
  // Period variant, 2 Feb - 1 Mar: no MQL, but SQLs l5 l6 l3. No groups.
  auto february = Compute(Request("mql_to_sql_rate")
                              .Period("2024-02-02", "2024-03-01")
                              .Param("variant", "period")
                              .GroupBy("source_channel"));
  ASSERT_TRUE(february.ok()) << february.status();
  EXPECT_TRUE(IsAbsent(february->result().value()));
  EXPECT_EQ(february->result().value().fraction().count_denominator(), 0);
  EXPECT_TRUE(IsCount(Measure(february->result(), "sql_count"), 3));
  EXPECT_EQ(february->groups_size(), 0);
}

TEST_P(MqlToSqlRateTest, CutsThePeriodInTheRequestTimeZone) {
  // January in Shanghai is [2023-12-31 16:00Z, 2024-01-31 16:00Z): cohort
  // l7 l1 l2 l3 l4 (l5 is in February); converted by 5 Feb: l1 l2. 2 / 5
  // (3 / 5 in UTC).
  auto r = Compute(January("cohort").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsRatio(r->result().value(), 2, 5));
}

TEST_P(MqlToSqlRateTest, MonthlySeries) {
  // Cohort as_of 15 Feb. December: l9 converted, l7 not: 1 / 2. January:
  // l1 l2 l3 l5 of l1-l5: 4 / 5. February: l6: 1 / 1. Whole: 6 / 8.
  auto cohort = Compute(Request("mql_to_sql_rate")
                            .Period("2023-12-01", "2024-03-01")
                            .AsOf("2024-02-15T00:00:00Z")
                            .Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(cohort.ok()) << cohort.status();
  ASSERT_EQ(cohort->series_size(), 3);
  EXPECT_EQ(cohort->series(0).label(), "2023-12");
  EXPECT_TRUE(IsRatio(cohort->series(0).result().value(), 1, 2));
  EXPECT_TRUE(IsRatio(cohort->series(1).result().value(), 4, 5));
  EXPECT_TRUE(IsRatio(cohort->series(2).result().value(), 1, 1));
  EXPECT_TRUE(IsRatio(cohort->result().value(), 6, 8));
  // Period variant. December: no SQL over l9 l7: 0 / 2. January: 4 / 5.
  // February: SQLs l5 l6 l3 over MQL l6: 3 / 1. Whole: SQLs l1 l2 l3 l5 l6
  // l8 l9 over 8 MQLs.
  auto period = Compute(Request("mql_to_sql_rate")
                            .Period("2023-12-01", "2024-03-01")
                            .Param("variant", "period")
                            .Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(period.ok()) << period.status();
  ASSERT_EQ(period->series_size(), 3);
  EXPECT_TRUE(IsRatio(period->series(0).result().value(), 0, 2));
  EXPECT_TRUE(IsRatio(period->series(1).result().value(), 4, 5));
  EXPECT_TRUE(IsRatio(period->series(2).result().value(), 3, 1));
  EXPECT_TRUE(IsRatio(period->result().value(), 7, 8));
}

INSTANTIATE_BACKENDS(MqlToSqlRateTest);

}  // namespace
}  // namespace salesmetrics::testing
