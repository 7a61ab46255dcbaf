// The SQL of metrics and dashboards, made concrete for one request.
//
// Macros (arguments in parentheses):
//   {{buckets}}                  a CTE body: buckets(bucket, start_at, end_at,
//                                start_date, end_date, max_end_date), one row per
//                                bucket; 0 is the whole period. Use: WITH {{buckets}}
//   {{additive_buckets}}         the same, for a query that gives (bucket, group_key,
//                                sums...) where every column after the key is a sum or
//                                a count over the cell's rows: the host adds up what it
//                                can (additive_rows.h); in a series the whole period is
//                                left out of the query
//   {{filters(ENTITY, ALIAS)}}   " AND ..." for the request's filters on the
//                                dimensions ENTITY (opportunity, lead, sales_rep) has
//   {{join_for_filters(ENTITY, ALIAS, KEY)}} "JOIN <ENTITY's table> ALIAS ON ALIAS.id = KEY"
//                                when the request has filters or a group-by, else
//                                nothing: for a table joined only to apply them
//   {{group_key(ENTITY, ALIAS)}} the group-by key expression; NULL when ungrouped
//   {{group_join(ENTITY, ALIAS)}} the join the key needs (competitor), else nothing
//   {{epoch_seconds(EXPR)}}      whole seconds since the epoch of a timestamp
//   {{collate_c}}                after a text expression in ORDER BY: code-point order
//   {{duration_stats(REL)}}      a SELECT of count, total, median and p90 (in tenths of a
//                                second) of REL(bucket, part, seconds), per bucket and
//                                part (Dialect::DurationStats)
// Parameters: :as_of (timestamp), every declared parameter by name, and the
// ones the metric passes.
#ifndef SALESMETRICS_CORE_ENGINE_METRIC_SQL_H_
#define SALESMETRICS_CORE_ENGINE_METRIC_SQL_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/db/dialect.h"
#include "core/engine/compute_plan.h"
#include "core/query/sql_template.h"

namespace salesmetrics {

// What a query's macros and host parameters stand for.
struct SqlScope {
  const std::vector<TimeWindow>* windows;         // the buckets
  const std::vector<DimensionFilter>* filters;
  std::string group_by;                           // empty: not grouped
  absl::Time as_of;
  SqlParams params;                               // named parameters besides :as_of
};

// The scope of one pass of a metric: grouped by plan.group_by when
// `grouped`, with the metric's declared parameters.
SqlScope MetricSqlScope(const ComputePlan& plan, bool grouped);

// What {{additive_buckets}} made of a query.
struct AdditiveShape {
  bool additive = false;               // the query used it
  bool whole_period_left_out = false;  // bucket 0 is for the caller to add up
};

// Expands and binds `sql` in `scope`. `extra_params` may not reuse a name
// the scope binds. Given `additive`, {{additive_buckets}} may leave bucket 0
// out of a series, and `additive` says what it did; without it,
// {{additive_buckets}} is {{buckets}}.
absl::StatusOr<BoundSql> PrepareSql(absl::string_view sql, const SqlScope& scope, const Dialect& dialect,
                                    const SqlParams& extra_params = {}, AdditiveShape* additive = nullptr);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_METRIC_SQL_H_
