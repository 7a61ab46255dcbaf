// stage_task_completion: of the tasks due in the period, per pipeline
// stage, how many were completed by as_of and how many of those on time
// (kpis.md §8, auxiliary views).
#include <optional>
#include <string>
#include <vector>

#include "plugins/common/pipeline_stage_columns.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace stages = salesmetrics::pipeline_stages;

// Every stage in position order, then the stage ids that are no pipeline
// stage (by id), then the tasks without a stage (if any).
constexpr char kTasksPerStage[] = R"sql(
WITH {{buckets}},
task_counts AS (
  SELECT b.bucket,
         t.stage_id,
         COUNT(*) AS task_count,
         SUM(CASE WHEN t.completed_at <= :as_of THEN 1 ELSE 0 END) AS completed_count,
         SUM(CASE WHEN t.completed_at <= t.due_at AND t.completed_at <= :as_of THEN 1 ELSE 0 END) AS on_time_count
  FROM buckets b
  JOIN tasks t ON t.due_at >= b.start_at AND t.due_at < b.end_at
  {{join_for_filters(opportunity, o, t.opportunity_id)}}
  WHERE 1 = 1{{filters(opportunity, o)}}
  GROUP BY b.bucket, t.stage_id
),
stage_rows AS (
  SELECT b.bucket, s.id AS stage_id, s.name AS stage_name, s.position AS position,
         COALESCE(c.task_count, 0) AS task_count, COALESCE(c.completed_count, 0) AS completed_count,
         COALESCE(c.on_time_count, 0) AS on_time_count
  FROM buckets b
  CROSS JOIN pipeline_stages s
  LEFT JOIN task_counts c ON c.bucket = b.bucket AND c.stage_id = s.id
  UNION ALL
  SELECT bucket, stage_id, NULL, NULL, task_count, completed_count, on_time_count
  FROM task_counts
  WHERE stage_id IS NULL OR stage_id NOT IN (SELECT id FROM pipeline_stages)
)
SELECT bucket, stage_id, stage_name, position, task_count, completed_count, on_time_count
FROM stage_rows
ORDER BY bucket, position NULLS LAST, stage_id{{collate_c}} NULLS LAST
)sql";

struct TaskCounts {
  int64_t task_count = 0;
  int64_t completed_count = 0;
  int64_t on_time_count = 0;

  TaskCounts& operator+=(const TaskCounts& other) {
    task_count += other.task_count;
    completed_count += other.completed_count;
    on_time_count += other.on_time_count;
    return *this;
  }
  sdk::Value CompletionRate() const { return Rate(completed_count); }
  sdk::Value OnTimeRate() const { return Rate(on_time_count); }

 private:
  sdk::Value Rate(int64_t n) const {
    return sdk::Ratio(sdk::CountOf(n), sdk::CountOf(task_count), "no tasks due in the period");
  }
};

struct StageTasks {
  std::optional<stages::Stage> stage;  // nullopt: the tasks without a stage
  TaskCounts counts;
};

struct Completion {
  TaskCounts total;
  std::vector<StageTasks> stages;  // in position order, the stageless last
};

class StageTaskCompletion : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "stage_task_completion",
        .display_name = "Task completion per stage",
        .description = "Tasks due in the period per pipeline stage: completed by as_of, and on time.",
        .unit = SM_UNIT_COUNT,
        .kind = SM_KIND_VIEW,
        .supports_series = false,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .measures = {
            {"task_count", SM_UNIT_COUNT, "Tasks due in the period"},
            {"completed_count", SM_UNIT_COUNT, "Of those, completed by as_of"},
            {"on_time_count", SM_UNIT_COUNT, "Of those, completed by as_of and by their due time"},
            {"completion_rate", SM_UNIT_RATIO, "completed_count / task_count"},
            {"on_time_rate", SM_UNIT_RATIO, "on_time_count / task_count"},
        },
        .columns = stages::StageColumns({
            {"task_count", SM_UNIT_COUNT, "Tasks of the stage due in the period"},
            {"completed_count", SM_UNIT_COUNT, "Of those, completed by as_of"},
            {"on_time_count", SM_UNIT_COUNT, "Of those, completed by as_of and by their due time"},
            {"completion_rate", SM_UNIT_RATIO, "completed_count / task_count"},
            {"on_time_rate", SM_UNIT_RATIO, "on_time_count / task_count"},
        }),
    };
  }

  void Compute(sdk::Request& request) const override {
    auto cells = request.NewCellMap<Completion>();
    for (const auto& [bucket, id, name, position, total, completed, on_time] :
         request.Query<int64_t, std::optional<std::string>, std::optional<std::string>, std::optional<int64_t>,
                       int64_t, int64_t, int64_t>(kTasksPerStage)) {
      Completion& completion = cells[{bucket, std::nullopt}];
      const TaskCounts counts{total, completed, on_time};
      completion.total += counts;
      std::optional<stages::Stage> stage;
      if (id) stage = stages::Stage{*id, name, position};  // no name nor position: not a pipeline stage
      completion.stages.push_back({stage, counts});
    }
    for (const auto& [cell, completion] : cells) {
      const TaskCounts& total = completion.total;
      request.Emit(cell, "task_count", sdk::Count(total.task_count));
      request.Emit(cell, "completed_count", sdk::Count(total.completed_count));
      request.Emit(cell, "on_time_count", sdk::Count(total.on_time_count));
      request.Emit(cell, "completion_rate", total.CompletionRate());
      request.Emit(cell, "on_time_rate", total.OnTimeRate());
      for (const auto& [stage, c] : completion.stages) {
        request.EmitRow(cell, stages::StageCells(stage, {sdk::Count(c.task_count), sdk::Count(c.completed_count),
                                                         sdk::Count(c.on_time_count), c.CompletionRate(),
                                                         c.OnTimeRate()}));
      }
    }
    request.SetDefinition("", "tasks with due_at in the period, per stage: completed = completed_at <= as_of; "
                              "on time = completed_at <= due_at and <= as_of; both rates over all the tasks");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("stage_task_completion", registry) { registry.Add<StageTaskCompletion>(); }
