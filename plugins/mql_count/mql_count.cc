// mql_count: the number of leads with mql_at in the period, disqualified
// ones included (kpis.md §1).
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;

constexpr char kMqls[] = R"sql(
WITH {{additive_buckets}}
SELECT b.bucket,
       {{group_key(lead, l)}} AS group_key,
       COUNT(*) AS mql_count
FROM buckets b
JOIN leads l ON l.mql_at >= b.start_at AND l.mql_at < b.end_at
WHERE 1 = 1{{filters(lead, l)}}
{{group_by_cell(b.bucket, group_key)}}
)sql";

class MqlCount : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "mql_count",
        .display_name = "MQL count",
        .description = "Number of leads that became marketing-qualified (mql_at) in the period.",
        .unit = SM_UNIT_COUNT,
        .filter_dimensions = sdk::kLeadDimensions,
        .group_by_dimensions = sdk::kLeadDimensions,
        .measures = {{"mql_count", SM_UNIT_COUNT, "Leads with mql_at in the period, disqualified ones included"}},
    };
  }

  void Compute(sdk::Request& request) const override {
    auto counts = request.NewCellMap<int64_t>();
    for (const auto& [bucket, group, n] : request.Query<int64_t, sdk::GroupKey, int64_t>(kMqls)) {
      counts[{bucket, group}] = n;
    }
    for (const auto& [cell, n] : counts) request.Emit(cell, "mql_count", sdk::Count(n));
    request.SetDefinition("", "count of leads with mql_at in the period");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("mql_count", registry) { registry.Add<MqlCount>(); }
