// The pipeline as the stage views and the funnel dashboard see it: how far
// a cohort got (stage_conversion), the conversion from each stage to the
// next, and the time spent in each stage (stage_dwell). One definition,
// compiled into the plugins and the server.
#ifndef SALESMETRICS_PLUGINS_COMMON_STAGE_FUNNEL_H_
#define SALESMETRICS_PLUGINS_COMMON_STAGE_FUNNEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "plugins/common/pipeline_stage_columns.h"
#include "salesmetrics/sdk.h"

namespace salesmetrics::stage_funnel {

namespace sdk = salesmetrics::sdk;

// A cohort member's furthest position is the highest position among the
// stages of its history rows (found through the history primary key, which
// starts with opportunity_id) and its current stage; a won one has reached
// the last stage. The cohort is counted per furthest position, and
// reached(s) sums those counts from the last stage down to s.
inline constexpr char kReachedPerStageSql[] = R"sql(
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

// The dwell samples of stage_dwell, for duration_stats::StatsSql: per
// bucket, the stage and the seconds of each history row that exited in
// it. Filters apply through the history row's opportunity.
inline constexpr char kStageDwellSamplesSql[] = R"sql(
SELECT b.bucket, h.stage_id, {{epoch_seconds(h.exited_at)}} - {{epoch_seconds(h.entered_at)}}
FROM buckets b
JOIN opportunity_stage_history h ON h.exited_at >= b.start_at AND h.exited_at < b.end_at
{{join_for_filters(opportunity, o, h.opportunity_id)}}
WHERE 1 = 1{{filters(opportunity, o)}}
)sql";

struct StageReached {
  pipeline_stages::Stage stage;
  int64_t reached_count;
};

// A cohort's way through the pipeline.
struct Funnel {
  int64_t cohort_count = 0;
  int64_t won_count = 0;
  std::vector<StageReached> stages;  // in position order
};

struct Conversion {
  std::string next_stage;  // the next stage's id, or "won" after the last
  sdk::Value rate;         // reached(next) / reached(stage), won / reached after the last
};

// The conversion from stage `i` of `funnel` to the next.
inline Conversion ConversionToNext(const Funnel& funnel, size_t i) {
  const bool last = i + 1 == funnel.stages.size();
  const int64_t next_reached = last ? funnel.won_count : funnel.stages[i + 1].reached_count;
  return {last ? "won" : funnel.stages[i + 1].stage.id,
          sdk::Ratio(sdk::CountOf(next_reached), sdk::CountOf(funnel.stages[i].reached_count),
                     "no opportunity of the cohort reached the stage")};
}

}  // namespace salesmetrics::stage_funnel

#endif  // SALESMETRICS_PLUGINS_COMMON_STAGE_FUNNEL_H_
