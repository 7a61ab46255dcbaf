#include <gtest/gtest.h>

#include <cmath>

#include <string>
#include <vector>

#include "tests/plugins/sales_reps_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

// won / target with the target as summed (not rounded); a target that is
// not a whole number of minor units gives no exact fraction.
::testing::AssertionResult IsAttainment(const v1::Value& value, int64_t won, double target) {
  if (value.kind_case() != v1::Value::kRatio || std::abs(value.ratio() - static_cast<double>(won) / target) > 1e-12 ||
      value.has_fraction()) {
    return ::testing::AssertionFailure() << "expected " << won << " / " << target << ", got " << value.ShortDebugString();
  }
  return ::testing::AssertionSuccess();
}

// The declared columns, in order.
enum Column { kRepId, kRepName, kTeamId, kWonAmount, kWonCount, kClosedCount, kWinRate, kRank, kTarget, kAttainment };

// The rep ids of a result's rows, in row order.
std::vector<std::string> RepIds(const v1::Result& result) {
  std::vector<std::string> ids;
  for (const v1::Row& row : result.table().rows()) ids.push_back(row.values(kRepId).text());
  return ids;
}

// The value in `column` of the row of `rep_id`.
v1::Value RowValue(const v1::Result& result, const std::string& rep_id, Column column) {
  for (const v1::Row& row : result.table().rows()) {
    if (row.values(kRepId).text() == rep_id) return row.values(column);
  }
  ADD_FAILURE() << "no row for " << rep_id;
  return {};
}

class SalesPerRepTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kSalesRepsFixture);
  }
};

