#include <gtest/gtest.h>

#include "tests/plugins/leads_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

class MqlCountTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kLeadsFixture);
  }
};

TEST_P(MqlCountTest, CountsLeadsQualifiedInThePeriod) {
  // January UTC: l1 l2 l3 l4 l5 (l2 and l4 are disqualified and still count;
  // l6 at exactly `to` and l7 a second before `from` are out; l8 and l10
  // never were MQLs).
  auto r = Compute(Request("mql_count").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 5));
  EXPECT_TRUE(IsCount(Measure(r->result(), "mql_count"), 5));
  EXPECT_FALSE(r->definition().formula().empty());
}

TEST_P(MqlCountTest, CutsThePeriodInTheRequestTimeZone) {
  // February UTC: l6. February in Shanghai starts at 2024-01-31 16:00Z: l5 l6.
  auto utc = Compute(Request("mql_count").Period("2024-02-01", "2024-03-01"));
  ASSERT_TRUE(utc.ok()) << utc.status();
  EXPECT_TRUE(IsCount(utc->result().value(), 1));
  auto shanghai = Compute(Request("mql_count").Period("2024-02-01", "2024-03-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(shanghai.ok()) << shanghai.status();
  EXPECT_TRUE(IsCount(shanghai->result().value(), 2));
  // December UTC: l9 l7. December in Shanghai ends at 2023-12-31 16:00Z: l9.
  auto december = Compute(Request("mql_count").Period("2023-12-01", "2024-01-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(december.ok()) << december.status();
  EXPECT_TRUE(IsCount(december->result().value(), 1));
}

TEST_P(MqlCountTest, GroupsBySourceChannel) {
  // January: event l3 l4; referral l5; web l1 l2.
  auto r = Compute(Request("mql_count").Period("2024-01-01", "2024-02-01").GroupBy("source_channel"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 5));
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"event", "referral", "web"}));
  EXPECT_TRUE(IsCount(GroupResult(r->groups(), "event").value(), 2));
  EXPECT_TRUE(IsCount(GroupResult(r->groups(), "referral").value(), 1));
  EXPECT_TRUE(IsCount(GroupResult(r->groups(), "web").value(), 2));
}

TEST_P(MqlCountTest, GroupsByCampaignWithTheNullKeyLast) {
  // January: expo l3; spring l1 l2; no campaign l4 l5.
  auto r = Compute(Request("mql_count").Period("2024-01-01", "2024-02-01").GroupBy("campaign"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"expo", "spring", "(null)"}));
  EXPECT_TRUE(IsCount(GroupResult(r->groups(), "expo").value(), 1));
  EXPECT_TRUE(IsCount(GroupResult(r->groups(), "spring").value(), 2));
  EXPECT_TRUE(IsCount(GroupResult(r->groups(), std::nullopt).value(), 2));
}

TEST_P(MqlCountTest, GroupsByOwnerRep) {
  // January: r_ann l1 l3; r_bob l2 l4; r_cid l5.
  auto r = Compute(Request("mql_count").Period("2024-01-01", "2024-02-01").GroupBy("rep"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"r_ann", "r_bob", "r_cid"}));
  EXPECT_TRUE(IsCount(GroupResult(r->groups(), "r_ann").value(), 2));
  EXPECT_TRUE(IsCount(GroupResult(r->groups(), "r_cid").value(), 1));
}

TEST_P(MqlCountTest, FiltersOnLeadDimensions) {
  // January, region east: l1 l2.
  auto east = Compute(Request("mql_count").Period("2024-01-01", "2024-02-01").Where("region", {"east"}));
  ASSERT_TRUE(east.ok()) << east.status();
  EXPECT_TRUE(IsCount(east->result().value(), 2));
  // A filter never matches null: l5 has no region.
  auto regions = Compute(Request("mql_count").Period("2024-01-01", "2024-02-01").Where("region", {"east", "west"}));
  ASSERT_TRUE(regions.ok()) << regions.status();
  EXPECT_TRUE(IsCount(regions->result().value(), 4));
  // Campaign spring and rep r_bob: l2.
  auto both = Compute(
      Request("mql_count").Period("2024-01-01", "2024-02-01").Where("campaign", {"spring"}).Where("rep", {"r_bob"}));
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_TRUE(IsCount(both->result().value(), 1));
}

