// sales_per_rep: one row per sales rep employed during the period, zero
// rows included, ranked by won amount, with the rep's target and
// attainment (kpis.md §10). Headline: the won total of the listed reps per
// rep.
#include <optional>
#include <string>

#include "plugins/common/sales_targets.h"
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;
namespace st = salesmetrics::sales_targets;

// `rep` and `team` filters restrict the reps (rows), the others the deals.
// A target counts when its period lies inside the bucket; targets
// straddling it are ignored, not prorated.
const std::string kRepRows = R"sql(
WITH {{buckets}},
reps AS (
  SELECT b.bucket, r.id, r.name, r.team_id
  FROM buckets b
  JOIN sales_reps r ON )sql" + std::string(st::kEmployedDuringBucket) + R"sql(
  WHERE 1 = 1{{filters(sales_rep, r)}}
),
deals AS (
  SELECT b.bucket, o.owner_rep_id,
         SUM(CASE WHEN o.status = 'won' THEN o.amount_minor ELSE 0 END) AS won_amount,
         SUM(CASE WHEN o.status = 'won' THEN 1 ELSE 0 END) AS won_count,
         COUNT(*) AS closed_count
  FROM buckets b
  JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
  WHERE o.status IN ('won', 'lost'){{filters(opportunity, o)}}
  GROUP BY b.bucket, o.owner_rep_id
),
rep_targets AS (
  SELECT b.bucket, t.scope_id, SUM(t.target_value) AS target
  FROM buckets b
  JOIN targets t ON )sql" + st::kTargetInsideBucket + R"sql(
  WHERE t.metric = 'total_sales' AND t.scope = 'rep'
  GROUP BY b.bucket, t.scope_id
),
rep_rows AS (
  SELECT r.bucket, r.id, r.name, r.team_id,
         COALESCE(d.won_amount, 0) AS won_amount,
         COALESCE(d.won_count, 0) AS won_count,
         COALESCE(d.closed_count, 0) AS closed_count,
         t.target
  FROM reps r
  LEFT JOIN deals d ON d.bucket = r.bucket AND d.owner_rep_id = r.id
  LEFT JOIN rep_targets t ON t.bucket = r.bucket AND t.scope_id = r.id
)
SELECT bucket, id, name, team_id, won_amount, won_count, closed_count, target,
       ROW_NUMBER() OVER (PARTITION BY bucket ORDER BY won_amount DESC, id{{collate_c}}) AS rep_rank
FROM rep_rows
ORDER BY bucket, rep_rank
)sql";

struct Totals {
  int64_t rep_count = 0;
  int64_t won_amount = 0;
};

class SalesPerRep : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "sales_per_rep",
        .display_name = "Sales per rep",
        .description = "Won amount, deals and target attainment of each sales rep employed during the period.",
        .unit = SM_UNIT_MONEY,
        .filter_dimensions = sdk::kOpportunityDimensions,
        .measures = {
            {"average_won_per_rep", SM_UNIT_MONEY, "won_amount / rep_count, to the nearest minor unit"},
            {"rep_count", SM_UNIT_COUNT, "Reps employed during the period (the rows)"},
            {"won_amount", SM_UNIT_MONEY, "Won amount of the listed reps"},
        },
        .columns = {
            {"rep_id", SM_UNIT_TEXT, ""},
            {"rep_name", SM_UNIT_TEXT, ""},
            {"team_id", SM_UNIT_TEXT, ""},
            {"won_amount", SM_UNIT_MONEY, "Amount of the rep's opportunities won in the period"},
            {"won_count", SM_UNIT_COUNT, "Opportunities won in the period"},
            {"closed_count", SM_UNIT_COUNT, "Opportunities won or lost in the period"},
            {"win_rate", SM_UNIT_RATIO, "won_count / closed_count"},
            {"rank", SM_UNIT_COUNT, "1 = highest won amount; ties by rep id"},
            {"target", SM_UNIT_MONEY, "The rep's total_sales targets whose period lies inside the period"},
            {"attainment", SM_UNIT_RATIO, "won_amount / target"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    auto totals = request.NewCellMap<Totals>();
    for (const auto& [bucket, id, name, team, won_amount, won_count, closed_count, target, rank] :
         request.Query<int64_t, std::string, std::string, std::optional<std::string>, int64_t, int64_t, int64_t,
                       std::optional<double>, int64_t>(kRepRows)) {
      request.EmitRow(
          {bucket},
          {sdk::Text(id), sdk::Text(name), sdk::OptionalText(team), sdk::Money(won_amount), sdk::Count(won_count),
           sdk::Count(closed_count),
           sdk::Ratio(sdk::CountOf(won_count), sdk::CountOf(closed_count), "no opportunities closed in the period"),
           sdk::Count(rank), st::TargetMoney(target), st::Attainment(won_amount, target)});
      Totals& t = totals[{bucket}];
      ++t.rep_count;
      t.won_amount += won_amount;
    }
    for (const auto& [cell, t] : totals) {
      request.Emit(cell, "average_won_per_rep", sdk::MoneyQuotient(t.won_amount, sdk::CountOf(t.rep_count),
                                                                   "no sales rep employed in the period"));
      request.Emit(cell, "rep_count", sdk::Count(t.rep_count));
      request.Emit(cell, "won_amount", sdk::Money(t.won_amount));
    }
    request.SetDefinition("", "per rep employed during the period: won amount, won and closed counts, win rate, "
                              "rank by won amount (ties by rep id), target (total_sales rep targets inside the "
                              "period), attainment = won amount / target; average_won_per_rep = won total / reps");
  }
};

}  // namespace

SALESMETRICS_PLUGIN("sales_per_rep", registry) { registry.Add<SalesPerRep>(); }
