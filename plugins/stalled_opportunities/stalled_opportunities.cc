// stalled_opportunities: the opportunities open at as_of whose age exceeds
// the mean sales cycle of the deals won in the 365 days before as_of
// (kpis.md §8); the period is ignored, the filters apply to both.
#include <cstdint>
#include <limits>
#include <string>

#include "plugins/common/opportunity_rows.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace rows = salesmetrics::opportunity_rows;

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kMicrosPerYear = 365 * kSecondsPerDay * 1000000;

// `cycle`: the won deals of [:window_start, :as_of) that set the threshold.
// `stalled`: age > cycle_seconds / won_count, compared exactly as
// age x won_count > cycle_seconds (so nothing is stalled without wins).
const std::string kStalledCtes = R"sql(
WITH cycle AS (
  SELECT COUNT(*) AS won_count,
         COALESCE(SUM({{epoch_seconds(o.closed_at)}} - {{epoch_seconds(o.created_at)}}), 0) AS cycle_seconds
  FROM opportunities o
  WHERE o.status = 'won' AND o.closed_at >= :window_start AND o.closed_at < :as_of{{filters(opportunity, o)}}
),
stalled AS (
  SELECT o.*
  FROM opportunities o
  CROSS JOIN cycle c
  WHERE )sql" + std::string(rows::kOpenAtAsOf) + R"sql(
    AND ({{epoch_seconds(:as_of)}} - {{epoch_seconds(o.created_at)}}) * c.won_count > c.cycle_seconds
)
)sql";

// The largest age (in whole seconds, as shown) first, then id.
constexpr char kOldestFirst[] = "{{epoch_seconds(o.created_at)}}, o.id{{collate_c}}";
const std::string kStalledRows =
    kStalledCtes + rows::RowsSql(std::string("SELECT o.* FROM stalled o ORDER BY ") + kOldestFirst +
                                     " LIMIT :row_limit",
                                 kOldestFirst);

const std::string kStalledTotals = kStalledCtes + R"sql(
SELECT c.won_count, c.cycle_seconds,
       (SELECT COUNT(*) FROM stalled), (SELECT COALESCE(SUM(amount_minor), 0) FROM stalled)
FROM cycle c
)sql";

class StalledOpportunities : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return rows::OpenOpportunitiesView({
        .id = "stalled_opportunities",
        .display_name = "Stalled opportunities",
        .description = "Opportunities open at as_of for longer than the mean sales cycle of the deals won in the "
                       "365 days before as_of, oldest first.",
        .unit = SM_UNIT_COUNT,
        .parameters = {{.name = "limit",
                        .description = "Maximum number of rows; unset: all of them",
                        .type = SM_PARAM_INTEGER,
                        .minimum = "1"}},
        .measures = {
            {"stalled_count", SM_UNIT_COUNT, "Stalled opportunities, all of them, not only the rows shown"},
            {"stalled_amount", SM_UNIT_MONEY, "Their amount"},
            {"mean_cycle_days", SM_UNIT_DAYS,
             "The threshold: mean closed_at - created_at of the deals won in [as_of - 365 days, as_of)"},
        },
    });
  }

  void Compute(sdk::Request& request) const override {
    const sdk::SqlParam window_start =
        sdk::SqlParam::Timestamp("window_start", request.as_of_micros() - kMicrosPerYear);
    for (const auto& [won_count, cycle_seconds, stalled_count, stalled_amount] :
         request.Query<int64_t, int64_t, int64_t, int64_t>(kStalledTotals, {window_start})) {
      request.Emit({}, "stalled_count", sdk::Count(stalled_count));
      request.Emit({}, "stalled_amount", sdk::Money(stalled_amount));
      request.Emit({}, "mean_cycle_days",
                   won_count == 0 ? sdk::Absent("no opportunities won in the 365 days before as_of")
                                  : sdk::Days(static_cast<double>(cycle_seconds) /
                                              static_cast<double>(won_count * kSecondsPerDay)));
    }
    // Without a limit, every stalled opportunity (SQLite has no LIMIT ALL).
    const std::optional<std::string> limit = request.OptionalParam("limit");
    const int64_t row_limit = limit ? std::stoll(*limit) : std::numeric_limits<int64_t>::max();
    rows::EmitRows(request, kStalledRows, {window_start, sdk::SqlParam::Int64("row_limit", row_limit)});
    request.SetDefinition("", "opportunities open at as_of with as_of - created_at > the mean closed_at - created_at "
                              "of the opportunities won in [as_of - 365 days, as_of), oldest first, then id");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("stalled_opportunities", registry) { registry.Add<StalledOpportunities>(); }
