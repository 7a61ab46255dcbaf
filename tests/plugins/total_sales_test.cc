#include <gtest/gtest.h>

#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

class TotalSalesTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kClosedDealsFixture);
  }
};

TEST_P(TotalSalesTest, SumsWonAmountsClosedInThePeriod) {
  // January UTC: closed o1 o2 o3 o7 o8 (o3 at 23:59:59 is in, o4 at exactly
  // `to` and o5 before `from` are out); won o1 + o3 + o8 = 1001 + 2001 + 50.
  auto r = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 3052));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "total_sales"), 3052));
  EXPECT_TRUE(IsCount(Measure(r->result(), "closed_count"), 5));
  EXPECT_TRUE(IsCount(Measure(r->result(), "won_count"), 3));
  EXPECT_TRUE(IsRatio(Measure(r->result(), "win_rate"), 3, 5));
  // 3052 / 3 = 1017.33 -> 1017; identity: 5 x 3/5 x 1017.33 = 3052.
  EXPECT_TRUE(IsMoney(Measure(r->result(), "average_deal_size"), 1017));
  EXPECT_EQ(r->result().value().money().currency_code(), "CNY");
}

TEST_P(TotalSalesTest, CutsThePeriodInTheRequestTimeZone) {
  // January in Asia/Shanghai is [2023-12-31 16:00Z, 2024-01-31 16:00Z):
  // o5 (31 Dec 23:59:59Z) is in; o3 and o8 (31 Jan 20:00Z and later) are in
  // February. Won: o5 + o1 = 400 + 1001; closed o5 o1 o2 o7.
  auto jan = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(jan.ok()) << jan.status();
  EXPECT_TRUE(IsMoney(jan->result().value(), 1401));
  EXPECT_TRUE(IsCount(Measure(jan->result(), "closed_count"), 4));
  // February in Shanghai: o8 (50) + o3 (2001) + o4 (700).
  auto feb = Compute(Request("total_sales").Period("2024-02-01", "2024-03-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(feb.ok()) << feb.status();
  EXPECT_TRUE(IsMoney(feb->result().value(), 2751));
}

TEST_P(TotalSalesTest, RoundsTheAverageHalfAwayFromZero) {
  // Region east in January: won o1 + o8 = 1051 over 2 wins = 525.5 -> 526.
  auto r = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").Where("region", {"east"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 1051));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "average_deal_size"), 526));
}

TEST_P(TotalSalesTest, GroupsByRegionWithTheNullKeyLast) {
  auto r = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 3052));  // the whole period stays ungrouped
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"east", "west", "(null)"}));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "east").value(), 1051));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "west").value(), 2001));
  // o7 alone: lost, no region; no wins, so no average.
  const v1::Result& none = GroupResult(r->groups(), std::nullopt);
  EXPECT_TRUE(IsMoney(none.value(), 0));
  EXPECT_TRUE(IsCount(Measure(none, "closed_count"), 1));
  EXPECT_TRUE(IsAbsent(Measure(none, "average_deal_size")));
}

TEST_P(TotalSalesTest, GroupsByTheOwnersTeam) {
  // t_east: o1 o2 o8 (Ann, Bob); t_west: o3 (Cid); Dee has no team: o7.
  auto r = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").GroupBy("team"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"t_east", "t_west", "(null)"}));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "t_east").value(), 1051));
  EXPECT_TRUE(IsCount(Measure(GroupResult(r->groups(), "t_east"), "closed_count"), 3));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "t_west").value(), 2001));
}

TEST_P(TotalSalesTest, CountsADealOnceInEachCompetitorGroupInCodePointOrder) {
  // Rival: o1 o2; Zeta: o2 o7; beta: o3; Acorn: o8. Uppercase sorts before
  // lowercase by code point.
  auto r = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").GroupBy("competitor"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"Acorn", "Rival", "Zeta", "beta"}));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "Rival").value(), 1001));
  EXPECT_TRUE(IsCount(Measure(GroupResult(r->groups(), "Rival"), "closed_count"), 2));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "Zeta").value(), 0));
  EXPECT_TRUE(IsCount(Measure(GroupResult(r->groups(), "Zeta"), "closed_count"), 2));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "beta").value(), 2001));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "Acorn").value(), 50));
  EXPECT_TRUE(IsMoney(r->result().value(), 3052));  // not double-counted overall
}

