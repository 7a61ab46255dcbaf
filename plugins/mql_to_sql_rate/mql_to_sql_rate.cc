// mql_to_sql_rate: of the leads with mql_at in the period, the share that
// became sales-qualified by as_of (kpis.md §2). Variant `period`: leads with
// sql_at in the period / leads with mql_at in the period.
#include "salesmetrics/sdk.h"

namespace {

namespace sdk = salesmetrics::sdk;

// An sql_at before mql_at still counts as converted; the cohort ignores as_of.
constexpr char kCohort[] = R"sql(
WITH {{additive_buckets}}
SELECT b.bucket,
       {{group_key(lead, l)}} AS group_key,
       COUNT(*) AS mql_count,
       SUM(CASE WHEN l.sql_at <= :as_of THEN 1 ELSE 0 END) AS sql_count
FROM buckets b
JOIN leads l ON l.mql_at >= b.start_at AND l.mql_at < b.end_at
WHERE 1 = 1{{filters(lead, l)}}
{{group_by_cell(b.bucket, group_key)}}
)sql";

// MQLs and SQLs of the period are counted independently (a lead may be one
// without the other); UNION ALL keeps each half on its own index.
constexpr char kPeriod[] = R"sql(
WITH {{additive_buckets}},
qualified AS (
  SELECT b.bucket, {{group_key(lead, l)}} AS group_key, 1 AS is_mql, 0 AS is_sql
  FROM buckets b
  JOIN leads l ON l.mql_at >= b.start_at AND l.mql_at < b.end_at
  WHERE 1 = 1{{filters(lead, l)}}
  UNION ALL
  SELECT b.bucket, {{group_key(lead, l)}}, 0, 1
  FROM buckets b
  JOIN leads l ON l.sql_at >= b.start_at AND l.sql_at < b.end_at
  WHERE 1 = 1{{filters(lead, l)}}
)
SELECT bucket, group_key, SUM(is_mql) AS mql_count, SUM(is_sql) AS sql_count
FROM qualified
{{group_by_cell(bucket, group_key)}}
)sql";

struct Variant {
  const char* name;
  const char* sql;
  const char* formula;
};

constexpr Variant kCohortVariant = {
    "cohort", kCohort,
    "leads with mql_at in the period and sql_at <= as_of / leads with mql_at in the period"};
constexpr Variant kPeriodVariant = {"period", kPeriod,
                                    "leads with sql_at in the period / leads with mql_at in the period"};

struct Counts {
  int64_t mql_count = 0;
  int64_t sql_count = 0;
};

class MqlToSqlRate : public sdk::Metric {
 public:
  sdk::MetricInfo Info() const override {
    return {
        .id = "mql_to_sql_rate",
        .display_name = "MQL to SQL conversion",
        .description = "Share of the leads qualified by marketing in the period that became sales-qualified.",
        .unit = SM_UNIT_RATIO,
        .filter_dimensions = sdk::kLeadDimensions,
        .group_by_dimensions = sdk::kLeadDimensions,
        .parameters = {sdk::Parameter::Variant(
            {"cohort", "period"},
            "cohort: of the MQLs of the period, those with sql_at <= as_of; "
            "period: SQLs of the period / MQLs of the period")},
        .measures = {
            {"mql_to_sql_rate", SM_UNIT_RATIO, "sql_count / mql_count"},
            {"mql_count", SM_UNIT_COUNT, "Leads with mql_at in the period"},
            {"sql_count", SM_UNIT_COUNT,
             "Of those, leads with sql_at <= as_of (variant cohort); leads with sql_at in the period "
             "(variant period)"},
        },
    };
  }

  void Compute(sdk::Request& request) const override {
    const Variant& variant = request.Param("variant") == "period" ? kPeriodVariant : kCohortVariant;
    auto counts = request.NewCellMap<Counts>();
    for (const auto& [bucket, group, mqls, sqls] :
         request.Query<int64_t, sdk::GroupKey, int64_t, int64_t>(variant.sql)) {
      // Groups are the keys of the MQL cohort, not of SQLs alone.
      if (request.grouped() && mqls == 0) continue;
      counts[{bucket, group}] = {mqls, sqls};
    }
    for (const auto& [cell, c] : counts) {
      request.Emit(cell, "mql_to_sql_rate", sdk::Ratio(sdk::CountOf(c.sql_count), sdk::CountOf(c.mql_count),
                                                       "no leads became MQLs in the period"));
      request.Emit(cell, "mql_count", sdk::Count(c.mql_count));
      request.Emit(cell, "sql_count", sdk::Count(c.sql_count));
    }
    request.SetDefinition(variant.name, variant.formula);
  }
};

}  // namespace

SALESMETRICS_PLUGIN("mql_to_sql_rate", registry) { registry.Add<MqlToSqlRate>(); }
