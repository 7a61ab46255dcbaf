#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

// The declared columns, in order.
enum Column { kCompetitor, kClosedCount, kWonCount, kWinRate, kWonAmount, kClosedAmount, kAmountWeightedWinRate };

std::vector<std::string> Competitors(const v1::Result& result) {
  std::vector<std::string> names;
  for (const v1::Row& row : result.table().rows()) names.push_back(row.values(kCompetitor).text());
  return names;
}

// The value in `column` of the competitor's row.
v1::Value RowValue(const v1::Result& result, const std::string& competitor, Column column) {
  for (const v1::Row& row : result.table().rows()) {
    if (row.values(kCompetitor).text() == competitor) return row.values(column);
  }
  ADD_FAILURE() << "no row for " << competitor;
  return {};
}

class CompetitorWinRateTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kClosedDealsFixture);
  }
};

TEST_P(CompetitorWinRateTest, WinRatePerCompetitorInCodePointOrder) {
  // January UTC, closed deals listing competitors: o1 (won 1001: Rival),
  // o2 (lost 3000: Rival, Zeta), o3 (won 2001: beta), o7 (lost 0: Zeta),
  // o8 (won 50: Acorn). o4 and o5 have no competitor; o6 is open.
  // Upper case sorts before lower case: Acorn, Rival, Zeta, beta.
  auto r = Compute(Request("competitor_win_rate").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& jan = r->result();
  // o2 counts once in closed_count although it lists two competitors.
  EXPECT_TRUE(IsCount(jan.value(), 5));
  EXPECT_TRUE(IsCount(Measure(jan, "competitor_count"), 4));
  ASSERT_EQ(jan.table().columns_size(), 7);
  EXPECT_EQ(jan.table().columns(kAmountWeightedWinRate).name(), "amount_weighted_win_rate");
  EXPECT_EQ(Competitors(jan), (std::vector<std::string>{"Acorn", "Rival", "Zeta", "beta"}));
  // Acorn: o8.
  EXPECT_TRUE(IsRatio(RowValue(jan, "Acorn", kWinRate), 1, 1));
  EXPECT_TRUE(IsMoneyRatio(RowValue(jan, "Acorn", kAmountWeightedWinRate), 50, 50));
  // Rival: o1 won, o2 lost; 1001 / (1001 + 3000).
  EXPECT_TRUE(IsCount(RowValue(jan, "Rival", kClosedCount), 2));
  EXPECT_TRUE(IsCount(RowValue(jan, "Rival", kWonCount), 1));
  EXPECT_TRUE(IsRatio(RowValue(jan, "Rival", kWinRate), 1, 2));
  EXPECT_TRUE(IsMoney(RowValue(jan, "Rival", kWonAmount), 1001));
  EXPECT_TRUE(IsMoney(RowValue(jan, "Rival", kClosedAmount), 4001));
  EXPECT_TRUE(IsMoneyRatio(RowValue(jan, "Rival", kAmountWeightedWinRate), 1001, 4001));
  // Zeta: o2 and o7 both lost; 0 / (3000 + 0).
  EXPECT_TRUE(IsRatio(RowValue(jan, "Zeta", kWinRate), 0, 2));
  EXPECT_TRUE(IsMoney(RowValue(jan, "Zeta", kWonAmount), 0));
  EXPECT_TRUE(IsMoneyRatio(RowValue(jan, "Zeta", kAmountWeightedWinRate), 0, 3000));
  // beta: o3.
  EXPECT_TRUE(IsRatio(RowValue(jan, "beta", kWinRate), 1, 1));
  EXPECT_TRUE(IsMoney(RowValue(jan, "beta", kClosedAmount), 2001));
}

TEST_P(CompetitorWinRateTest, GroupsByRegionEachWithItsCompetitors) {
  // east: o1 (Rival won), o8 (Acorn won); west: o2 (Rival, Zeta lost),
  // o3 (beta won); null region: o7 (Zeta lost, amount 0).
  auto r = Compute(Request("competitor_win_rate").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"east", "west", "(null)"}));
  const v1::Result& east = GroupResult(r->groups(), "east");
  EXPECT_TRUE(IsCount(east.value(), 2));
  EXPECT_EQ(Competitors(east), (std::vector<std::string>{"Acorn", "Rival"}));
  EXPECT_TRUE(IsRatio(RowValue(east, "Rival", kWinRate), 1, 1));
  const v1::Result& west = GroupResult(r->groups(), "west");
  EXPECT_TRUE(IsCount(west.value(), 2));
  EXPECT_TRUE(IsCount(Measure(west, "competitor_count"), 3));
  EXPECT_EQ(Competitors(west), (std::vector<std::string>{"Rival", "Zeta", "beta"}));
  EXPECT_TRUE(IsRatio(RowValue(west, "Rival", kWinRate), 0, 1));
  EXPECT_TRUE(IsMoneyRatio(RowValue(west, "Zeta", kAmountWeightedWinRate), 0, 3000));
  // Zeta in the null region: closed amount 0, so no amount-weighted rate.
  const v1::Result& none = GroupResult(r->groups(), std::nullopt);
  EXPECT_EQ(Competitors(none), (std::vector<std::string>{"Zeta"}));
  EXPECT_TRUE(IsRatio(RowValue(none, "Zeta", kWinRate), 0, 1));
  EXPECT_TRUE(IsAbsent(RowValue(none, "Zeta", kAmountWeightedWinRate)));
  EXPECT_EQ(RowValue(none, "Zeta", kAmountWeightedWinRate).fraction().money_denominator().minor_units(), 0);
  // The ungrouped result is still there.
  EXPECT_TRUE(IsCount(r->result().value(), 5));
}

