#include "core/query/dimensions.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace salesmetrics {
namespace {

// One dimension of one entity. `$` stands for the rows' alias. A dimension
// is either a column of the rows (`column`) or reached through another
// table (`table`.`table_column` where `table_key` = `$`.`rows_key`).
struct DimensionDef {
  Entity entity;
  const char* name;
  const char* column;        // set for a column of the rows
  const char* table;         // otherwise: the table holding the value
  const char* table_column;  //   its column holding the value
  const char* table_key;     //   its column matching the rows
  const char* rows_key;      //   the rows' column it matches
};

constexpr DimensionDef kDimensions[] = {
    {Entity::kOpportunity, "rep", "owner_rep_id", nullptr, nullptr, nullptr, nullptr},
    {Entity::kOpportunity, "team", nullptr, "sales_reps", "team_id", "id", "owner_rep_id"},
    {Entity::kOpportunity, "product_line", "product_line", nullptr, nullptr, nullptr, nullptr},
    {Entity::kOpportunity, "region", "region", nullptr, nullptr, nullptr, nullptr},
    {Entity::kOpportunity, "segment", nullptr, "accounts", "segment", "id", "account_id"},
    {Entity::kOpportunity, "competitor", nullptr, "opportunity_competitors", "competitor", "opportunity_id", "id"},
    {Entity::kLead, "source_channel", "source_channel", nullptr, nullptr, nullptr, nullptr},
    {Entity::kLead, "campaign", "campaign", nullptr, nullptr, nullptr, nullptr},
    {Entity::kLead, "region", "region", nullptr, nullptr, nullptr, nullptr},
    {Entity::kLead, "rep", "owner_rep_id", nullptr, nullptr, nullptr, nullptr},
    {Entity::kSalesRep, "rep", "id", nullptr, nullptr, nullptr, nullptr},
    {Entity::kSalesRep, "team", "team_id", nullptr, nullptr, nullptr, nullptr},
    {Entity::kOpportunityCompetitor, "competitor", "competitor", nullptr, nullptr, nullptr, nullptr},
};

const DimensionDef* Find(Entity entity, absl::string_view name) {
  for (const DimensionDef& d : kDimensions) {
    if (d.entity == entity && d.name == name) return &d;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<Entity> ParseEntity(absl::string_view name) {
  if (name == "opportunity") return Entity::kOpportunity;
  if (name == "lead") return Entity::kLead;
  if (name == "sales_rep") return Entity::kSalesRep;
  if (name == "opportunity_competitor") return Entity::kOpportunityCompetitor;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown entity \"", name, "\"; known: opportunity, lead, sales_rep, opportunity_competitor"));
}

bool IsKnownDimension(absl::string_view dimension) {
  return std::any_of(std::begin(kDimensions), std::end(kDimensions),
                     [&](const DimensionDef& d) { return d.name == dimension; });
}

bool EntityHasDimension(Entity entity, absl::string_view dimension) { return Find(entity, dimension) != nullptr; }

bool GroupsPartitionRows(absl::string_view dimension) { return dimension != "competitor"; }

std::string FilterSql(Entity entity, absl::string_view alias, const std::vector<DimensionFilter>& filters,
                      absl::string_view param_prefix, SqlParams& params) {
  std::string sql;
  for (size_t f = 0; f < filters.size(); ++f) {
    const DimensionDef* def = Find(entity, filters[f].dimension);
    if (def == nullptr) {
      if (filters[f].strict) absl::StrAppend(&sql, " AND 1 = 0");
      continue;
    }
    std::vector<std::string> placeholders;
    for (size_t v = 0; v < filters[f].values.size(); ++v) {
      const std::string name = absl::StrCat(param_prefix, f, "_", v);
      params[name] = SqlValue::Text(filters[f].values[v]);
      placeholders.push_back(absl::StrCat(":", name));
    }
    const std::string in_list = absl::StrCat(" IN (", absl::StrJoin(placeholders, ", "), ")");
    if (def->column != nullptr) {
      absl::StrAppend(&sql, " AND ", alias, ".", def->column, in_list);
    } else {
      const std::string t = absl::StrCat("_f", f);
      absl::StrAppend(&sql, " AND EXISTS (SELECT 1 FROM ", def->table, " ", t, " WHERE ", t, ".", def->table_key,
                      " = ", alias, ".", def->rows_key, " AND ", t, ".", def->table_column, in_list, ")");
    }
  }
  return sql;
}

absl::StatusOr<GroupKeySql> GroupKey(Entity entity, absl::string_view alias, absl::string_view dimension,
                                     const std::vector<DimensionFilter>& filters, absl::string_view param_prefix,
                                     SqlParams& params) {
  const DimensionDef* def = Find(entity, dimension);
  if (def == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("dimension \"", dimension, "\" is not one of this entity's"));
  }
  if (def->column != nullptr) return GroupKeySql{absl::StrCat(alias, ".", def->column), ""};
  if (absl::string_view(def->name) == "competitor") {
    return GroupKeySql{"_gk.competitor",
                       absl::StrCat(" JOIN opportunity_competitors _gk ON _gk.opportunity_id = ", alias, ".id",
                                    FilterSql(Entity::kOpportunityCompetitor, "_gk", filters, param_prefix, params))};
  }
  return GroupKeySql{absl::StrCat("(SELECT _gk.", def->table_column, " FROM ", def->table, " _gk WHERE _gk.",
                                  def->table_key, " = ", alias, ".", def->rows_key, ")"),
                     ""};
}

}  // namespace salesmetrics
