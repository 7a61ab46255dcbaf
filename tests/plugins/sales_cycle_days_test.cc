#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/plugins/deal_cycles_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

class SalesCycleDaysTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kDealCyclesFixture);
  }
};

TEST_P(SalesCycleDaysTest, OddCountInterpolatesThe90thPercentile) {
  // January UTC: w1..w5 won (w6 at exactly `to` and w0 before `from` are
  // out; l1 is lost). Sorted cycles 10.5, 20, 30, 41, 101; n = 5.
  auto r = Compute(Request("sales_cycle_days").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(Measure(r->result(), "won_count"), 5));
  // (10.5 + 20 + 30 + 41 + 101) / 5 = 202.5 / 5.
  EXPECT_TRUE(IsDays(r->result().value(), 40.5));
  EXPECT_TRUE(IsDays(Measure(r->result(), "mean_days"), 40.5));
  // Median: position 0.5 x 4 = 2 exactly: v[2] = 30.
  EXPECT_TRUE(IsDays(Measure(r->result(), "median_days"), 30));
  // p90: position 0.9 x 4 = 3.6: v[3] + 0.6 x (v[4] - v[3]) = 41 + 0.6 x 60.
  EXPECT_TRUE(IsDays(Measure(r->result(), "p90_days"), 77));
  EXPECT_FALSE(r->definition().formula().empty());
}

TEST_P(SalesCycleDaysTest, EvenCountInterpolatesTheMedian) {
  // Region east in January: w1 w3 w4 w5, sorted 10.5, 30, 41, 101; n = 4.
  auto r = Compute(Request("sales_cycle_days").Period("2024-01-01", "2024-02-01").Where("region", {"east"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(Measure(r->result(), "won_count"), 4));
  EXPECT_TRUE(IsDays(r->result().value(), 45.625));  // 182.5 / 4
  // Median: position 0.5 x 3 = 1.5: 30 + 0.5 x (41 - 30).
  EXPECT_TRUE(IsDays(Measure(r->result(), "median_days"), 35.5));
  // p90: position 0.9 x 3 = 2.7: 41 + 0.7 x (101 - 41).
  EXPECT_TRUE(IsDays(Measure(r->result(), "p90_days"), 83));
}

TEST_P(SalesCycleDaysTest, GroupsComeFromTheWonDeals) {
  // January by region: east as above; west w2 alone (20 days); l1's region
  // north is lost only, so no group.
  auto r = Compute(Request("sales_cycle_days").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"east", "west"}));
  const v1::Result& east = GroupResult(r->groups(), "east");
  EXPECT_TRUE(IsDays(east.value(), 45.625));
  EXPECT_TRUE(IsDays(Measure(east, "median_days"), 35.5));
  EXPECT_TRUE(IsDays(Measure(east, "p90_days"), 83));
  // One deal: every statistic is its cycle.
  const v1::Result& west = GroupResult(r->groups(), "west");
  EXPECT_TRUE(IsCount(Measure(west, "won_count"), 1));
  EXPECT_TRUE(IsDays(west.value(), 20));
  EXPECT_TRUE(IsDays(Measure(west, "median_days"), 20));
  EXPECT_TRUE(IsDays(Measure(west, "p90_days"), 20));
  EXPECT_TRUE(IsDays(r->result().value(), 40.5));  // the whole period stays ungrouped
}

TEST_P(SalesCycleDaysTest, GroupsByATeamThroughTheOwner) {
  // January: t_east (Ann) w1 w3 w4 w5; t_west (Bob) w2.
  auto r = Compute(Request("sales_cycle_days").Period("2024-01-01", "2024-02-01").GroupBy("team"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"t_east", "t_west"}));
  EXPECT_TRUE(IsCount(Measure(GroupResult(r->groups(), "t_east"), "won_count"), 4));
  EXPECT_TRUE(IsDays(GroupResult(r->groups(), "t_west").value(), 20));
}

TEST_P(SalesCycleDaysTest, CutsThePeriodInTheRequestTimeZone) {
  // January in Asia/Shanghai is [2023-12-31 16:00Z, 2024-01-31 16:00Z): w0
  // (31 Dec 20:00Z) is in, w5 (31 Jan 20:00Z) is out. Sorted 2, 10.5, 20,
  // 30, 41.
  auto r = Compute(Request("sales_cycle_days").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(Measure(r->result(), "won_count"), 5));
  EXPECT_TRUE(IsDays(r->result().value(), 20.7));  // 103.5 / 5
  EXPECT_TRUE(IsDays(Measure(r->result(), "median_days"), 20));
  // p90 at 3.6: 30 + 0.6 x (41 - 30).
  EXPECT_TRUE(IsDays(Measure(r->result(), "p90_days"), 36.6));
}

TEST_P(SalesCycleDaysTest, MonthlySeries) {
  // December: w0 (2); January: w1..w5; February: w6 (closed at exactly
  // 1 Feb 00:00, 5.5 days).
  auto r = Compute(
      Request("sales_cycle_days").Period("2023-12-01", "2024-03-01").Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_EQ(r->series(0).label(), "2023-12");
  EXPECT_TRUE(IsDays(r->series(0).result().value(), 2));
  EXPECT_TRUE(IsCount(Measure(r->series(0).result(), "won_count"), 1));
  EXPECT_TRUE(IsDays(r->series(1).result().value(), 40.5));
  EXPECT_TRUE(IsDays(Measure(r->series(1).result(), "p90_days"), 77));
  EXPECT_TRUE(IsDays(r->series(2).result().value(), 5.5));
  // The whole period: 2, 5.5, 10.5, 20, 30, 41, 101; mean 210 / 7 = 30;
  // median v[3] = 20; p90 at 5.4: 41 + 0.4 x 60.
  EXPECT_TRUE(IsCount(Measure(r->result(), "won_count"), 7));
  EXPECT_TRUE(IsDays(r->result().value(), 30));
  EXPECT_TRUE(IsDays(Measure(r->result(), "median_days"), 20));
  EXPECT_TRUE(IsDays(Measure(r->result(), "p90_days"), 65));
}

TEST_P(SalesCycleDaysTest, NoWonDealsMeansNoStatistics) {
  // April 2024: nothing closed; and the product data has no won deals at all.
  for (const auto& request :
       {Request("sales_cycle_days").Period("2024-04-01", "2024-05-01"),
        Request("sales_cycle_days").Period("2024-01-01", "2024-02-01").Where("product_line", {"data"})}) {
    auto r = Compute(request);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(IsCount(Measure(r->result(), "won_count"), 0));
    EXPECT_TRUE(IsAbsent(r->result().value()));
    EXPECT_TRUE(IsAbsent(Measure(r->result(), "median_days")));
    EXPECT_TRUE(IsAbsent(Measure(r->result(), "p90_days")));
  }
}

INSTANTIATE_BACKENDS(SalesCycleDaysTest);

}  // namespace
}  // namespace salesmetrics::testing
