// top_opportunities: the largest opportunities open at as_of, by amount
// (kpis.md §8); the period is ignored.
#include <cstdint>
#include <string>

#include "plugins/common/opportunity_rows.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace rows = salesmetrics::opportunity_rows;

constexpr char kLargestFirst[] = "o.amount_minor DESC, o.id{{collate_c}}";
const std::string kTopRows = rows::RowsSql(std::string("SELECT o.* FROM opportunities o WHERE ") + rows::kOpenAtAsOf +
                                               " ORDER BY " + kLargestFirst + " LIMIT :limit",
                                           kLargestFirst);

const std::string kOpenTotals =
    std::string("SELECT COUNT(*), COALESCE(SUM(o.amount_minor), 0) FROM opportunities o WHERE ") + rows::kOpenAtAsOf;

class TopOpportunities : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return rows::OpenOpportunitiesView({
        .id = "top_opportunities",
        .display_name = "Top opportunities",
        .description = "The largest opportunities open at as_of, by amount.",
        .unit = SM_UNIT_COUNT,
        .parameters = {{.name = "limit",
                        .description = "Number of rows",
                        .type = SM_PARAM_INTEGER,
                        .default_value = "10",
                        .minimum = "1",
                        .maximum = "100000"}},
        .measures = {
            {"open_count", SM_UNIT_COUNT, "Opportunities open at as_of, all of them, not only the rows shown"},
            {"open_amount", SM_UNIT_MONEY, "Their amount"},
        },
    });
  }

  void Compute(sdk::Request& request) const override {
    for (const auto& [count, amount] : request.Query<int64_t, int64_t>(kOpenTotals)) {
      request.Emit({}, "open_count", sdk::Count(count));
      request.Emit({}, "open_amount", sdk::Money(amount));
    }
    rows::EmitRows(request, kTopRows);
    request.SetDefinition("", "opportunities open at as_of (status open, created_at <= as_of) by amount_minor "
                              "descending, then id; weighted amount = amount x win_probability / 100, rounded per row");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("top_opportunities", registry) { registry.Add<TopOpportunities>(); }
