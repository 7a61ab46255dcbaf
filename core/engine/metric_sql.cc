#include "core/engine/metric_sql.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/query/dimensions.h"
#include "core/time/civil_time.h"

namespace salesmetrics {
namespace {

SqlType ParameterSqlType(const salesmetrics::v1::ParameterSpec& spec) {
  switch (spec.type()) {
    case salesmetrics::v1::ParameterSpec::TYPE_INTEGER:
      return SqlType::kInt64;
    case salesmetrics::v1::ParameterSpec::TYPE_DECIMAL:
      return SqlType::kDouble;
    default:
      return SqlType::kText;
  }
}

SqlValue ParameterValue(const salesmetrics::v1::ParameterSpec& spec, const std::string& text) {
  switch (ParameterSqlType(spec)) {
    case SqlType::kInt64:
      return SqlValue::Int64(std::stoll(text));
    case SqlType::kDouble:
      return SqlValue::Double(std::stod(text));
    default:
      return SqlValue::Text(text);
  }
}

class MacroContext {
 public:
  MacroContext(const SqlScope& scope, const Dialect& dialect, bool caller_adds_up)
      : scope_(scope), dialect_(dialect), caller_adds_up_(caller_adds_up) {}

  // Whether the SQL applied the filters somewhere.
  bool filtered() const { return filtered_; }
  // What {{additive_buckets}} made of the query.
  const AdditiveShape& additive() const { return additive_; }

