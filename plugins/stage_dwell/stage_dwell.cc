// stage_dwell: per pipeline stage, the days spent in it by the stage-history
// rows that exited it in the period: count, mean and median (kpis.md §8).
#include <cstdint>
#include <string>

#include "plugins/common/duration_stats.h"
#include "plugins/common/pipeline_stage_columns.h"
#include "plugins/common/stage_funnel.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace ds = salesmetrics::duration_stats;
namespace ps = salesmetrics::pipeline_stages;

const std::string kDwellStats = ds::StatsSql(salesmetrics::stage_funnel::kStageDwellSamplesSql);

constexpr char kStages[] = "SELECT id, name, position FROM pipeline_stages ORDER BY position";

constexpr char kNoExits[] = "no stage-history rows exited this stage in the period";

class StageDwell : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "stage_dwell",
        .display_name = "Stage dwell time",
        .description = "Per pipeline stage, days spent in it by the stage-history rows that exited it in the period.",
        .unit = SM_UNIT_DAYS,
        .kind = SM_KIND_VIEW,
        .supports_series = false,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .columns = ps::StageColumns({
            {"exit_count", SM_UNIT_COUNT, "History rows of the stage with exited_at in the period"},
            {"mean_days", SM_UNIT_DAYS, "Mean of exited_at - entered_at"},
            {"median_days", SM_UNIT_DAYS, "Median, interpolated as percentile_cont(0.5)"},
        }),
    };
  }

  void Compute(sdk::Request& request) const override {
    sdk::CellMap<ds::DurationStats> stats;
    ds::ReadStats(request, kDwellStats, stats);
    for (const auto& [id, name, position] : request.Query<std::string, std::string, int64_t>(kStages)) {
      const ds::DurationStats& s = stats[{0, id}];
      request.EmitRow({}, ps::StageCells(ps::Stage{id, name, position}, {sdk::Count(s.count), ds::MeanDays(s, kNoExits),
                                                                ds::MedianDays(s, kNoExits)}));
    }
    request.SetDefinition("", "per stage, over stage-history rows with exited_at in the period, exited_at - entered_at "
                              "in days: count, mean, and median by linear interpolation (percentile_cont)");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("stage_dwell", registry) { registry.Add<StageDwell>(); }