TEST_P(TotalSalesTest, ACompetitorFilterKeepsOnlyItsCompetitorGroups) {
  // Zeta's deals are o2 (also Rival) and o7; grouped by competitor, only
  // Zeta's group is shown, with both.
  auto r = Compute(
      Request("total_sales").Period("2024-01-01", "2024-02-01").Where("competitor", {"Zeta"}).GroupBy("competitor"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"Zeta"}));
  EXPECT_TRUE(IsCount(Measure(GroupResult(r->groups(), "Zeta"), "closed_count"), 2));
  EXPECT_TRUE(IsCount(Measure(r->result(), "closed_count"), 2));
}

TEST_P(TotalSalesTest, FiltersByMembershipAndThroughRelatedTables) {
  // segment mid = a_cora: o7 (lost) and o8 (won 50).
  auto mid = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").Where("segment", {"mid"}));
  ASSERT_TRUE(mid.ok()) << mid.status();
  EXPECT_TRUE(IsMoney(mid->result().value(), 50));
  EXPECT_TRUE(IsCount(Measure(mid->result(), "closed_count"), 2));
  // A filter never matches null: o7 has no region.
  auto regions = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").Where("region", {"east", "west"}));
  ASSERT_TRUE(regions.ok()) << regions.status();
  EXPECT_TRUE(IsCount(Measure(regions->result(), "closed_count"), 4));
  // Zeta: o2 and o7, both lost.
  auto zeta = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").Where("competitor", {"Zeta"}));
  ASSERT_TRUE(zeta.ok()) << zeta.status();
  EXPECT_TRUE(IsMoney(zeta->result().value(), 0));
  EXPECT_TRUE(IsAbsent(Measure(zeta->result(), "average_deal_size")));
  // Two filters together: team t_east and product data: o8.
  auto both = Compute(
      Request("total_sales").Period("2024-01-01", "2024-02-01").Where("team", {"t_east"}).Where("product_line", {"data"}));
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_TRUE(IsMoney(both->result().value(), 50));
}

