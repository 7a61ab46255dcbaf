#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tests/plugins/stage_funnel_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

// The declared columns, in order.
enum Column { kStageId, kStageName, kPosition, kReachedCount, kNextStage, kConversionRate };

std::vector<std::string> Texts(const v1::Result& result, Column column) {
  std::vector<std::string> texts;
  for (const v1::Row& row : result.table().rows()) texts.push_back(row.values(column).text());
  return texts;
}

std::vector<int64_t> ReachedCounts(const v1::Result& result) {
  std::vector<int64_t> counts;
  for (const v1::Row& row : result.table().rows()) counts.push_back(row.values(kReachedCount).count());
  return counts;
}

// The conversion rate of the stage in row `row`.
v1::Value Conversion(const v1::Result& result, int row) {
  return result.table().rows(row).values(kConversionRate);
}

class StageConversionTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kStageFunnelFixture);
  }
};

TEST_P(StageConversionTest, ReachedAndConversionPerStageInPositionOrder) {
  // Cohort: created in January UTC: p1-p7 and p10 (p8 at exactly `to` and p9
  // before `from` are out) = 8; won p4 p5 = 2.
  // Furthest: p7 10 (no history: its current stage); p1 20 and p10 20; p2 30
  // (skipped Discover); p3 30 (went back to Discover and lost there); p6 40;
  // p5 40; p4 won with history stopping at Qualify: every stage.
  // reached: Qualify 8, Discover 7 (all but p7, with p2 and p6 who skipped it),
  // Propose 5 (p2 p3 p4 p5 p6), Negotiate 3 (p4 p5 p6).
  auto r = Compute(Request("stage_conversion").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& jan = r->result();
  EXPECT_TRUE(IsCount(jan.value(), 8));
  EXPECT_TRUE(IsCount(Measure(jan, "cohort_count"), 8));
  EXPECT_TRUE(IsCount(Measure(jan, "won_count"), 2));
  ASSERT_EQ(jan.table().columns_size(), 6);
  EXPECT_EQ(jan.table().columns(kConversionRate).name(), "conversion_rate");
  EXPECT_EQ(Texts(jan, kStageId), (std::vector<std::string>{"s_qual", "s_disc", "s_prop", "s_nego"}));
  EXPECT_EQ(Texts(jan, kStageName), (std::vector<std::string>{"Qualify", "Discover", "Propose", "Negotiate"}));
  EXPECT_EQ(Texts(jan, kNextStage), (std::vector<std::string>{"s_disc", "s_prop", "s_nego", "won"}));
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(IsNumber(jan.table().rows(i).values(kPosition), 10 * (i + 1)));
  EXPECT_EQ(ReachedCounts(jan), (std::vector<int64_t>{8, 7, 5, 3}));
  EXPECT_TRUE(IsRatio(Conversion(jan, 0), 7, 8));
  EXPECT_TRUE(IsRatio(Conversion(jan, 1), 5, 7));
  EXPECT_TRUE(IsRatio(Conversion(jan, 2), 3, 5));
  // Negotiate -> won: won p4 p5 / reached 3.
  EXPECT_TRUE(IsRatio(Conversion(jan, 3), 2, 3));
}

TEST_P(StageConversionTest, FiltersNarrowTheCohortAndAStageNobodyReachedHasNoConversion) {
  // West, January UTC: p3 (30), p7 (10), p10 (20); none won.
  // reached: Qualify 3, Discover 2, Propose 1, Negotiate 0.
  auto r = Compute(Request("stage_conversion").Period("2024-01-01", "2024-02-01").Where("region", {"west"}));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& west = r->result();
  EXPECT_TRUE(IsCount(west.value(), 3));
  EXPECT_TRUE(IsCount(Measure(west, "won_count"), 0));
  EXPECT_EQ(ReachedCounts(west), (std::vector<int64_t>{3, 2, 1, 0}));
  EXPECT_TRUE(IsRatio(Conversion(west, 0), 2, 3));
  EXPECT_TRUE(IsRatio(Conversion(west, 1), 1, 2));
  EXPECT_TRUE(IsRatio(Conversion(west, 2), 0, 1));
  // Negotiate -> won: 0 / 0.
  EXPECT_TRUE(IsAbsent(Conversion(west, 3)));
  EXPECT_EQ(Conversion(west, 3).fraction().count_denominator(), 0);

  // Data, January UTC: p2 (30), p5 (won), p6 (40), p10 (20): reached 4 4 3 2.
  auto data = Compute(Request("stage_conversion").Period("2024-01-01", "2024-02-01").Where("product_line", {"data"}));
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(ReachedCounts(data->result()), (std::vector<int64_t>{4, 4, 3, 2}));
  EXPECT_TRUE(IsRatio(Conversion(data->result(), 3), 1, 2));
}

TEST_P(StageConversionTest, AWonDealReachedEveryStageAndCreatedAtIsHalfOpen) {
  // February UTC: p8 alone, created at exactly 2024-02-01 00:00; won with
  // history only in Qualify and current stage Qualify: reached every stage.
  auto r = Compute(Request("stage_conversion").Period("2024-02-01", "2024-03-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& feb = r->result();
  EXPECT_TRUE(IsCount(feb.value(), 1));
  EXPECT_TRUE(IsCount(Measure(feb, "won_count"), 1));
  EXPECT_EQ(ReachedCounts(feb), (std::vector<int64_t>{1, 1, 1, 1}));
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(IsRatio(Conversion(feb, i), 1, 1));
}

TEST_P(StageConversionTest, PeriodIsCutInTheRequestTimeZone) {
  // January in Shanghai = [2023-12-31 16:00Z, 2024-01-31 16:00Z): p9 (30)
  // joins, p10 (20) leaves: p1-p7 and p9. reached: Qualify 8, Discover 7,
  // Propose 6 (p2 p3 p4 p5 p6 p9), Negotiate 3.
  auto r = Compute(Request("stage_conversion").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& jan = r->result();
  EXPECT_TRUE(IsCount(jan.value(), 8));
  EXPECT_EQ(ReachedCounts(jan), (std::vector<int64_t>{8, 7, 6, 3}));
  EXPECT_TRUE(IsRatio(Conversion(jan, 1), 6, 7));
  EXPECT_TRUE(IsRatio(Conversion(jan, 2), 3, 6));
}

TEST_P(StageConversionTest, EmptyCohortListsEveryStageWithoutConversions) {
  auto r = Compute(Request("stage_conversion").Period("2024-03-01", "2024-04-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& march = r->result();
  EXPECT_TRUE(IsCount(march.value(), 0));
  EXPECT_EQ(ReachedCounts(march), (std::vector<int64_t>{0, 0, 0, 0}));
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(IsAbsent(Conversion(march, i)));
}

TEST_P(StageConversionTest, IsAViewWithoutSeriesOrGroups) {
  auto series = Compute(
      Request("stage_conversion").Period("2024-01-01", "2024-02-01").Granularity(v1::GRANULARITY_MONTH));
  EXPECT_EQ(series.status().code(), absl::StatusCode::kInvalidArgument);
  auto grouped = Compute(Request("stage_conversion").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  EXPECT_EQ(grouped.status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_BACKENDS(StageConversionTest);

}  // namespace
}  // namespace salesmetrics::testing
