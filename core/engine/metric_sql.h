// The SQL a metric writes, made concrete for one pass of one request.
//
// Macros (arguments in parentheses):
//   {{buckets}}                  a CTE body: buckets(bucket, start_at, end_at,
//                                start_date, end_date, max_end_date), one row per
//                                bucket; 0 is the whole period. Use: WITH {{buckets}}
//   {{filters(ENTITY, ALIAS)}}   " AND ..." for the request's filters on the
//                                dimensions ENTITY (opportunity, lead, sales_rep) has
//   {{group_key(ENTITY, ALIAS)}} the group-by key expression; NULL when ungrouped
//   {{group_join(ENTITY, ALIAS)}} the join the key needs (competitor), else nothing
//   {{epoch_seconds(EXPR)}}      whole seconds since the epoch of a timestamp
//   {{collate_c}}                after a text expression in ORDER BY: code-point order
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

// Expands and binds `sql` for a pass over `plan`: grouped by plan.group_by
// when `grouped`. `extra_params` may not reuse a name the host binds.
absl::StatusOr<BoundSql> PrepareMetricSql(absl::string_view sql, const ComputePlan& plan, bool grouped,
                                          const Dialect& dialect, const SqlParams& extra_params);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_METRIC_SQL_H_