TEST_P(SalesPerRepTest, OneRowPerRepEmployedDuringThePeriodByRank) {
  // January: r_ben left mid-period and r_fay on 1 Jan are listed; r_cal (left
  // 31 Dec) and r_dan (hired 1 Feb) are not, so d11 counts for nobody.
  // r_Zoe and r_amy tie at 3000: 'Z' (U+005A) sorts before 'a' by code point.
  // r_eve and r_fay tie at 0.
  auto r = Compute(Request("sales_per_rep").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& jan = r->result();
  EXPECT_EQ(RepIds(jan), (std::vector<std::string>{"r_Zoe", "r_amy", "r_ben", "r_eve", "r_fay"}));
  for (int i = 0; i < jan.table().rows_size(); ++i) EXPECT_TRUE(IsCount(jan.table().rows(i).values(kRank), i + 1));
  ASSERT_EQ(jan.table().columns_size(), 10);
  EXPECT_EQ(jan.table().columns(kAttainment).name(), "attainment");

  // r_Zoe: d3 + d4 won; targets t3 + t4 = 3000, both inside January.
  EXPECT_TRUE(IsText(RowValue(jan, "r_Zoe", kRepName), "Zoe"));
  EXPECT_TRUE(IsText(RowValue(jan, "r_Zoe", kTeamId), "t_south"));
  EXPECT_TRUE(IsMoney(RowValue(jan, "r_Zoe", kWonAmount), 3000));
  EXPECT_TRUE(IsCount(RowValue(jan, "r_Zoe", kWonCount), 2));
  EXPECT_TRUE(IsRatio(RowValue(jan, "r_Zoe", kWinRate), 2, 2));
  EXPECT_TRUE(IsMoney(RowValue(jan, "r_Zoe", kTarget), 3000));
  EXPECT_TRUE(IsMoneyRatio(RowValue(jan, "r_Zoe", kAttainment), 3000, 3000));
  // r_amy: d1 won, d2 lost; t1 6000.5 -> 6001 (half away from zero), t2
  // straddles the period's end and is ignored.
  EXPECT_TRUE(IsCount(RowValue(jan, "r_amy", kClosedCount), 2));
  EXPECT_TRUE(IsRatio(RowValue(jan, "r_amy", kWinRate), 1, 2));
  EXPECT_TRUE(IsMoney(RowValue(jan, "r_amy", kTarget), 6001));
  // Attainment divides by the target as summed, 6000.5.
  EXPECT_TRUE(IsAttainment(RowValue(jan, "r_amy", kAttainment), 3000, 6000.5));
  // r_ben: d5 won, d6 lost at 23:59:59 on 31 Jan; t5 is an mql_count target.
  EXPECT_TRUE(IsMoney(RowValue(jan, "r_ben", kWonAmount), 1502));
  EXPECT_TRUE(IsCount(RowValue(jan, "r_ben", kClosedCount), 2));
  EXPECT_TRUE(IsAbsent(RowValue(jan, "r_ben", kTarget)));
  EXPECT_TRUE(IsAbsent(RowValue(jan, "r_ben", kAttainment)));
  // r_eve: a zero row with a zero target; r_fay has no team.
  EXPECT_TRUE(IsMoney(RowValue(jan, "r_eve", kWonAmount), 0));
  EXPECT_TRUE(IsCount(RowValue(jan, "r_eve", kClosedCount), 0));
  EXPECT_TRUE(IsAbsent(RowValue(jan, "r_eve", kWinRate)));
  EXPECT_TRUE(IsMoney(RowValue(jan, "r_eve", kTarget), 0));
  EXPECT_TRUE(IsAbsent(RowValue(jan, "r_eve", kAttainment)));
  EXPECT_FALSE(RowValue(jan, "r_fay", kTeamId).has_text());

  // (3000 + 3000 + 1502) / 5 = 1500.4 -> 1500.
  EXPECT_TRUE(IsMoney(jan.value(), 1500));
  EXPECT_TRUE(IsCount(Measure(jan, "rep_count"), 5));
  EXPECT_TRUE(IsMoney(Measure(jan, "won_amount"), 7502));
}

TEST_P(SalesPerRepTest, TeamFilterRestrictsTheRows) {
  // t_north: r_amy, r_ben, r_eve; (3000 + 1502) / 3 = 1500.67 -> 1501.
  auto r = Compute(Request("sales_per_rep").Period("2024-01-01", "2024-02-01").Where("team", {"t_north"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(RepIds(r->result()), (std::vector<std::string>{"r_amy", "r_ben", "r_eve"}));
  EXPECT_TRUE(IsCount(RowValue(r->result(), "r_ben", kRank), 2));
  EXPECT_TRUE(IsMoney(r->result().value(), 1501));
  auto rep = Compute(Request("sales_per_rep").Period("2024-01-01", "2024-02-01").Where("rep", {"r_ben"}));
  ASSERT_TRUE(rep.ok()) << rep.status();
  EXPECT_EQ(RepIds(rep->result()), (std::vector<std::string>{"r_ben"}));
  EXPECT_TRUE(IsMoney(rep->result().value(), 1502));
}

TEST_P(SalesPerRepTest, OtherFiltersRestrictTheDeals) {
  // cloud: d1 (won) and d2 for r_amy, d4 for r_Zoe; every rep still listed.
  // 5000 / 5 = 1000.
  auto r = Compute(Request("sales_per_rep").Period("2024-01-01", "2024-02-01").Where("product_line", {"cloud"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(RepIds(r->result()), (std::vector<std::string>{"r_amy", "r_Zoe", "r_ben", "r_eve", "r_fay"}));
  EXPECT_TRUE(IsRatio(RowValue(r->result(), "r_amy", kWinRate), 1, 2));
  EXPECT_TRUE(IsMoney(RowValue(r->result(), "r_Zoe", kWonAmount), 2000));
  EXPECT_TRUE(IsCount(RowValue(r->result(), "r_ben", kClosedCount), 0));
  EXPECT_TRUE(IsMoney(RowValue(r->result(), "r_amy", kTarget), 6001));  // targets are not filtered
  EXPECT_TRUE(IsMoney(r->result().value(), 1000));
}

TEST_P(SalesPerRepTest, AStrictFilterCountsOnlyWhatHasItsDimension) {
  // Reps and deals both have a team: strict is the same as not.
  auto team = Compute(Request("sales_per_rep").Period("2024-01-01", "2024-02-01").WhereStrictly("team", {"t_north"}));
  ASSERT_TRUE(team.ok()) << team.status();
  EXPECT_EQ(RepIds(team->result()), (std::vector<std::string>{"r_amy", "r_ben", "r_eve"}));
  EXPECT_TRUE(IsMoney(team->result().value(), 1501));
  // Reps have no product line (nor region): under a strict filter no rep is
  // listed, so nothing is divided and no rep outside the scope shows.
  auto cloud =
      Compute(Request("sales_per_rep").Period("2024-01-01", "2024-02-01").WhereStrictly("product_line", {"cloud"}));
  ASSERT_TRUE(cloud.ok()) << cloud.status();
  EXPECT_EQ(cloud->result().table().rows_size(), 0);
  EXPECT_TRUE(IsAbsent(cloud->result().value()));
  EXPECT_TRUE(IsCount(Measure(cloud->result(), "rep_count"), 0));
  EXPECT_TRUE(IsMoney(Measure(cloud->result(), "won_amount"), 0));
}

TEST_P(SalesPerRepTest, CutsThePeriodInTheRequestTimeZone) {
  // January in Shanghai: d9 (31 Dec 23:59:59Z) is in, d6 (31 Jan 23:59:59Z)
  // is out. r_amy 3400 overtakes r_Zoe; r_ben closed d5 only.
  auto r = Compute(Request("sales_per_rep").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(RepIds(r->result()), (std::vector<std::string>{"r_amy", "r_Zoe", "r_ben", "r_eve", "r_fay"}));
  EXPECT_TRUE(IsMoney(RowValue(r->result(), "r_amy", kWonAmount), 3400));
  EXPECT_TRUE(IsRatio(RowValue(r->result(), "r_ben", kWinRate), 1, 1));
  EXPECT_TRUE(IsMoney(RowValue(r->result(), "r_amy", kTarget), 6001));
}

TEST_P(SalesPerRepTest, MonthlySeriesListsTheRepsOfEachMonth) {
  auto r = Compute(
      Request("sales_per_rep").Period("2023-12-01", "2024-03-01").Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 3);
  // December: r_cal (d7 800) and r_amy (d9 400), then the zero rows by id;
  // r_dan is not hired yet. No target lies inside December. 1200 / 6 = 200.
  const v1::Result& dec = r->series(0).result();
  EXPECT_EQ(RepIds(dec), (std::vector<std::string>{"r_cal", "r_amy", "r_Zoe", "r_ben", "r_eve", "r_fay"}));
  EXPECT_TRUE(IsAbsent(RowValue(dec, "r_amy", kTarget)));
  EXPECT_TRUE(IsMoney(dec.value(), 200));
  // January as in the first test.
  EXPECT_EQ(RepIds(r->series(1).result()), (std::vector<std::string>{"r_Zoe", "r_amy", "r_ben", "r_eve", "r_fay"}));
  // February: r_dan (d8 at 1 Feb 00:00) and those still employed; t2
  // straddles the month's start. 900 / 4 = 225.
  const v1::Result& feb = r->series(2).result();
  EXPECT_EQ(RepIds(feb), (std::vector<std::string>{"r_dan", "r_Zoe", "r_amy", "r_eve"}));
  EXPECT_TRUE(IsAbsent(RowValue(feb, "r_amy", kTarget)));
  EXPECT_TRUE(IsMoney(feb.value(), 225));
  // The whole period lists all seven; r_cal's d7 and d11 make 5800. r_amy's
  // t1 + t2 = 15999.5 -> 16000. 14602 / 7 = 2086.
  const v1::Result& all = r->result();
  EXPECT_EQ(RepIds(all), (std::vector<std::string>{"r_cal", "r_amy", "r_Zoe", "r_ben", "r_dan", "r_eve", "r_fay"}));
  EXPECT_TRUE(IsMoney(RowValue(all, "r_cal", kWonAmount), 5800));
  EXPECT_TRUE(IsAttainment(RowValue(all, "r_amy", kAttainment), 3400, 15999.5));
  EXPECT_TRUE(IsMoney(all.value(), 2086));
}

TEST_P(SalesPerRepTest, NoRepsMeansNoAverage) {
  auto r = Compute(Request("sales_per_rep").Period("2024-01-01", "2024-02-01").Where("team", {"t_none"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->result().table().rows_size(), 0);
  EXPECT_TRUE(IsAbsent(r->result().value()));
  EXPECT_TRUE(IsCount(Measure(r->result(), "rep_count"), 0));
}

TEST_P(SalesPerRepTest, RefusesGroupBy) {
  auto r = Compute(Request("sales_per_rep").Period("2024-01-01", "2024-02-01").GroupBy("team"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_BACKENDS(SalesPerRepTest);

}  // namespace
}  // namespace salesmetrics::testing
