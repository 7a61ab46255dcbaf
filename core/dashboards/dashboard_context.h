// What every dashboard starts from: its validated period (the same rules as
// ComputeMetric), the connections, the reporting currency, and conversions
// of its figures into API values.
#ifndef SALESMETRICS_CORE_DASHBOARDS_DASHBOARD_CONTEXT_H_
#define SALESMETRICS_CORE_DASHBOARDS_DASHBOARD_CONTEXT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/db/connection_pool.h"
#include "core/engine/metric_sql.h"
#include "core/engine/request_context.h"
#include "core/plugin/metric_registry.h"
#include "salesmetrics/sdk.h"
#include "salesmetrics/v1/dashboards.pb.h"

namespace salesmetrics {

// The server's side of every dashboard.
struct DashboardEnv {
  ConnectionPool* pool;
  const MetricRegistry* registry;  // for the metrics' display names
  std::string currency_code;
};

// A dashboard request: its context and the windows its queries run over
// (bucket 0 the period, then any window it compares with).
struct DashboardRequest {
  RequestContext context;
  std::vector<TimeWindow> windows;

  // The scope of the dashboard's queries (never grouped).
  SqlScope Scope() const { return SqlScope{&windows, &context.filters, "", context.as_of, {}}; }
};

// Validates `period` (errors name "period.<field>") and `filters`, which must
// be opportunity dimensions (errors name "filters[i].dimension").
absl::StatusOr<DashboardRequest> ParseDashboardRequest(
    const salesmetrics::v1::DashboardPeriod& period,
    const google::protobuf::RepeatedPtrField<salesmetrics::v1::Filter>* filters, absl::Time now);

salesmetrics::v1::ResolvedPeriod ResolvedPeriodOf(const TimeWindow& window, const RequestContext& context);

// A figure as an API value in the reporting currency.
salesmetrics::v1::Value ToApiValue(const sdk::Value& value, const std::string& currency_code);

// Prepares `sql` in the dashboard's scope and returns its rows.
template <typename... Columns>
absl::StatusOr<std::vector<std::tuple<Columns...>>> DashboardRows(ConnectionPool::Lease& lease,
                                                                  const DashboardRequest& request,
                                                                  absl::string_view sql,
                                                                  const SqlParams& params = {});

}  // namespace salesmetrics

#include "core/query/query_rows.h"

namespace salesmetrics {

template <typename... Columns>
absl::StatusOr<std::vector<std::tuple<Columns...>>> DashboardRows(ConnectionPool::Lease& lease,
                                                                  const DashboardRequest& request,
                                                                  absl::string_view sql, const SqlParams& params) {
  absl::StatusOr<BoundSql> bound = PrepareSql(sql, request.Scope(), lease.dialect(), params);
  if (!bound.ok()) return absl::InternalError(absl::StrCat("dashboard query: ", bound.status().message()));
  return QueryRows<Columns...>(lease, *bound);
}

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DASHBOARDS_DASHBOARD_CONTEXT_H_
