// pipeline_coverage: is there enough open pipeline to reach the target?
// Open pipeline expected to close in the period / (target - won to date),
// as the forecast dashboard defines it (kpis.md, "forecast"):
//   open pipeline  open at as_of (status 'open', created_at <= as_of) with
//                  expected_close_date in the period;
//   won to date    won amount closed in [period start, min(period end, as_of));
//   target         company total_sales targets whose period lies inside it.
// Company-wide (no filters or group-by); each series bucket is computed as
// if it were the period.
#include <cmath>
#include <cstdint>
#include <optional>

#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;

// One row per bucket. DATE columns compare with the bucket's local dates,
// timestamps with its instants (kpis.md, "Dates against periods").
constexpr char kCoverageSql[] = R"sql(
WITH {{buckets}}
SELECT b.bucket,
       (SELECT COALESCE(SUM(o.amount_minor), 0) FROM opportunities o
        WHERE o.status = 'open' AND o.created_at <= :as_of
          AND o.expected_close_date >= b.start_date AND o.expected_close_date < b.end_date) AS open_pipeline,
       (SELECT COALESCE(SUM(o.amount_minor), 0) FROM opportunities o
        WHERE o.status = 'won' AND o.closed_at >= b.start_at
          AND o.closed_at < CASE WHEN :as_of < b.end_at THEN :as_of ELSE b.end_at END) AS won_to_date,
       (SELECT SUM(t.target_value) FROM targets t
        WHERE t.metric = 'total_sales' AND t.scope = 'company'
          AND t.period_start >= b.start_date AND t.period_end <= b.max_end_date) AS target
FROM buckets b
)sql";

constexpr char kNoTarget[] = "no company total_sales target lies inside the period";

// open / (target - won): a ratio of money, with its exact fraction when the
// target (a DOUBLE of minor units) is a whole number of them.
sdk::Value Coverage(int64_t open, int64_t won, std::optional<double> target) {
  if (!target) return sdk::Absent(kNoTarget);
  const double remaining = *target - static_cast<double>(won);
  if (remaining <= 0) return sdk::Absent("won to date already meets the target");
  sdk::Value coverage = sdk::Value::Of(SM_UNIT_RATIO, 0, static_cast<double>(open) / remaining);
  const int64_t target_minor = std::llround(*target);
  if (static_cast<double>(target_minor) == *target) {
    coverage.WithFraction(sdk::MoneyOf(open), sdk::MoneyOf(target_minor - won));
  }
  return coverage;
}

class PipelineCoverage : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "pipeline_coverage",
        .display_name = "Pipeline coverage",
        .description = "Open pipeline expected to close in the period / what remains of the company target.",
        .unit = SM_UNIT_RATIO,
        .measures = {
            {"pipeline_coverage", SM_UNIT_RATIO, "open_pipeline / (target - won_to_date)"},
            {"open_pipeline", SM_UNIT_MONEY, "Amount open at as_of and expected to close in the period"},
            {"won_to_date", SM_UNIT_MONEY, "Amount won from the period start to min(period end, as_of)"},
            {"target", SM_UNIT_MONEY, "Company total_sales targets inside the period"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    for (const auto& [bucket, open, won, target] :
         request.Query<int64_t, int64_t, int64_t, std::optional<double>>(kCoverageSql)) {
      const sdk::Cell cell{bucket, std::nullopt};
      request.Emit(cell, "pipeline_coverage", Coverage(open, won, target));
      request.Emit(cell, "open_pipeline", sdk::Money(open));
      request.Emit(cell, "won_to_date", sdk::Money(won));
      request.Emit(cell, "target", target ? sdk::Money(std::llround(*target)) : sdk::Absent(kNoTarget));
    }
    request.SetDefinition("", "open amount (open at as_of, expected_close_date in the period) / "
                              "(company total_sales target inside the period - won from the period start "
                              "to min(period end, as_of))");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("pipeline_coverage", registry) { registry.Add<PipelineCoverage>(); }
