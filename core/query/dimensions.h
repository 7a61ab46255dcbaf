// The allow-list of dimensions, and the SQL each one stands for.
//
// Dimension names in requests are only ever looked up here; the SQL they
// expand to is fixed text, and filter values are bound parameters.
//   opportunity:             rep, team, product_line, region, segment, competitor
//   lead:                    source_channel, campaign, region, rep
//   sales_rep:               rep, team
//   opportunity_competitor:  competitor (rows of opportunity_competitors)
#ifndef SALESMETRICS_CORE_QUERY_DIMENSIONS_H_
#define SALESMETRICS_CORE_QUERY_DIMENSIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/query/sql_template.h"

namespace salesmetrics {

// The table a metric's rows come from, as the dimension SQL sees it.
enum class Entity { kOpportunity, kLead, kSalesRep, kOpportunityCompetitor };

absl::StatusOr<Entity> ParseEntity(absl::string_view name);

// Whether `dimension` is known to any entity.
bool IsKnownDimension(absl::string_view dimension);

// Whether `dimension` is known to `entity`.
bool EntityHasDimension(Entity entity, absl::string_view dimension);

// Whether grouping by `dimension` puts every row in exactly one group, the
// missing key being one: all but competitor, which puts a deal in one group
// per competitor and a deal without one in none.
bool GroupsPartitionRows(absl::string_view dimension);

// An equality or membership test on a dimension.
struct DimensionFilter {
  std::string dimension;
  std::vector<std::string> values;
  // Rows of an entity without this dimension match nothing (rather than
  // everything).
  bool strict = false;
};

// " AND <test>" for each filter on a dimension `entity` knows (others are
// left to the queries of other entities), rows aliased as `alias`. Adds the
// filter values to `params` under names starting with `param_prefix`.
std::string FilterSql(Entity entity, absl::string_view alias, const std::vector<DimensionFilter>& filters,
                      absl::string_view param_prefix, SqlParams& params);

// The SQL of a group key: an expression over `alias`, and the join it needs
// (only `competitor`: an opportunity with several competitors is in each
// of their groups; a competitor filter keeps only the groups it names).
struct GroupKeySql {
  std::string expression;
  std::string join;
};

absl::StatusOr<GroupKeySql> GroupKey(Entity entity, absl::string_view alias, absl::string_view dimension,
                                     const std::vector<DimensionFilter>& filters, absl::string_view param_prefix,
                                     SqlParams& params);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_QUERY_DIMENSIONS_H_
