#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tests/plugins/stage_funnel_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

// The declared columns, in order.
enum Column {
  kStageId, kStageName, kPosition, kTaskCount, kCompletedCount, kOnTimeCount, kCompletionRate, kOnTimeRate
};

// The stage ids of the rows, "(null)" for the row of tasks without a stage.
std::vector<std::string> StageIds(const v1::Result& result) {
  std::vector<std::string> ids;
  for (const v1::Row& row : result.table().rows()) {
    const v1::Value& id = row.values(kStageId);
    ids.push_back(id.kind_case() == v1::Value::kText ? id.text() : "(null)");
  }
  return ids;
}

// task_count, completed_count and on_time_count of the row at `index`.
std::vector<int64_t> Counts(const v1::Result& result, int index) {
  const v1::Row& row = result.table().rows(index);
  return {row.values(kTaskCount).count(), row.values(kCompletedCount).count(), row.values(kOnTimeCount).count()};
}

v1::Value RowValue(const v1::Result& result, int index, Column column) {
  return result.table().rows(index).values(column);
}

constexpr char kAsOf[] = "2024-01-20T12:00:00Z";

class StageTaskCompletionTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kStageFunnelFixture);
    Load(kStageTasksFixture);
  }
};

TEST_P(StageTaskCompletionTest, CompletedByAsOfAndOnTimePerStage) {
  // January UTC at as_of 20 Jan 12:00 (t8 due at exactly `to`, t9 before
  // `from` and t10 never due are out):
  //   Qualify   t1 on time, t3 never completed    2 1 1
  //   Discover  t2 completed after its due time   1 1 0
  //   Propose   t4 completed after as_of, t5 at
  //             exactly its due time, t11 open    3 1 1
  //   Negotiate no tasks                          0 0 0
  //   (null)    t6 on time, t7 never completed    2 1 1
  auto r = Compute(Request("stage_task_completion").Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& jan = r->result();
  ASSERT_EQ(jan.table().columns_size(), 8);
  EXPECT_EQ(jan.table().columns(kOnTimeRate).name(), "on_time_rate");
  EXPECT_EQ(StageIds(jan), (std::vector<std::string>{"s_qual", "s_disc", "s_prop", "s_nego", "(null)"}));
  EXPECT_TRUE(IsText(RowValue(jan, 0, kStageName), "Qualify"));
  EXPECT_TRUE(IsNumber(RowValue(jan, 3, kPosition), 40));
  EXPECT_EQ(Counts(jan, 0), (std::vector<int64_t>{2, 1, 1}));
  EXPECT_TRUE(IsRatio(RowValue(jan, 0, kCompletionRate), 1, 2));
  EXPECT_TRUE(IsRatio(RowValue(jan, 0, kOnTimeRate), 1, 2));
  EXPECT_EQ(Counts(jan, 1), (std::vector<int64_t>{1, 1, 0}));
  EXPECT_TRUE(IsRatio(RowValue(jan, 1, kCompletionRate), 1, 1));
  EXPECT_TRUE(IsRatio(RowValue(jan, 1, kOnTimeRate), 0, 1));
  EXPECT_EQ(Counts(jan, 2), (std::vector<int64_t>{3, 1, 1}));
  EXPECT_TRUE(IsRatio(RowValue(jan, 2, kCompletionRate), 1, 3));
  EXPECT_EQ(Counts(jan, 3), (std::vector<int64_t>{0, 0, 0}));
  EXPECT_TRUE(IsAbsent(RowValue(jan, 3, kCompletionRate)));
  EXPECT_TRUE(IsAbsent(RowValue(jan, 3, kOnTimeRate)));
  // The stageless row has no stage id, name or position.
  EXPECT_EQ(RowValue(jan, 4, kStageName).kind_case(), v1::Value::KIND_NOT_SET);
  EXPECT_EQ(RowValue(jan, 4, kPosition).kind_case(), v1::Value::KIND_NOT_SET);
  EXPECT_EQ(Counts(jan, 4), (std::vector<int64_t>{2, 1, 1}));
  EXPECT_TRUE(IsRatio(RowValue(jan, 4, kOnTimeRate), 1, 2));
  // Over all 8 tasks: completed t1 t2 t5 t6, on time t1 t5 t6.
  EXPECT_TRUE(IsCount(jan.value(), 8));
  EXPECT_TRUE(IsCount(Measure(jan, "completed_count"), 4));
  EXPECT_TRUE(IsCount(Measure(jan, "on_time_count"), 3));
  EXPECT_TRUE(IsRatio(Measure(jan, "completion_rate"), 4, 8));
  EXPECT_TRUE(IsRatio(Measure(jan, "on_time_rate"), 3, 8));
}

TEST_P(StageTaskCompletionTest, AStageIdThatIsNoPipelineStageGetsItsOwnRow) {
  // tasks.stage_id need not be a pipeline stage: such tasks come after the
  // pipeline stages, by id, before the tasks without a stage, and count in
  // the totals. January at as_of: 11 tasks from the fixture's 7, plus two.
  Load(R"sql(
INSERT INTO tasks (id, opportunity_id, stage_id, owner_rep_id, created_at, due_at, completed_at) VALUES
  ('t20', 'p1', 'zz_legacy', 'r_ann', '2024-01-01 00:00:00', '2024-01-06 00:00:00', '2024-01-05 00:00:00'),
  ('t21', 'p1', 'a_legacy',  'r_ann', '2024-01-01 00:00:00', '2024-01-06 00:00:00', NULL)
)sql");
  auto r = Compute(Request("stage_task_completion").Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(StageIds(r->result()),
            (std::vector<std::string>{"s_qual", "s_disc", "s_prop", "s_nego", "a_legacy", "zz_legacy", "(null)"}));
  EXPECT_EQ(Counts(r->result(), 5), (std::vector<int64_t>{1, 1, 1}));
  EXPECT_TRUE(IsAbsent(RowValue(r->result(), 5, kStageName)));
  EXPECT_TRUE(IsAbsent(RowValue(r->result(), 5, kPosition)));
  EXPECT_TRUE(IsCount(Measure(r->result(), "task_count"), 10));  // 8 + t20 + t21
}

TEST_P(StageTaskCompletionTest, ALaterAsOfCountsLaterCompletions) {
  // At 10 Feb t4 (completed 22 Jan, due 25 Jan) is completed and on time:
  // Propose 3 2 2; overall 8 5 4.
  auto r = Compute(Request("stage_task_completion").Period("2024-01-01", "2024-02-01").AsOf("2024-02-10T00:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Counts(r->result(), 2), (std::vector<int64_t>{3, 2, 2}));
  EXPECT_TRUE(IsRatio(Measure(r->result(), "completion_rate"), 5, 8));
  EXPECT_TRUE(IsRatio(Measure(r->result(), "on_time_rate"), 4, 8));
}

TEST_P(StageTaskCompletionTest, FiltersApplyThroughTheOpportunity) {
  // West: t5 (p3) and t11 (p10) in Propose; no stageless task, so no null row.
  auto r = Compute(
      Request("stage_task_completion").Period("2024-01-01", "2024-02-01").AsOf(kAsOf).Where("region", {"west"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(StageIds(r->result()), (std::vector<std::string>{"s_qual", "s_disc", "s_prop", "s_nego"}));
  EXPECT_EQ(Counts(r->result(), 0), (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(Counts(r->result(), 2), (std::vector<int64_t>{2, 1, 1}));
  EXPECT_TRUE(IsCount(r->result().value(), 2));
  EXPECT_TRUE(IsRatio(Measure(r->result(), "on_time_rate"), 1, 2));
}

TEST_P(StageTaskCompletionTest, DueAtIsHalfOpen) {
  // February UTC: t8 alone, due at exactly 2024-02-01 00:00, completed 10 Jan.
  auto r = Compute(Request("stage_task_completion").Period("2024-02-01", "2024-03-01").AsOf("2024-02-10T00:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::Result& feb = r->result();
  EXPECT_EQ(StageIds(feb), (std::vector<std::string>{"s_qual", "s_disc", "s_prop", "s_nego"}));
  EXPECT_EQ(Counts(feb, 0), (std::vector<int64_t>{1, 1, 1}));
  EXPECT_TRUE(IsAbsent(RowValue(feb, 1, kOnTimeRate)));
  EXPECT_TRUE(IsCount(feb.value(), 1));
  EXPECT_TRUE(IsRatio(Measure(feb, "on_time_rate"), 1, 1));
}

TEST_P(StageTaskCompletionTest, PeriodIsCutInTheRequestTimeZone) {
  // January in Shanghai = [2023-12-31 16:00Z, 2024-01-31 16:00Z): t9 (on
  // time) joins Qualify, t11 leaves Propose. Qualify 3 2 2, Propose 2 1 1;
  // overall 8 tasks, completed t1 t2 t5 t6 t9, on time t1 t5 t6 t9.
  auto r = Compute(
      Request("stage_task_completion").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Counts(r->result(), 0), (std::vector<int64_t>{3, 2, 2}));
  EXPECT_EQ(Counts(r->result(), 2), (std::vector<int64_t>{2, 1, 1}));
  EXPECT_TRUE(IsRatio(Measure(r->result(), "completion_rate"), 5, 8));
  EXPECT_TRUE(IsRatio(Measure(r->result(), "on_time_rate"), 4, 8));
}

TEST_P(StageTaskCompletionTest, NoTasksMeansNoRates) {
  auto r = Compute(Request("stage_task_completion").Period("2024-03-01", "2024-04-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(StageIds(r->result()), (std::vector<std::string>{"s_qual", "s_disc", "s_prop", "s_nego"}));
  EXPECT_TRUE(IsCount(r->result().value(), 0));
  EXPECT_TRUE(IsAbsent(Measure(r->result(), "completion_rate")));
  EXPECT_TRUE(IsAbsent(Measure(r->result(), "on_time_rate")));
}

INSTANTIATE_BACKENDS(StageTaskCompletionTest);

}  // namespace
}  // namespace salesmetrics::testing
