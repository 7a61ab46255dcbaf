// total_sales: the sum of amount_minor over won opportunities with
// closed_at in the period (kpis.md §5), with the identity
// total = closed count x win rate x average won deal size.
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;

constexpr char kClosedDeals[] = R"sql(
WITH {{additive_buckets}}
SELECT b.bucket,
       {{group_key(opportunity, o)}} AS group_key,
       COUNT(*) AS closed_count,
       SUM(CASE WHEN o.status = 'won' THEN 1 ELSE 0 END) AS won_count,
       SUM(CASE WHEN o.status = 'won' THEN o.amount_minor ELSE 0 END) AS won_amount
FROM buckets b
JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
{{group_join(opportunity, o)}}
WHERE o.status IN ('won', 'lost'){{filters(opportunity, o)}}
{{group_by_cell(b.bucket, group_key)}}
)sql";

struct ClosedDeals {
  int64_t closed_count = 0;
  int64_t won_count = 0;
  int64_t won_amount = 0;
};

class TotalSales : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "total_sales",
        .display_name = "Total sales",
        .description = "Sum of the amounts of the opportunities won (closed_at) in the period.",
        .unit = SM_UNIT_MONEY,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .group_by_dimensions = sdk::kOpportunityDimensions,
        .measures = {
            {"total_sales", SM_UNIT_MONEY, "Won amount"},
            {"closed_count", SM_UNIT_COUNT, "Opportunities won or lost in the period"},
            {"won_count", SM_UNIT_COUNT, "Opportunities won in the period"},
            {"win_rate", SM_UNIT_RATIO, "won_count / closed_count"},
            {"average_deal_size", SM_UNIT_MONEY, "total_sales / won_count, to the nearest minor unit"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    auto deals = request.NewCellMap<ClosedDeals>();
    for (const auto& [bucket, group, closed, won, amount] :
         request.Query<int64_t, sdk::GroupKey, int64_t, int64_t, int64_t>(kClosedDeals)) {
      deals[{bucket, group}] = {closed, won, amount};
    }
    for (const auto& [cell, d] : deals) {
      request.Emit(cell, "total_sales", sdk::Money(d.won_amount));
      request.Emit(cell, "closed_count", sdk::Count(d.closed_count));
      request.Emit(cell, "won_count", sdk::Count(d.won_count));
      request.Emit(cell, "win_rate", sdk::Ratio(sdk::CountOf(d.won_count), sdk::CountOf(d.closed_count),
                                                "no opportunities closed in the period"));
      request.Emit(cell, "average_deal_size", sdk::MoneyQuotient(d.won_amount, sdk::CountOf(d.won_count),
                                                                 "no opportunities won in the period"));
    }
    request.SetDefinition("", "sum(amount_minor) of won opportunities with closed_at in the period "
                              "= closed_count x win_rate x average_deal_size");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("total_sales", registry) { registry.Add<TotalSales>(); }
