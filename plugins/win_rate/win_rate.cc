// win_rate: won / closed over opportunities closed in the period, and the
// amount-weighted rate (kpis.md §3). Variant `created`: of the
// opportunities created in the period, those won by as_of.
#include <string>

#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;

constexpr char kClosedInPeriod[] = R"sql(
WITH {{additive_buckets}}
SELECT b.bucket,
       {{group_key(opportunity, o)}} AS group_key,
       COUNT(*) AS opportunity_count,
       SUM(CASE WHEN o.status = 'won' THEN 1 ELSE 0 END) AS won_count,
       SUM(o.amount_minor) AS opportunity_amount,
       SUM(CASE WHEN o.status = 'won' THEN o.amount_minor ELSE 0 END) AS won_amount
FROM buckets b
JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
{{group_join(opportunity, o)}}
WHERE o.status IN ('won', 'lost'){{filters(opportunity, o)}}
{{group_by_cell(b.bucket, group_key)}}
)sql";

constexpr char kCreatedInPeriod[] = R"sql(
WITH {{additive_buckets}}
SELECT b.bucket,
       {{group_key(opportunity, o)}} AS group_key,
       COUNT(*) AS opportunity_count,
       SUM(CASE WHEN o.status = 'won' AND o.closed_at <= :as_of THEN 1 ELSE 0 END) AS won_count,
       SUM(o.amount_minor) AS opportunity_amount,
       SUM(CASE WHEN o.status = 'won' AND o.closed_at <= :as_of THEN o.amount_minor ELSE 0 END) AS won_amount
FROM buckets b
JOIN opportunities o ON o.created_at >= b.start_at AND o.created_at < b.end_at
{{group_join(opportunity, o)}}
WHERE 1 = 1{{filters(opportunity, o)}}
{{group_by_cell(b.bucket, group_key)}}
)sql";

struct Variant {
  const char* name;
  const char* sql;
  const char* count_measure;   // the denominator's count
  const char* amount_measure;  // the denominator's amount
  const char* no_opportunities;
  const char* formula;
};

constexpr Variant kClosed = {
    "closed", kClosedInPeriod, "closed_count", "closed_amount", "no opportunities closed in the period",
    "won / closed, over opportunities won or lost with closed_at in the period; "
    "amount-weighted: won amount / closed amount"};
constexpr Variant kCreated = {
    "created", kCreatedInPeriod, "created_count", "created_amount", "no opportunities created in the period",
    "won by as_of / created, over opportunities with created_at in the period; "
    "amount-weighted: won amount / created amount"};

struct Counts {
  int64_t opportunity_count = 0;
  int64_t won_count = 0;
  int64_t opportunity_amount = 0;
  int64_t won_amount = 0;
};

class WinRate : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "win_rate",
        .display_name = "Win rate",
        .description = "Share of the opportunities closed in the period that were won.",
        .unit = SM_UNIT_RATIO,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .group_by_dimensions = sdk::kOpportunityDimensions,
        .parameters = {sdk::Parameter::Variant(
            {"closed", "created"},
            "closed: won / closed in the period; created: of those created in the period, won by as_of")},
        .measures = {
            {"win_rate", SM_UNIT_RATIO, "won_count / closed_count (created_count for variant created)"},
            {"amount_weighted_win_rate", SM_UNIT_RATIO, "won_amount / closed_amount (created_amount)"},
            {"won_count", SM_UNIT_COUNT, "Opportunities won"},
            {"closed_count", SM_UNIT_COUNT, "Opportunities won or lost in the period (variant closed)"},
            {"created_count", SM_UNIT_COUNT, "Opportunities created in the period (variant created)"},
            {"won_amount", SM_UNIT_MONEY, "Amount of the opportunities won"},
            {"closed_amount", SM_UNIT_MONEY, "Amount of the opportunities closed (variant closed)"},
            {"created_amount", SM_UNIT_MONEY, "Amount of the opportunities created (variant created)"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    const Variant& variant = request.Param("variant") == "created" ? kCreated : kClosed;
    auto counts = request.NewCellMap<Counts>();
    for (const auto& [bucket, group, n, won, amount, won_amount] :
         request.Query<int64_t, sdk::GroupKey, int64_t, int64_t, int64_t, int64_t>(variant.sql)) {
      counts[{bucket, group}] = {n, won, amount, won_amount};
    }
    for (const auto& [cell, c] : counts) {
      request.Emit(cell, "win_rate", sdk::Ratio(sdk::CountOf(c.won_count), sdk::CountOf(c.opportunity_count),
                                                variant.no_opportunities));
      request.Emit(cell, "amount_weighted_win_rate",
                   sdk::Ratio(sdk::MoneyOf(c.won_amount), sdk::MoneyOf(c.opportunity_amount),
                              std::string("the amount of the ") + variant.name + " opportunities is 0"));
      request.Emit(cell, "won_count", sdk::Count(c.won_count));
      request.Emit(cell, variant.count_measure, sdk::Count(c.opportunity_count));
      request.Emit(cell, "won_amount", sdk::Money(c.won_amount));
      request.Emit(cell, variant.amount_measure, sdk::Money(c.opportunity_amount));
    }
    request.SetDefinition(variant.name, variant.formula);
  }
};

}  // namespace

SALESMETRICS_PLUGIN("win_rate", registry) { registry.Add<WinRate>(); }
