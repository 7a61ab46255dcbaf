#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/plugins/deal_cycles_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

// The declared columns, in order.
enum Column { kStageId, kStageName, kPosition, kExitCount, kMeanDays, kMedianDays };

std::vector<std::string> StageIds(const v1::Result& result) {
  std::vector<std::string> ids;
  for (const v1::Row& row : result.table().rows()) ids.push_back(row.values(kStageId).text());
  return ids;
}

// Row `row` has `count` exits with that mean and median.
void ExpectDwell(const v1::Result& result, int row, int64_t count, double mean, double median) {
  const v1::Row& r = result.table().rows(row);
  EXPECT_TRUE(IsCount(r.values(kExitCount), count)) << "row " << row;
  EXPECT_TRUE(IsDays(r.values(kMeanDays), mean)) << "row " << row;
  EXPECT_TRUE(IsDays(r.values(kMedianDays), median)) << "row " << row;
}

void ExpectNoExits(const v1::Result& result, int row) {
  const v1::Row& r = result.table().rows(row);
  EXPECT_TRUE(IsCount(r.values(kExitCount), 0)) << "row " << row;
  EXPECT_TRUE(IsAbsent(r.values(kMeanDays))) << "row " << row;
  EXPECT_TRUE(IsAbsent(r.values(kMedianDays))) << "row " << row;
}

class StageDwellTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kDealCyclesFixture);
  }
};

TEST_P(StageDwellTest, ListsEveryStageInPositionOrder) {
  auto r = Compute(Request("stage_dwell").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(StageIds(r->result()), (std::vector<std::string>{"s_qual", "s_prop", "s_nego", "s_legal"}));
  const v1::Row& first = r->result().table().rows(0);
  EXPECT_TRUE(IsText(first.values(kStageName), "Qualify"));
  EXPECT_TRUE(IsNumber(first.values(kPosition), 1));
  EXPECT_TRUE(IsNumber(r->result().table().rows(3).values(kPosition), 4));
  EXPECT_FALSE(r->definition().formula().empty());
}

TEST_P(StageDwellTest, CountsEachHistoryRowExitingInThePeriod) {
  // January UTC. Out: w4's first s_qual row (exits in December), p_fox's
  // s_qual row (exits at exactly `to`), and the open rows of p_atlas and
  // p_fox. w2's s_qual row exits at exactly `from`: in.
  auto r = Compute(Request("stage_dwell").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->result().table().rows_size(), 4);
  // s_qual: w2 11, w3 17, w4's revisit 3, p_atlas 0.25; sorted 0.25, 3, 11,
  // 17: mean 31.25 / 4; median at 1.5: 3 + 0.5 x (11 - 3).
  ExpectDwell(r->result(), 0, 4, 7.8125, 7);
  // s_prop: skipped by w2 and w3; w4 was there twice: 16 and 4.5.
  ExpectDwell(r->result(), 1, 2, 10.25, 10.25);
  // s_nego: w2 9, w3 13, w4 7.5: mean 29.5 / 3, median 9.
  ExpectDwell(r->result(), 2, 3, 29.5 / 3, 9);
  // s_legal: nobody got there.
  ExpectNoExits(r->result(), 3);
}

TEST_P(StageDwellTest, ARowExitingAtToBelongsToTheNextPeriod) {
  // February: p_fox's s_qual row (1 June to 1 February: 245 days) only.
  auto r = Compute(Request("stage_dwell").Period("2024-02-01", "2024-03-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->result().table().rows_size(), 4);
  ExpectDwell(r->result(), 0, 1, 245, 245);
  ExpectNoExits(r->result(), 1);
  ExpectNoExits(r->result(), 2);
  ExpectNoExits(r->result(), 3);
}

TEST_P(StageDwellTest, FiltersThroughTheHistoryRowsOpportunity) {
  // Region west in January: w2 only.
  auto west = Compute(Request("stage_dwell").Period("2024-01-01", "2024-02-01").Where("region", {"west"}));
  ASSERT_TRUE(west.ok()) << west.status();
  ASSERT_EQ(west->result().table().rows_size(), 4);
  ExpectDwell(west->result(), 0, 1, 11, 11);
  ExpectNoExits(west->result(), 1);
  ExpectDwell(west->result(), 2, 1, 9, 9);
  ExpectNoExits(west->result(), 3);
  // Team t_east (Ann's deals) in January: w3, w4, p_atlas. s_qual 17, 3,
  // 0.25: mean 20.25 / 3, median 3; s_prop 16, 4.5; s_nego 13, 7.5.
  auto east = Compute(Request("stage_dwell").Period("2024-01-01", "2024-02-01").Where("team", {"t_east"}));
  ASSERT_TRUE(east.ok()) << east.status();
  ASSERT_EQ(east->result().table().rows_size(), 4);
  ExpectDwell(east->result(), 0, 3, 6.75, 3);
  ExpectDwell(east->result(), 1, 2, 10.25, 10.25);
  ExpectDwell(east->result(), 2, 2, 10.25, 10.25);
  ExpectNoExits(east->result(), 3);
}

TEST_P(StageDwellTest, AHistoryRowWithoutItsOpportunityCountsUnlessFiltered) {
  // The definition reads history rows alone: a row whose opportunity is
  // missing counts (s_legal, 10 to 12 January: 2 days); a filter, which it
  // cannot match, leaves it out.
  Load("INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at, exited_at) VALUES "
       "('gone', 's_legal', '2024-01-10 00:00:00', '2024-01-12 00:00:00');");
  auto all = Compute(Request("stage_dwell").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->result().table().rows_size(), 4);
  ExpectDwell(all->result(), 0, 4, 7.8125, 7);
  ExpectDwell(all->result(), 3, 1, 2, 2);
  auto west = Compute(Request("stage_dwell").Period("2024-01-01", "2024-02-01").Where("region", {"west"}));
  ASSERT_TRUE(west.ok()) << west.status();
  ASSERT_EQ(west->result().table().rows_size(), 4);
  ExpectNoExits(west->result(), 3);
}

TEST_P(StageDwellTest, HasNoSeriesAndNoGroups) {
  auto series = Compute(
      Request("stage_dwell").Period("2024-01-01", "2024-02-01").Granularity(v1::GRANULARITY_MONTH));
  EXPECT_EQ(series.status().code(), absl::StatusCode::kInvalidArgument);
  auto grouped = Compute(Request("stage_dwell").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  EXPECT_EQ(grouped.status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_BACKENDS(StageDwellTest);

}  // namespace
}  // namespace salesmetrics::testing
