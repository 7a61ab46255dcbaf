#include "core/declarative/sql_metric.h"

#include <soci/soci.h>

#include <filesystem>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "core/declarative/sql_metric.pb.h"
#include "core/engine/host_api.h"
#include "core/engine/metric_sql.h"
#include "core/plugin/plugin_loader.h"
#include "core/query/dimensions.h"
#include "core/query/read_only_select.h"
#include "core/query/sql_template.h"
#include "core/time/buckets.h"
#include "core/util/text_proto_file.h"
#include "salesmetrics/sdk.h"

namespace salesmetrics {
namespace {

namespace sdk = salesmetrics::sdk;
using salesmetrics::declarative::SqlMetricDefinition;
using salesmetrics::declarative::SqlMetricParameter;

const std::map<std::string, int32_t>& Units() {
  static const auto* units = new std::map<std::string, int32_t>{
      {"count", SM_UNIT_COUNT}, {"money", SM_UNIT_MONEY}, {"ratio", SM_UNIT_RATIO}};
  return *units;
}

const std::map<std::string, int32_t>& ParameterTypes() {
  static const auto* types = new std::map<std::string, int32_t>{
      {"integer", SM_PARAM_INTEGER}, {"decimal", SM_PARAM_DECIMAL}, {"choice", SM_PARAM_CHOICE}};
  return *types;
}

// A metric written against the SDK, like a plugin's, whose value comes
// from the definition's SQL: (bucket, group_key, value) or, for a ratio,
// (bucket, group_key, numerator, denominator).
class SqlMetric : public sdk::Metric {
 public:
  // `formula` is what responses state as the definition.
  SqlMetric(sdk::MetricInfo info, std::string sql, std::string formula)
      : info_(std::move(info)), sql_(std::move(sql)), formula_(std::move(formula)) {}

  sdk::MetricInfo Info() const override { return info_; }

  void Compute(sdk::Request& request) const override {
    const char* measure = info_.id.c_str();
    if (info_.unit == SM_UNIT_RATIO) {
      auto cells = request.NewCellMap<std::pair<int64_t, int64_t>>();
      for (const auto& [bucket, group, numerator, denominator] :
           request.Query<int64_t, sdk::GroupKey, std::optional<int64_t>, std::optional<int64_t>>(sql_)) {
        cells[{bucket, group}] = {numerator.value_or(0), denominator.value_or(0)};
      }
      for (const auto& [cell, fraction] : cells) {
        request.Emit(cell, measure, sdk::Ratio(sdk::CountOf(fraction.first), sdk::CountOf(fraction.second),
                                               "the denominator is 0"));
      }
    } else {
      auto cells = request.NewCellMap<int64_t>();
      for (const auto& [bucket, group, value] :
           request.Query<int64_t, sdk::GroupKey, std::optional<int64_t>>(sql_)) {
        cells[{bucket, group}] = value.value_or(0);
      }
      for (const auto& [cell, value] : cells) {
        request.Emit(cell, measure, info_.unit == SM_UNIT_MONEY ? sdk::Money(value) : sdk::Count(value));
      }
    }
    request.SetDefinition("", formula_);
  }

 private:
  sdk::MetricInfo info_;
  std::string sql_;
  std::string formula_;
};

class DefinitionChecker {
 public:
  // `dialects`: those the SQL must pass the read-only check of.
  DefinitionChecker(const TextProtoFile& file, const SqlMetricDefinition& def, std::vector<Dialect> dialects)
      : file_(file), def_(def), dialects_(std::move(dialects)) {}

  // The metric's info, or InvalidArgument with every problem and its line.
  absl::StatusOr<sdk::MetricInfo> Check() {
    sdk::MetricInfo info{.id = def_.id(), .display_name = def_.display_name(), .description = def_.description()};
    const auto unit = Units().find(def_.unit());
    if (unit == Units().end()) {
      Fail("unit", absl::StrCat("unit \"", def_.unit(), "\" is none of count, money, ratio"));
    } else {
      info.unit = unit->second;
    }
    info.filter_dimensions = Dimensions("filter_dimensions", def_.filter_dimensions());
    info.group_by_dimensions = Dimensions("group_by_dimensions", def_.group_by_dimensions());
    info.measures = {{def_.id(), info.unit, def_.description()}};
    std::set<std::string> known = {"as_of"};
    for (int i = 0; i < def_.parameter_size(); ++i) {
      info.parameters.push_back(ToParameter(def_.parameter(i), i));
      known.insert(def_.parameter(i).name());
    }
    for (const Dialect& dialect : dialects_) {
      if (absl::Status s = CheckReadOnlySelect(def_.sql(), dialect); !s.ok()) {
        Fail("sql", absl::StrCat("sql ", s.message()));
        break;
      }
    }
    for (const std::string& name : ParameterNames(def_.sql(), dialects_.front())) {
      if (known.count(name) == 0) {
        Fail("sql", absl::StrCat("sql uses the unknown parameter :", name, "; declare it in a parameter { } block"));
      }
    }
    if (!errors_.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors_, "\n"));
    return info;
  }

  int SqlLine() const { return file_.LineOf(def_, "sql"); }