TEST_P(CompetitorWinRateTest, GroupsByProductLineOnly) {
  // cloud: o1 o2; data: o3 o8; null: o7.
  auto r = Compute(Request("competitor_win_rate").Period("2024-01-01", "2024-02-01").GroupBy("product_line"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"cloud", "data", "(null)"}));
  EXPECT_EQ(Competitors(GroupResult(r->groups(), "cloud")), (std::vector<std::string>{"Rival", "Zeta"}));
  EXPECT_TRUE(IsRatio(RowValue(GroupResult(r->groups(), "cloud"), "Rival", kWinRate), 1, 2));
  EXPECT_EQ(Competitors(GroupResult(r->groups(), "data")), (std::vector<std::string>{"Acorn", "beta"}));

  auto by_rep = Compute(Request("competitor_win_rate").Period("2024-01-01", "2024-02-01").GroupBy("rep"));
  EXPECT_EQ(by_rep.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(CompetitorWinRateTest, FiltersSelectTheOpportunities) {
  // r_ann closed o1 (Rival) and o8 (Acorn) in January.
  auto r = Compute(Request("competitor_win_rate").Period("2024-01-01", "2024-02-01").Where("rep", {"r_ann"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Competitors(r->result()), (std::vector<std::string>{"Acorn", "Rival"}));
  EXPECT_TRUE(IsMoneyRatio(RowValue(r->result(), "Rival", kAmountWeightedWinRate), 1001, 1001));
  // A competitor filter selects the deals listing Zeta (o2, o7) and the
  // competitors shown: o2 also lists Rival, but Rival gets no row.
  auto zeta = Compute(Request("competitor_win_rate").Period("2024-01-01", "2024-02-01").Where("competitor", {"Zeta"}));
  ASSERT_TRUE(zeta.ok()) << zeta.status();
  EXPECT_TRUE(IsCount(zeta->result().value(), 2));
  EXPECT_EQ(Competitors(zeta->result()), (std::vector<std::string>{"Zeta"}));
  EXPECT_TRUE(IsRatio(RowValue(zeta->result(), "Zeta", kWinRate), 0, 2));
}

TEST_P(CompetitorWinRateTest, ClosedAtIsHalfOpen) {
  // o8 closes at exactly 2024-01-31 20:00 UTC: out of a period ending then
  // (o3 at 23:59:59 too), leaving o1 o2 o7.
  auto before = Compute(Request("competitor_win_rate").Period("2024-01-01", "2024-01-31T20:00:00"));
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(Competitors(before->result()), (std::vector<std::string>{"Rival", "Zeta"}));
  EXPECT_TRUE(IsCount(before->result().value(), 3));
  auto after = Compute(Request("competitor_win_rate").Period("2024-01-31T20:00:00", "2024-02-01"));
  ASSERT_TRUE(after.ok()) << after.status();
  // o8 (20:00) and o3 (23:59:59).
  EXPECT_EQ(Competitors(after->result()), (std::vector<std::string>{"Acorn", "beta"}));
}

TEST_P(CompetitorWinRateTest, PeriodIsCutInTheRequestTimeZone) {
  // January in Shanghai ends at 2024-01-31 16:00Z: o3 and o8 close in
  // February local. Left: o1 (Rival won), o2 (Rival, Zeta lost), o7 (Zeta).
  auto r = Compute(
      Request("competitor_win_rate").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 3));
  EXPECT_EQ(Competitors(r->result()), (std::vector<std::string>{"Rival", "Zeta"}));
  EXPECT_TRUE(IsRatio(RowValue(r->result(), "Rival", kWinRate), 1, 2));
}

TEST_P(CompetitorWinRateTest, NoClosedDealsMeansNoRows) {
  auto r = Compute(Request("competitor_win_rate").Period("2024-03-01", "2024-04-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 0));
  EXPECT_TRUE(IsCount(Measure(r->result(), "competitor_count"), 0));
  EXPECT_EQ(r->result().table().rows_size(), 0);
}

INSTANTIATE_BACKENDS(CompetitorWinRateTest);

}  // namespace
}  // namespace salesmetrics::testing