  absl::StatusOr<std::string> Expand(absl::string_view name, const std::vector<std::string>& args,
                                     SqlParams& params) {
    const auto arity = [&](size_t n) -> absl::Status {
      if (args.size() == n) return absl::OkStatus();
      return absl::InvalidArgumentError(absl::StrCat("macro {{", name, "}} takes ", n, " argument(s)"));
    };
    if (name == "buckets") {
      if (absl::Status s = arity(0); !s.ok()) return s;
      return Buckets(params, /*first=*/0);
    }
    if (name == "additive_buckets") {
      if (absl::Status s = arity(0); !s.ok()) return s;
      additive_.additive = caller_adds_up_;
      additive_.whole_period_left_out = caller_adds_up_ && scope_.windows->size() > 1;
      return Buckets(params, /*first=*/additive_.whole_period_left_out ? 1 : 0);
    }
    if (name == "epoch_seconds") {
      if (absl::Status s = arity(1); !s.ok()) return s;
      return dialect_.EpochSeconds(args[0]);
    }
    if (name == "duration_stats") {
      if (absl::Status s = arity(1); !s.ok()) return s;
      return dialect_.DurationStats(args[0]);
    }
    if (name == "collate_c") {
      if (absl::Status s = arity(0); !s.ok()) return s;
      return dialect_.CollateC();
    }
    if (name == "group_by_cell") {
      if (absl::Status s = arity(2); !s.ok()) return s;
      return GroupByCell(args[0], args[1]);
    }
    if (name == "join_for_filters") {
      if (absl::Status s = arity(3); !s.ok()) return s;
      return JoinForFilters(args[0], args[1], args[2]);
    }
    if (name == "filters" || name == "group_key" || name == "group_join") {
      if (absl::Status s = arity(2); !s.ok()) return s;
      absl::StatusOr<Entity> entity = ParseEntity(args[0]);
      if (!entity.ok()) return entity.status();
      if (name == "filters") {
        filtered_ = true;
        return FilterSql(*entity, args[1], *scope_.filters, absl::StrCat("_f", macro_count_++, "_"), params);
      }
      if (scope_.group_by.empty()) return std::string(name == "group_key" ? "CAST(NULL AS TEXT)" : "");
      absl::StatusOr<GroupKeySql> key = GroupKey(*entity, args[1], scope_.group_by, *scope_.filters,
                                                 absl::StrCat("_g", macro_count_++, "_"), params);
      if (!key.ok()) return key.status();
      return name == "group_key" ? key->expression : key->join;
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown macro {{", name,
        "}}; known: buckets, additive_buckets, filters, join_for_filters, group_key, group_join, group_by_cell, "
        "epoch_seconds, duration_stats, collate_c"));
  }

 private:
  std::string Buckets(SqlParams& params, size_t first) {
    std::vector<std::string> rows;
    for (size_t b = first; b < scope_.windows->size(); ++b) {
      const TimeWindow& w = (*scope_.windows)[b];
      const auto bind = [&](const char* column, SqlValue value) {
        const std::string name = absl::StrCat("_b", b, "_", column);
        params[name] = std::move(value);
        return absl::StrCat(":", name);
      };
      rows.push_back(absl::StrCat("(", b, ", ", bind("start_at", SqlValue::Timestamp(FormatSqlTimestamp(w.start))), ", ",
                                  bind("end_at", SqlValue::Timestamp(FormatSqlTimestamp(w.end))), ", ",
                                  bind("start_date", SqlValue::Date(FormatDate(w.start_date))), ", ",
                                  bind("end_date", SqlValue::Date(FormatDate(w.end_date))), ", ",
                                  bind("max_end_date", SqlValue::Date(FormatDate(w.max_end_date))), ")"));
    }
    return absl::StrCat("buckets(bucket, start_at, end_at, start_date, end_date, max_end_date) AS (VALUES ",
                        absl::StrJoin(rows, ", "), ")");
  }

  // The join to an entity's table that only its filters (or its group key)
  // need: nothing when the request has neither, so that such a query reads
  // one table. Rows whose key finds no entity row then count, as the
  // definitions say; a filter never matches them.
  absl::StatusOr<std::string> JoinForFilters(const std::string& entity, const std::string& alias,
                                             const std::string& key) const {
    static const std::map<std::string, std::string, std::less<>> kTables = {
        {"opportunity", "opportunities"}, {"lead", "leads"}, {"sales_rep", "sales_reps"}};
    const auto table = kTables.find(entity);
    if (table == kTables.end()) {
      return absl::InvalidArgumentError(absl::StrCat("{{join_for_filters}} takes opportunity, lead or sales_rep, not ",
                                                     entity));
    }
    if (scope_.filters->empty() && scope_.group_by.empty()) return std::string();
    return absl::StrCat("JOIN ", table->second, " ", alias, " ON ", alias, ".id = ", key);
  }

  // GROUP BY the answer's cell, its bucket and group key. When there is one
  // cell (one bucket, no grouping), SQLite aggregates without grouping,
  // which spares it a temporary B-tree; HAVING keeps GROUP BY's answer to
  // no rows: none.
  std::string GroupByCell(absl::string_view bucket, absl::string_view group_key) const {
    if (dialect_.backend() == Backend::kSqlite && scope_.windows->size() == 1 && scope_.group_by.empty()) {
      return "HAVING COUNT(*) > 0";
    }
    return absl::StrCat("GROUP BY ", bucket, ", ", group_key);
  }

  const SqlScope& scope_;
  const Dialect& dialect_;
  const bool caller_adds_up_;
  int macro_count_ = 0;
  bool filtered_ = false;
  AdditiveShape additive_;
};

}  // namespace

SqlScope MetricSqlScope(const ComputePlan& plan, bool grouped) {
  SqlScope scope{&plan.windows, &plan.context.filters, grouped ? plan.group_by : "", plan.context.as_of, {}};
  for (const auto& spec : plan.metric->info().parameters()) {
    const auto value = plan.parameters.find(spec.name());
    if (value != plan.parameters.end()) scope.params[spec.name()] = ParameterValue(spec, value->second);
  }
  return scope;
}

absl::StatusOr<BoundSql> PrepareSql(absl::string_view sql, const SqlScope& scope, const Dialect& dialect,
                                    const SqlParams& extra_params, AdditiveShape* additive) {
  SqlParams params = scope.params;
  params["as_of"] = SqlValue::Timestamp(FormatSqlTimestamp(scope.as_of));
  for (const auto& [name, value] : extra_params) {
    if (!params.emplace(name, value).second) {
      return absl::InvalidArgumentError(absl::StrCat("query parameter :", name, " is already bound by the host"));
    }
  }
  MacroContext macros(scope, dialect, additive != nullptr);
  absl::StatusOr<std::string> expanded = ExpandMacros(
      sql, [&](absl::string_view name, const std::vector<std::string>& args, SqlParams& p) {
        return macros.Expand(name, args, p);
      },
      params);
  if (!expanded.ok()) return expanded.status();
  const bool strict = scope.filters != nullptr &&
                      std::any_of(scope.filters->begin(), scope.filters->end(),
                                  [](const DimensionFilter& filter) { return filter.strict; });
  if (strict && !macros.filtered()) {
    return absl::PermissionDeniedError(
        "this metric has a query that takes no filters, so it cannot be limited to the caller's row scope");
  }
  if (additive != nullptr) *additive = macros.additive();
  return BindParameters(*expanded, params, dialect);
}

}  // namespace salesmetrics
