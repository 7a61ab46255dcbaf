// stage_conversion: how far the opportunities created in the period got
// through the pipeline, and the conversion from each stage to the next
// (kpis.md §3, auxiliary views).
#include <string>
#include <vector>

#include "plugins/common/pipeline_stage_columns.h"
#include "plugins/common/stage_funnel.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace stages = salesmetrics::pipeline_stages;
namespace funnel = salesmetrics::stage_funnel;

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
    auto funnels = request.NewCellMap<funnel::Funnel>();
    for (const auto& [bucket, id, name, position, reached, cohort, won] :
         request.Query<int64_t, std::string, std::string, int64_t, int64_t, int64_t, int64_t>(
             funnel::kReachedPerStageSql)) {
      funnel::Funnel& f = funnels[{bucket, std::nullopt}];
      f.cohort_count = cohort;
      f.won_count = won;
      f.stages.push_back({{id, name, position}, reached});
    }
    for (const auto& [cell, f] : funnels) {
      request.Emit(cell, "cohort_count", sdk::Count(f.cohort_count));
      request.Emit(cell, "won_count", sdk::Count(f.won_count));
      for (size_t i = 0; i < f.stages.size(); ++i) {
        const funnel::Conversion conversion = funnel::ConversionToNext(f, i);
        request.EmitRow(cell, stages::StageCells(f.stages[i].stage, {sdk::Count(f.stages[i].reached_count),
                                                                     sdk::Text(conversion.next_stage), conversion.rate}));
      }
    }
    request.SetDefinition("", "cohort: opportunities created in the period; reached(s): members whose furthest "
                              "stage position (history and current stage; every stage once won) >= position(s); "
                              "conversion(s) = reached(next) / reached(s), won / reached(s) for the last stage");
  }

};

}  // namespace

SALESMETRICS_PLUGIN("stage_conversion", registry) { registry.Add<StageConversion>(); }
