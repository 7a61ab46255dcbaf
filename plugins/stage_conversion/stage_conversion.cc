// stage_conversion: how far the opportunities created in the period got
// through the pipeline, and the conversion from each stage to the next
// (kpis.md §3, auxiliary views).
#include <string>
#include <vector>

#include "plugins/common/pipeline_stage_columns.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace stages = salesmetrics::pipeline_stages;

// A cohort member's furthest position is the highest position among the
// stages of its history rows (found through the history primary key, which
// starts with opportunity_id) and its current stage; a won one has reached
// the last stage. The cohort is counted per furthest position, and
// reached(s) sums those counts from the last stage down to s.
constexpr char kReachedPerStage[] = R"sql(
WITH {{buckets}},
cohort AS (
  SELECT b.bucket,
         o.status,
         CASE WHEN o.status = 'won' THEN (SELECT MAX(position) FROM pipeline_stages)
              ELSE (SELECT MAX(s.position)
                    FROM (SELECT h.stage_id FROM opportunity_stage_history h WHERE h.opportunity_id = o.id
                          UNION ALL
                          SELECT o.stage_id) visited
                    JOIN pipeline_stages s ON s.id = visited.stage_id) END AS furthest_position
  FROM buckets b
  JOIN opportunities o ON o.created_at >= b.start_at AND o.created_at < b.end_at
  WHERE 1 = 1{{filters(opportunity, o)}}
),
per_furthest_position AS (
  SELECT bucket,
         furthest_position,
         COUNT(*) AS cohort_count,
         SUM(CASE WHEN status = 'won' THEN 1 ELSE 0 END) AS won_count
  FROM cohort
  GROUP BY bucket, furthest_position
)
SELECT b.bucket, s.id, s.name, s.position,
       SUM(COALESCE(f.cohort_count, 0)) OVER (PARTITION BY b.bucket ORDER BY s.position DESC) AS reached_count,
       SUM(COALESCE(f.cohort_count, 0)) OVER (PARTITION BY b.bucket) AS cohort_count,
       SUM(COALESCE(f.won_count, 0)) OVER (PARTITION BY b.bucket) AS won_count
FROM buckets b
CROSS JOIN pipeline_stages s
LEFT JOIN per_furthest_position f ON f.bucket = b.bucket AND f.furthest_position = s.position
ORDER BY b.bucket, s.position
)sql";

struct StageReached {
  stages::Stage stage;
  int64_t reached_count;
};

struct Funnel {
  int64_t cohort_count = 0;
  int64_t won_count = 0;
  std::vector<StageReached> stages;  // in position order
};

class StageConversion : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "stage_conversion",
        .display_name = "Stage conversion",
        .description = "Of the opportunities created in the period, how many reached each pipeline stage, "
                       "and the conversion from each stage to the next.",
        .unit = SM_UNIT_COUNT,
        .kind = SM_KIND_VIEW,
        .supports_series = false,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .measures = {
            {"cohort_count", SM_UNIT_COUNT, "Opportunities created in the period"},
            {"won_count", SM_UNIT_COUNT, "Opportunities of the cohort with status won"},
        },
        .columns = stages::StageColumns({
            {"reached_count", SM_UNIT_COUNT, "Cohort members whose furthest position is at or past the stage"},
            {"next_stage", SM_UNIT_TEXT, "The next stage's id, or won after the last stage"},
            {"conversion_rate", SM_UNIT_RATIO, "reached_count of the next stage (won count after the last) / "
                                               "reached_count"},
        }),
    };
  }

  void Compute(sdk::Request& request) const override {
    auto funnels = request.NewCellMap<Funnel>();
    for (const auto& [bucket, id, name, position, reached, cohort, won] :
         request.Query<int64_t, std::string, std::string, int64_t, int64_t, int64_t, int64_t>(kReachedPerStage)) {
      Funnel& funnel = funnels[{bucket, std::nullopt}];
      funnel.cohort_count = cohort;
      funnel.won_count = won;
      funnel.stages.push_back({{id, name, position}, reached});
    }
    for (const auto& [cell, funnel] : funnels) {
      request.Emit(cell, "cohort_count", sdk::Count(funnel.cohort_count));
      request.Emit(cell, "won_count", sdk::Count(funnel.won_count));
      EmitStages(request, cell, funnel);
    }
    request.SetDefinition("", "cohort: opportunities created in the period; reached(s): members whose furthest "
                              "stage position (history and current stage; every stage once won) >= position(s); "
                              "conversion(s) = reached(next) / reached(s), won / reached(s) for the last stage");
  }

 private:
  static void EmitStages(sdk::Request& request, const sdk::Cell& cell, const Funnel& funnel) {
    for (size_t i = 0; i < funnel.stages.size(); ++i) {
      const auto& [stage, reached] = funnel.stages[i];
      const bool last = i + 1 == funnel.stages.size();
      const int64_t next_reached = last ? funnel.won_count : funnel.stages[i + 1].reached_count;
      request.EmitRow(cell, stages::StageCells(stage, {sdk::Count(reached),
                                                       sdk::Text(last ? "won" : funnel.stages[i + 1].stage.id),
                                                       sdk::Ratio(sdk::CountOf(next_reached), sdk::CountOf(reached),
                                                                  "no opportunity of the cohort reached the stage")}));
    }
  }
};

}  // namespace

SALESMETRICS_PLUGIN("stage_conversion", registry) { registry.Add<StageConversion>(); }