TEST_P(MqlCountTest, MonthlySeries) {
  // December: l9 l7; January: 5; February: l6.
  auto r = Compute(Request("mql_count").Period("2023-12-01", "2024-03-01").Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_EQ(r->series(0).label(), "2023-12");
  EXPECT_TRUE(IsCount(r->series(0).result().value(), 2));
  EXPECT_TRUE(IsCount(r->series(1).result().value(), 5));
  EXPECT_TRUE(IsCount(r->series(2).result().value(), 1));
  EXPECT_TRUE(IsCount(r->result().value(), 8));
}

TEST_P(MqlCountTest, WeeklySeriesClippedToThePeriod) {
  // 2023-W52 clipped to 28-31 Dec: l7; 2024-W01: l1; 2024-W02 clipped to
  // 8-10 Jan: nothing, reported as 0.
  auto r = Compute(Request("mql_count").Period("2023-12-28", "2024-01-11").Granularity(v1::GRANULARITY_WEEK));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_EQ(r->series(0).label(), "2023-W52");
  EXPECT_TRUE(IsCount(r->series(0).result().value(), 1));
  EXPECT_TRUE(IsCount(r->series(1).result().value(), 1));
  EXPECT_EQ(r->series(2).label(), "2024-W02");
  EXPECT_TRUE(IsCount(r->series(2).result().value(), 0));
}

TEST_P(MqlCountTest, FiscalQuartersStartInApril) {
  // FY2024-Q3 (Oct-Dec 2023): l9 l7; FY2024-Q4 (Jan-Mar 2024): l1-l6.
  auto r = Compute(Request("mql_count")
                       .Period("2023-10-01", "2024-04-01")
                       .Granularity(v1::GRANULARITY_QUARTER)
                       .FiscalYearStartMonth(4));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 2);
  EXPECT_EQ(r->series(0).label(), "FY2024-Q3");
  EXPECT_TRUE(IsCount(r->series(0).result().value(), 2));
  EXPECT_EQ(r->series(1).label(), "FY2024-Q4");
  EXPECT_TRUE(IsCount(r->series(1).result().value(), 6));
}

TEST_P(MqlCountTest, SeriesWithGroups) {
  // By region: December east l7, west l9; January east l1 l2, west l3 l4, null l5.
  auto r = Compute(Request("mql_count")
                       .Period("2023-12-01", "2024-02-01")
                       .Granularity(v1::GRANULARITY_MONTH)
                       .GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 2);
  EXPECT_EQ(GroupKeys(r->series(0).groups()), (std::vector<std::string>{"east", "west"}));
  EXPECT_TRUE(IsCount(GroupResult(r->series(0).groups(), "west").value(), 1));
  EXPECT_EQ(GroupKeys(r->series(1).groups()), (std::vector<std::string>{"east", "west", "(null)"}));
  EXPECT_TRUE(IsCount(GroupResult(r->series(1).groups(), "east").value(), 2));
  EXPECT_TRUE(IsCount(GroupResult(r->series(1).groups(), std::nullopt).value(), 1));
}

TEST_P(MqlCountTest, AnEmptyPeriodCountsZeroAndHasNoGroups) {
  auto r = Compute(Request("mql_count").Period("2024-03-01", "2024-04-01").GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 0));
  EXPECT_EQ(r->groups_size(), 0);
}

INSTANTIATE_BACKENDS(MqlCountTest);

}  // namespace
}  // namespace salesmetrics::testing