TEST_P(TotalSalesTest, MonthlySeries) {
  // December: o5 400; January: 3052; February: o4 700.
  auto r = Compute(Request("total_sales").Period("2023-12-01", "2024-03-01").Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_EQ(r->series(0).label(), "2023-12");
  EXPECT_EQ(r->series(2).label(), "2024-02");
  EXPECT_TRUE(IsMoney(r->series(0).result().value(), 400));
  EXPECT_TRUE(IsMoney(r->series(1).result().value(), 3052));
  EXPECT_TRUE(IsMoney(r->series(2).result().value(), 700));
  EXPECT_TRUE(IsMoney(r->result().value(), 4152));
}

TEST_P(TotalSalesTest, WeeklySeriesUsesIsoWeeksClippedToThePeriod) {
  // 2023-W52 is Mon 25 Dec - Sun 31 Dec, clipped to start on 28 Dec: o5.
  // 2024-W01 (1-7 Jan): nothing, so no win rate. 2024-W02 clipped to 8-10 Jan: o1.
  auto r = Compute(Request("total_sales").Period("2023-12-28", "2024-01-11").Granularity(v1::GRANULARITY_WEEK));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_EQ(r->series(0).label(), "2023-W52");
  EXPECT_EQ(r->series(0).start_time().seconds(), 1703721600);  // 2023-12-28T00:00:00Z
  EXPECT_TRUE(IsMoney(r->series(0).result().value(), 400));
  EXPECT_EQ(r->series(1).label(), "2024-W01");
  EXPECT_TRUE(IsMoney(r->series(1).result().value(), 0));
  EXPECT_TRUE(IsAbsent(Measure(r->series(1).result(), "win_rate")));
  EXPECT_EQ(r->series(2).label(), "2024-W02");
  EXPECT_TRUE(IsMoney(r->series(2).result().value(), 1001));
}

TEST_P(TotalSalesTest, FiscalQuartersAndYearsStartOnTheFiscalMonth) {
  // Fiscal year from April: Oct-Dec 2023 is FY2024-Q3 (o5 400), Jan-Mar 2024
  // FY2024-Q4 (3052 + 700).
  auto q = Compute(Request("total_sales")
                       .Period("2023-10-01", "2024-04-01")
                       .Granularity(v1::GRANULARITY_QUARTER)
                       .FiscalYearStartMonth(4));
  ASSERT_TRUE(q.ok()) << q.status();
  ASSERT_EQ(q->series_size(), 2);
  EXPECT_EQ(q->series(0).label(), "FY2024-Q3");
  EXPECT_TRUE(IsMoney(q->series(0).result().value(), 400));
  EXPECT_EQ(q->series(1).label(), "FY2024-Q4");
  EXPECT_TRUE(IsMoney(q->series(1).result().value(), 3752));
  // Years: FY2023 clipped to Jan-Mar 2023, FY2024, FY2025 clipped to Apr-May 2024.
  auto y = Compute(Request("total_sales")
                       .Period("2023-01-01", "2024-06-01")
                       .Granularity(v1::GRANULARITY_YEAR)
                       .FiscalYearStartMonth(4));
  ASSERT_TRUE(y.ok()) << y.status();
  ASSERT_EQ(y->series_size(), 3);
  EXPECT_EQ(y->series(0).label(), "FY2023");
  EXPECT_EQ(y->series(1).label(), "FY2024");
  EXPECT_TRUE(IsMoney(y->series(1).result().value(), 4152));
  EXPECT_EQ(y->series(2).label(), "FY2025");
  EXPECT_TRUE(IsMoney(y->series(2).result().value(), 0));
}

TEST_P(TotalSalesTest, SeriesWithGroups) {
  // By region per month: December east o5; January east 1051, west 2001, null 0.
  auto r = Compute(Request("total_sales")
                       .Period("2023-12-01", "2024-02-01")
                       .Granularity(v1::GRANULARITY_MONTH)
                       .GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 2);
  EXPECT_EQ(GroupKeys(r->series(0).groups()), (std::vector<std::string>{"east"}));
  EXPECT_TRUE(IsMoney(GroupResult(r->series(0).groups(), "east").value(), 400));
  EXPECT_EQ(GroupKeys(r->series(1).groups()), (std::vector<std::string>{"east", "west", "(null)"}));
  EXPECT_TRUE(IsMoney(GroupResult(r->series(1).groups(), "west").value(), 2001));
  // Added up by the host from the cells of one grouped query: each bucket
  // over its groups, each group over the buckets, and the whole period.
  EXPECT_TRUE(IsMoney(r->series(0).result().value(), 400));
  EXPECT_TRUE(IsMoney(r->series(1).result().value(), 3052));
  EXPECT_TRUE(IsCount(Measure(r->series(1).result(), "won_count"), 3));
  EXPECT_TRUE(IsMoney(r->result().value(), 3452));
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"east", "west", "(null)"}));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "east").value(), 1451));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "west").value(), 2001));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), std::nullopt).value(), 0));
}

TEST_P(TotalSalesTest, AnEmptyPeriodSellsNothing) {
  auto r = Compute(Request("total_sales").Period("2024-03-01", "2024-04-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 0));
  EXPECT_TRUE(IsCount(Measure(r->result(), "closed_count"), 0));
  EXPECT_TRUE(IsAbsent(Measure(r->result(), "win_rate")));
  EXPECT_TRUE(IsAbsent(Measure(r->result(), "average_deal_size")));
}

INSTANTIATE_BACKENDS(TotalSalesTest);

}  // namespace
}  // namespace salesmetrics::testing