 private:
  sdk::Parameter ToParameter(const SqlMetricParameter& p, int index) {
    const auto type = ParameterTypes().find(p.type());
    if (type == ParameterTypes().end()) {
      Fail("parameter", absl::StrCat("parameter type \"", p.type(), "\" is none of integer, decimal, choice"), index);
    }
    // Requests that leave a parameter unset bind nothing for it, and the
    // SQL would fail on the unbound :name.
    if (p.default_value().empty()) {
      Fail("parameter", absl::StrCat("parameter ", p.name(), " has no default_value; declarative parameters need one"),
           index);
    }
    sdk::Parameter parameter{.name = p.name(),
                             .description = p.description(),
                             .type = type == ParameterTypes().end() ? SM_PARAM_DECIMAL : type->second,
                             .default_value = p.default_value()};
    if (!p.minimum().empty()) parameter.minimum = p.minimum();
    if (!p.maximum().empty()) parameter.maximum = p.maximum();
    parameter.choices = {p.choices().begin(), p.choices().end()};
    return parameter;
  }

  std::vector<std::string> Dimensions(const char* field,
                                      const google::protobuf::RepeatedPtrField<std::string>& names) {
    for (int i = 0; i < names.size(); ++i) {
      if (!IsKnownDimension(names[i])) Fail(field, absl::StrCat("unknown dimension \"", names[i], "\""), i);
    }
    return {names.begin(), names.end()};
  }

  void Fail(const char* field, const std::string& problem, int index = -1) {
    errors_.push_back(file_.Where(file_.LineOf(def_, field, index), problem));
  }

  const TextProtoFile& file_;
  const SqlMetricDefinition& def_;
  const std::vector<Dialect> dialects_;
  std::vector<std::string> errors_;
};

// A value for each parameter, to prepare the SQL with.
SqlParams SampleParameters(const sdk::MetricInfo& info) {
  SqlParams params;
  for (const sdk::Parameter& p : info.parameters) {
    if (p.type == SM_PARAM_INTEGER) {
      params[p.name] = SqlValue::Int64(0);
    } else if (p.type == SM_PARAM_DECIMAL) {
      params[p.name] = SqlValue::Double(0);
    } else {
      params[p.name] = SqlValue::Text(p.choices.empty() ? "" : p.choices.front());
    }
  }
  return params;
}

// Prepares the SQL on the configured database, ungrouped and grouped by
// each declared dimension, without running it. Unavailable when the
// database cannot be reached.
absl::Status PrepareOnDatabase(const sdk::MetricInfo& info, const std::string& sql, ConnectionPool& pool) {
  const absl::Time now = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
  const std::vector<TimeWindow> windows = {MakeTimeWindow(now, now + absl::Hours(24), absl::UTCTimeZone())};
  std::vector<DimensionFilter> filters;
  for (const std::string& d : info.filter_dimensions) filters.push_back({d, {"x"}});
  std::vector<std::string> groupings = {""};
  groupings.insert(groupings.end(), info.group_by_dimensions.begin(), info.group_by_dimensions.end());
  absl::StatusOr<ConnectionPool::Lease> lease = pool.AcquireReader(absl::Now() + absl::Seconds(5));
  if (!lease.ok()) {
    return absl::UnavailableError(absl::StrCat("sql could not be checked, the database is not reachable (",
                                               lease.status().message(), "); the next reload tries again"));
  }
  for (const std::string& group_by : groupings) {
    const SqlScope scope{&windows, &filters, group_by, now, {}};
    absl::StatusOr<BoundSql> bound = PrepareSql(sql, scope, lease->dialect(), SampleParameters(info));
    if (!bound.ok()) return bound.status();
    try {
      soci::statement statement(lease->session());
      statement.alloc();
      statement.prepare(bound->text);
    } catch (const std::exception& e) {
      return absl::InvalidArgumentError(absl::StrCat("sql does not prepare on the database",
                                                     group_by.empty() ? "" : absl::StrCat(" (grouped by ", group_by, ")"),
                                                     ": ", e.what()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const RegisteredMetric>> LoadSqlMetric(
    const std::string& path, ConnectionPool* pool, const std::function<bool(const std::string&)>& taken) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseSqlMetric(*text, path, pool, taken);
}

absl::StatusOr<std::shared_ptr<const RegisteredMetric>> ParseSqlMetric(
    const std::string& text, const std::string& path, ConnectionPool* pool,
    const std::function<bool(const std::string&)>& taken) {
  SqlMetricDefinition def;
  TextProtoFile file;
  if (absl::Status s = file.Parse(text, path, &def); !s.ok()) return s;
  // The SQL must pass as either database would read it: one server may
  // serve tenants on both, whatever database prepares it here.
  DefinitionChecker checker(file, def, {Dialect(Backend::kSqlite), Dialect(Backend::kPostgres)});
  absl::StatusOr<sdk::MetricInfo> info = checker.Check();
  if (!info.ok()) return info.status();
  if (pool != nullptr) {
    if (absl::Status s = PrepareOnDatabase(*info, def.sql(), *pool); !s.ok()) {
      return absl::Status(s.code(), file.Where(checker.SqlLine(), std::string(s.message())));
    }
  }
  // The description, and the file (not the server's path to it).
  const std::string formula = absl::StrCat(def.description(), def.description().empty() ? "" : " ",
                                           "(declarative: ", std::filesystem::path(path).filename().string(), ")");
  absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> metrics = RegisterInProcess(
      path, HostApi(), [&](sdk::Registry& registry) { registry.Add<SqlMetric>(*info, def.sql(), formula); }, taken);
  if (!metrics.ok()) return absl::InvalidArgumentError(file.Where(file.LineOf(def, "id"), std::string(metrics.status().message())));
  return metrics->front();
}

}  // namespace salesmetrics
