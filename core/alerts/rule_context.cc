#include "core/alerts/rule_context.h"

#include "absl/strings/str_cat.h"
#include "core/engine/metric_sql.h"
#include "core/query/query_rows.h"
#include "core/util/proto_time.h"
#include "plugins/common/sales_targets.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

std::string LocalTime(absl::Time t, absl::TimeZone zone) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S", t, zone);
}

constexpr char kScopeTargetSql[] = R"sql(
WITH {{buckets}}
SELECT SUM(t.target_value)
FROM buckets b
JOIN targets t ON )sql";

}  // namespace

absl::StatusOr<v1::ComputeMetricResponse> RuleContext::Compute(
    const std::string& metric, const TimeWindow& window, const std::map<std::string, std::string>& parameters) const {
  v1::ComputeMetricRequest request;
  request.set_metric(metric);
  if (window.end > window.start) {  // else a snapshot at as_of
    request.set_period_start(LocalTime(window.start, settings->zone));
    request.set_period_end(LocalTime(window.end, settings->zone));
  }
  request.set_time_zone(settings->time_zone_name);
  request.set_fiscal_year_start_month(settings->fiscal_year_start_month);
  *request.mutable_as_of() = ToProtoTimestamp(as_of);
  if (scope.level() != v1::AlertScope::LEVEL_COMPANY) {
    v1::Filter* filter = request.add_filters();
    filter->set_dimension(scope.level() == v1::AlertScope::LEVEL_TEAM ? "team" : "rep");
    filter->add_values(scope.id());
  }
  for (const auto& [name, value] : parameters) (*request.mutable_parameters())[name] = value;
  std::string key = absl::StrCat(metric, "|", request.period_start(), "|", request.period_end(), "|",
                                 scope.level(), "|", scope.id());
  for (const auto& [name, value] : parameters) absl::StrAppend(&key, "|", name, "=", value);
  if (const auto cached = computed->find(key); cached != computed->end()) return cached->second;
  absl::StatusOr<v1::ComputeMetricResponse> response = engine->Compute(request, deadline);
  if (response.ok()) computed->emplace(std::move(key), *response);
  return response;
}

absl::StatusOr<std::optional<double>> RuleContext::Target(const std::string& metric, const TimeWindow& window) const {
  static const std::string kSql = std::string(kScopeTargetSql) + sales_targets::kTargetInsideBucket +
                                  " WHERE t.metric = :metric AND t.scope = :scope"
                                  " AND (t.scope = 'company' OR t.scope_id = :scope_id)";
  static const char* kScopes[] = {"", "company", "team", "rep"};
  const std::vector<TimeWindow> windows = {window};
  const std::vector<DimensionFilter> no_filters;
  const SqlScope sql_scope{&windows, &no_filters, "", as_of, {}};
  absl::StatusOr<ConnectionPool::Lease> lease = pool->AcquireReader(deadline);
  if (!lease.ok()) return lease.status();
  absl::StatusOr<BoundSql> bound =
      PrepareSql(kSql, sql_scope, lease->dialect(),
                 {{"metric", SqlValue::Text(metric)},
                  {"scope", SqlValue::Text(kScopes[scope.level()])},
                  {"scope_id", SqlValue::Text(scope.id())}});
  if (!bound.ok()) return bound.status();
  auto rows = QueryRows<std::optional<double>>(*lease, *bound);
  if (!rows.ok()) return rows.status();
  return std::get<0>(rows->at(0));
}

v1::Alert RuleContext::MakeAlert(v1::Severity severity, const TimeWindow& window, std::string message) const {
  v1::Alert alert;
  alert.set_rule(rule->id);
  alert.set_severity(severity);
  *alert.mutable_scope() = scope;
  alert.set_message(std::move(message));
  *alert.mutable_period_start_time() = ToProtoTimestamp(window.start);
  *alert.mutable_period_end_time() = ToProtoTimestamp(window.end);
  return alert;
}

}  // namespace salesmetrics
