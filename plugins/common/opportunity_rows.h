// The rows of the top_opportunities and stalled_opportunities views (kpis.md
// §8): one open opportunity per row, with its account, owner, stage, amount,
// weighted amount and age at as_of.
#ifndef SALESMETRICS_PLUGINS_COMMON_OPPORTUNITY_ROWS_H_
#define SALESMETRICS_PLUGINS_COMMON_OPPORTUNITY_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "salesmetrics/decimal.h"
#include "salesmetrics/sdk.h"

namespace salesmetrics::opportunity_rows {

namespace sdk = salesmetrics::sdk;

// The opportunities `o` open at as_of (kpis.md, "Open at as_of"), filtered
// by the request: a WHERE condition.
inline constexpr char kOpenAtAsOf[] = "o.status = 'open' AND o.created_at <= :as_of{{filters(opportunity, o)}}";

inline const std::vector<sdk::Output> kColumns = {
    {"opportunity_id", SM_UNIT_TEXT, "Opportunity"},
    {"name", SM_UNIT_TEXT, "Its name"},
    {"account_id", SM_UNIT_TEXT, "Account"},
    {"account_name", SM_UNIT_TEXT, "The account's name"},
    {"owner_rep_id", SM_UNIT_TEXT, "Owning sales rep"},
    {"owner_name", SM_UNIT_TEXT, "The owner's name"},
    {"stage_id", SM_UNIT_TEXT, "Current pipeline stage"},
    {"stage_name", SM_UNIT_TEXT, "The stage's name"},
    {"amount", SM_UNIT_MONEY, "amount_minor"},
    {"weighted_amount", SM_UNIT_MONEY, "amount x the stage's win_probability / 100, to the nearest minor unit"},
    {"age_days", SM_UNIT_DAYS, "as_of - created_at"},
    {"expected_close_date", SM_UNIT_DATE, "Expected close date"},
    {"is_key", SM_UNIT_BOOL, "A key opportunity"},
};

// `info` made a view of rows of opportunities open at as_of: no series, the
// period ignored, filters on the opportunity dimensions, kColumns.
inline sdk::MetricInfo OpenOpportunitiesView(sdk::MetricInfo info) {
  info.kind = SM_KIND_VIEW;
  info.supports_series = false;
  info.period_ignored = true;
  info.filter_dimensions = sdk::kOpportunityDimensions;
  info.columns = kColumns;
  return info;
}

// The row query of the opportunities `chosen` selects: `chosen` is a
// SELECT of whole opportunities rows (o.*), already ordered and limited, so
// that only the rows shown are joined to their account, owner and stage;
// `order_by` orders them again over `o`. Columns in kColumns' order.
inline std::string RowsSql(std::string_view chosen, std::string_view order_by) {
  return std::string(R"sql(
SELECT o.id, o.name, o.account_id, acct.name, o.owner_rep_id, rep.name, o.stage_id, stage.name,
       o.amount_minor, stage.win_probability,
       {{epoch_seconds(:as_of)}} - {{epoch_seconds(o.created_at)}} AS age_seconds,
       o.expected_close_date, CASE WHEN o.is_key THEN 1 ELSE 0 END
FROM ()sql") + std::string(chosen) + R"sql() o
LEFT JOIN accounts acct ON acct.id = o.account_id
LEFT JOIN sales_reps rep ON rep.id = o.owner_rep_id
LEFT JOIN pipeline_stages stage ON stage.id = o.stage_id
ORDER BY )sql" + std::string(order_by) + "\n";
}

// amount x win_probability / 100, rounded per row, halves away from zero.
inline sdk::Value WeightedAmount(int64_t amount_minor, std::optional<int64_t> win_probability) {
  if (!win_probability) return sdk::Absent("the opportunity's stage is not a pipeline stage");
  return sdk::Money(static_cast<int64_t>(RoundedQuotient(static_cast<Int128>(amount_minor) * *win_probability, 100)));
}

// Runs a RowsSql query and emits its rows, in order.
inline void EmitRows(sdk::Request& request, std::string_view sql, const std::vector<sdk::SqlParam>& params = {}) {
  using OptionalText = std::optional<std::string>;
  for (const auto& [id, name, account_id, account_name, owner_id, owner_name, stage_id, stage_name, amount,
                    win_probability, age_seconds, expected_close_date, is_key] :
       request.Query<std::string, OptionalText, std::string, OptionalText, std::string, OptionalText, std::string,
                     OptionalText, int64_t, std::optional<int64_t>, int64_t, OptionalText, int64_t>(sql, params)) {
    request.EmitRow({}, {sdk::Text(id), sdk::OptionalText(name), sdk::Text(account_id),
                         sdk::OptionalText(account_name), sdk::Text(owner_id), sdk::OptionalText(owner_name),
                         sdk::Text(stage_id), sdk::OptionalText(stage_name), sdk::Money(amount),
                         WeightedAmount(amount, win_probability),
                         sdk::Days(static_cast<double>(age_seconds) / 86400),
                         expected_close_date ? sdk::Date(*expected_close_date) : sdk::Absent(""),
                         sdk::Flag(is_key != 0)});
  }
}

}  // namespace salesmetrics::opportunity_rows

#endif  // SALESMETRICS_PLUGINS_COMMON_OPPORTUNITY_ROWS_H_
