#include <gtest/gtest.h>

#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

class WinRateTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kClosedDealsFixture);
  }
};

TEST_P(WinRateTest, WonOverClosedInThePeriod) {
  // January UTC: closed o1 o2 o3 o7 o8, won o1 o3 o8: 3 / 5.
  // Amount-weighted: (1001 + 2001 + 50) / (1001 + 3000 + 2001 + 0 + 50).
  auto r = Compute(Request("win_rate").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsRatio(r->result().value(), 3, 5));
  EXPECT_TRUE(IsMoneyRatio(Measure(r->result(), "amount_weighted_win_rate"), 3052, 6052));
  EXPECT_TRUE(IsCount(Measure(r->result(), "closed_count"), 5));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "closed_amount"), 6052));
  EXPECT_EQ(r->definition().variant(), "closed");
  EXPECT_FALSE(r->definition().formula().empty());
  EXPECT_EQ(r->parameters().at("variant"), "closed");
}

TEST_P(WinRateTest, NoClosedDealsMeansNoRate) {
  auto r = Compute(Request("win_rate").Period("2024-03-01", "2024-04-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsAbsent(r->result().value()));
  EXPECT_EQ(r->result().value().fraction().count_denominator(), 0);
  EXPECT_TRUE(IsAbsent(Measure(r->result(), "amount_weighted_win_rate")));
}

TEST_P(WinRateTest, AmountWeightedRateIsAbsentWhenTheClosedAmountIsZero) {
  // The null-region group is o7 alone: lost, amount 0. Its win rate is 0/1.
  auto r = Compute(Request("win_rate").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& none = GroupResult(r->groups(), std::nullopt);
  EXPECT_TRUE(IsRatio(none.value(), 0, 1));
  EXPECT_TRUE(IsAbsent(Measure(none, "amount_weighted_win_rate")));
  // east: o1 o8 both won; west: o2 lost, o3 won.
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "east").value(), 2, 2));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "west").value(), 1, 2));
  EXPECT_TRUE(IsMoneyRatio(Measure(GroupResult(r->groups(), "west"), "amount_weighted_win_rate"), 2001, 5001));
}

TEST_P(WinRateTest, GroupsByRepInIdOrder) {
  // Ann: o1 o8 won; Bob: o2 lost; Cid: o3 won; Dee: o7 lost.
  auto r = Compute(Request("win_rate").Period("2024-01-01", "2024-02-01").GroupBy("rep"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"r_ann", "r_bob", "r_cid", "r_dee"}));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "r_ann").value(), 2, 2));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "r_bob").value(), 0, 1));
}

TEST_P(WinRateTest, CreatedVariantCountsTheCohortWonByAsOf) {
  // Created in January: o3 o4 o6 o7 o8. By 15 Feb, o3 (31 Jan), o4 (1 Feb)
  // and o8 (31 Jan) are won: 3 / 5; amounts (2001 + 700 + 50) / 12750.
  auto r = Compute(
      Request("win_rate").Period("2024-01-01", "2024-02-01").Param("variant", "created").AsOf("2024-02-15T00:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsRatio(r->result().value(), 3, 5));
  EXPECT_TRUE(IsMoneyRatio(Measure(r->result(), "amount_weighted_win_rate"), 2751, 12750));
  EXPECT_TRUE(IsCount(Measure(r->result(), "created_count"), 5));
  EXPECT_EQ(r->definition().variant(), "created");
  // At 22:00 on 31 Jan only o8 (20:00) is won; o3 closes at 23:59:59.
  auto earlier = Compute(
      Request("win_rate").Period("2024-01-01", "2024-02-01").Param("variant", "created").AsOf("2024-01-31T22:00:00Z"));
  ASSERT_TRUE(earlier.ok()) << earlier.status();
  EXPECT_TRUE(IsRatio(earlier->result().value(), 1, 5));
}

TEST_P(WinRateTest, CreatedVariantGroupsComeFromTheCohort) {
  // east: o4 o6 o8 (o4 and o8 won by 15 Feb); west: o3; null: o7.
  auto r = Compute(Request("win_rate")
                       .Period("2024-01-01", "2024-02-01")
                       .Param("variant", "created")
                       .AsOf("2024-02-15T00:00:00Z")
                       .GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"east", "west", "(null)"}));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "east").value(), 2, 3));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), "west").value(), 1, 1));
  EXPECT_TRUE(IsRatio(GroupResult(r->groups(), std::nullopt).value(), 0, 1));
}

TEST_P(WinRateTest, QuarterlySeriesInShanghai) {
  // Q4 2023 in Shanghai holds o5 (won; 1 Jan local is Q1 2024!). Q4 2023 local
  // is [2023-09-30 16:00Z, 2023-12-31 16:00Z): nothing closed. Q1 2024 local:
  // o5 o1 o2 o7 o3 o8 o4: won o5 o1 o3 o8 o4 = 5 of 7.
  auto r = Compute(Request("win_rate")
                       .Period("2023-10-01", "2024-04-01")
                       .TimeZone("Asia/Shanghai")
                       .Granularity(v1::GRANULARITY_QUARTER));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 2);
  EXPECT_EQ(r->series(0).label(), "2023-Q4");
  EXPECT_TRUE(IsAbsent(r->series(0).result().value()));
  EXPECT_EQ(r->series(1).label(), "2024-Q1");
  EXPECT_TRUE(IsRatio(r->series(1).result().value(), 5, 7));
}

INSTANTIATE_BACKENDS(WinRateTest);

}  // namespace
}  // namespace salesmetrics::testing
