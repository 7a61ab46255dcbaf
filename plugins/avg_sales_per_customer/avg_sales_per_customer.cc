// avg_sales_per_customer (客单价): total sales / the number of distinct
// accounts among the opportunities won in the period (kpis.md §9).
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;

constexpr char kWonDeals[] = R"sql(
WITH {{buckets}}
SELECT b.bucket,
       {{group_key(opportunity, o)}} AS group_key,
       SUM(o.amount_minor) AS total_sales,
       COUNT(DISTINCT o.account_id) AS customer_count
FROM buckets b
JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
{{group_join(opportunity, o)}}
WHERE o.status = 'won'{{filters(opportunity, o)}}
{{group_by_cell(b.bucket, group_key)}}
)sql";

struct WonDeals {
  int64_t total_sales = 0;
  int64_t customer_count = 0;
};

class AvgSalesPerCustomer : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "avg_sales_per_customer",
        .display_name = "Average sales per customer",
        .description = "Won amount per distinct account among the opportunities won (closed_at) in the period.",
        .unit = SM_UNIT_MONEY,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .group_by_dimensions = sdk::kOpportunityDimensions,
        .measures = {
            {"avg_sales_per_customer", SM_UNIT_MONEY,
             "total_sales / customer_count, to the nearest minor unit, halves away from zero"},
            {"total_sales", SM_UNIT_MONEY, "Won amount"},
            {"customer_count", SM_UNIT_COUNT, "Distinct accounts of the won opportunities"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    auto won = request.NewCellMap<WonDeals>();
    for (const auto& [bucket, group, total, customers] :
         request.Query<int64_t, sdk::GroupKey, int64_t, int64_t>(kWonDeals)) {
      won[{bucket, group}] = {total, customers};
    }
    for (const auto& [cell, w] : won) {
      request.Emit(cell, "avg_sales_per_customer",
                   sdk::MoneyQuotient(w.total_sales, sdk::CountOf(w.customer_count),
                                      "no opportunities won in the period"));
      request.Emit(cell, "total_sales", sdk::Money(w.total_sales));
      request.Emit(cell, "customer_count", sdk::Count(w.customer_count));
    }
    request.SetDefinition("", "sum(amount_minor) / count(distinct account_id) over won opportunities with "
                              "closed_at in the period");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("avg_sales_per_customer", registry) { registry.Add<AvgSalesPerCustomer>(); }
