// competitor_win_rate: the win rate of the opportunities closed in the
// period, per competitor they list (kpis.md §3, auxiliary views).
// An opportunity with several competitors counts once for each.
#include <map>
#include <string>

#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;

constexpr char kClosedPerCompetitor[] = R"sql(
WITH {{buckets}}
SELECT b.bucket,
       {{group_key(opportunity, o)}} AS group_key,
       c.competitor,
       COUNT(*) AS closed_count,
       SUM(CASE WHEN o.status = 'won' THEN 1 ELSE 0 END) AS won_count,
       SUM(CASE WHEN o.status = 'won' THEN o.amount_minor ELSE 0 END) AS won_amount,
       SUM(o.amount_minor) AS closed_amount
FROM buckets b
JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
JOIN opportunity_competitors c ON c.opportunity_id = o.id
{{group_join(opportunity, o)}}
WHERE o.status IN ('won', 'lost'){{filters(opportunity, o)}}{{filters(opportunity_competitor, c)}}
GROUP BY b.bucket, group_key, c.competitor
)sql";

// Each closed deal once, however many competitors it lists.
constexpr char kClosedWithCompetitors[] = R"sql(
WITH {{buckets}}
SELECT b.bucket,
       {{group_key(opportunity, o)}} AS group_key,
       COUNT(*) AS closed_count
FROM buckets b
JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
{{group_join(opportunity, o)}}
WHERE o.status IN ('won', 'lost')
  AND EXISTS (SELECT 1 FROM opportunity_competitors c WHERE c.opportunity_id = o.id){{filters(opportunity, o)}}
{{group_by_cell(b.bucket, group_key)}}
)sql";

struct ClosedDeals {
  int64_t closed_count = 0;
  int64_t won_count = 0;
  int64_t won_amount = 0;
  int64_t closed_amount = 0;
};

struct CompetitorRows {
  int64_t closed_count = 0;  // distinct deals
  std::map<std::string, ClosedDeals> per_competitor;  // std::string order is code point order
};

class CompetitorWinRate : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "competitor_win_rate",
        .display_name = "Win rate per competitor",
        .description = "Win rate of the opportunities closed in the period, per competitor they list.",
        .unit = SM_UNIT_COUNT,
        .kind = SM_KIND_VIEW,
        .supports_series = false,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .group_by_dimensions = {"product_line", "region"},
        .measures = {
            {"closed_count", SM_UNIT_COUNT, "Opportunities closed in the period listing at least one competitor"},
            {"competitor_count", SM_UNIT_COUNT, "Competitors listed by those opportunities"},
        },
        .columns = {
            {"competitor", SM_UNIT_TEXT, "opportunity_competitors.competitor"},
            {"closed_count", SM_UNIT_COUNT, "Opportunities won or lost in the period listing the competitor"},
            {"won_count", SM_UNIT_COUNT, "Of those, the ones won"},
            {"win_rate", SM_UNIT_RATIO, "won_count / closed_count"},
            {"won_amount", SM_UNIT_MONEY, "Amount of the ones won"},
            {"closed_amount", SM_UNIT_MONEY, "Amount of the ones closed"},
            {"amount_weighted_win_rate", SM_UNIT_RATIO, "won_amount / closed_amount"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    auto cells = request.NewCellMap<CompetitorRows>();
    for (const auto& [bucket, group, competitor, closed, won, won_amount, closed_amount] :
         request.Query<int64_t, sdk::GroupKey, std::string, int64_t, int64_t, int64_t, int64_t>(
             kClosedPerCompetitor)) {
      cells[{bucket, group}].per_competitor[competitor] = {closed, won, won_amount, closed_amount};
    }
    for (const auto& [bucket, group, closed] :
         request.Query<int64_t, sdk::GroupKey, int64_t>(kClosedWithCompetitors)) {
      cells[{bucket, group}].closed_count = closed;
    }
    for (const auto& [cell, rows] : cells) {
      request.Emit(cell, "closed_count", sdk::Count(rows.closed_count));
      request.Emit(cell, "competitor_count", sdk::Count(static_cast<int64_t>(rows.per_competitor.size())));
      for (const auto& [competitor, d] : rows.per_competitor) {
        request.EmitRow(cell, {sdk::Text(competitor), sdk::Count(d.closed_count), sdk::Count(d.won_count),
                               sdk::Ratio(sdk::CountOf(d.won_count), sdk::CountOf(d.closed_count),
                                          "no opportunities closed in the period"),
                               sdk::Money(d.won_amount), sdk::Money(d.closed_amount),
                               sdk::Ratio(sdk::MoneyOf(d.won_amount), sdk::MoneyOf(d.closed_amount),
                                          "the amount of the closed opportunities is 0")});
      }
    }
    request.SetDefinition("", "per competitor listed, over opportunities won or lost with closed_at in the "
                              "period: won / closed; amount-weighted: won amount / closed amount");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("competitor_win_rate", registry) { registry.Add<CompetitorWinRate>(); }
