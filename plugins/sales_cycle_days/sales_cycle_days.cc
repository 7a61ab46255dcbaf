// sales_cycle_days: days from creation to close of the opportunities won in
// the period: count, mean, median and 90th percentile (kpis.md §8).
#include <string>

#include "plugins/common/duration_stats.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace ds = salesmetrics::duration_stats;

constexpr char kWonCycles[] = R"sql(
SELECT b.bucket,
       {{group_key(opportunity, o)}},
       {{epoch_seconds(o.closed_at)}} - {{epoch_seconds(o.created_at)}}
FROM buckets b
JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
{{group_join(opportunity, o)}}
WHERE o.status = 'won'{{filters(opportunity, o)}}
)sql";

const std::string kCycleStats = ds::StatsSql(kWonCycles);

constexpr char kNoWins[] = "no opportunities won in the period";

class SalesCycleDays : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "sales_cycle_days",
        .display_name = "Sales cycle",
        .description = "Days from creation to close of the opportunities won (closed_at) in the period.",
        .unit = SM_UNIT_DAYS,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .group_by_dimensions = sdk::kOpportunityDimensions,
        .measures = {
            {"mean_days", SM_UNIT_DAYS, "Mean of closed_at - created_at over the won opportunities"},
            {"won_count", SM_UNIT_COUNT, "Opportunities won in the period"},
            {"median_days", SM_UNIT_DAYS, "Median, interpolated as percentile_cont(0.5)"},
            {"p90_days", SM_UNIT_DAYS, "90th percentile, interpolated as percentile_cont(0.9)"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    auto stats = request.NewCellMap<ds::DurationStats>();
    ds::ReadStats(request, kCycleStats, stats);
    for (const auto& [cell, s] : stats) {
      request.Emit(cell, "mean_days", ds::MeanDays(s, kNoWins));
      request.Emit(cell, "won_count", sdk::Count(s.count));
      request.Emit(cell, "median_days", ds::MedianDays(s, kNoWins));
      request.Emit(cell, "p90_days", ds::P90Days(s, kNoWins));
    }
    request.SetDefinition("", "over won opportunities with closed_at in the period, closed_at - created_at in days: "
                              "mean, and median and p90 by linear interpolation (percentile_cont)");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("sales_cycle_days", registry) { registry.Add<SalesCycleDays>(); }
