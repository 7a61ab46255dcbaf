// Turns the arguments of `salesmetrics dashboard NAME` into the request of
// that dashboard. Like compute_request, checks only the syntax: the period
// itself is the server's to check.
#ifndef SALESMETRICS_CLIENTS_CLI_DASHBOARD_REQUEST_H_
#define SALESMETRICS_CLIENTS_CLI_DASHBOARD_REQUEST_H_

#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/cli/compute_request.h"
#include "salesmetrics/v1/dashboards.pb.h"

namespace salesmetrics::cli {

// The arguments as given.
struct DashboardArgs {
  std::string dashboard;  // "briefing", "funnel", "forecast" or "performance"
  PeriodArgs period;
  std::vector<std::string> where;  // each "DIM=VALUE[,VALUE...]"; the funnel's only
};

using DashboardRequest =
    std::variant<salesmetrics::v1::ComputeSalesBriefingRequest, salesmetrics::v1::ComputeFunnelRequest,
                 salesmetrics::v1::ComputeForecastRequest, salesmetrics::v1::ComputePerformanceCollectionRequest>;

// The response type of each request type: DashboardResponse<ComputeFunnelRequest> is ComputeFunnelResponse.
template <typename Request>
struct DashboardResponseOf;
template <>
struct DashboardResponseOf<salesmetrics::v1::ComputeSalesBriefingRequest> {
  using type = salesmetrics::v1::ComputeSalesBriefingResponse;
};
template <>
struct DashboardResponseOf<salesmetrics::v1::ComputeFunnelRequest> {
  using type = salesmetrics::v1::ComputeFunnelResponse;
};
template <>
struct DashboardResponseOf<salesmetrics::v1::ComputeForecastRequest> {
  using type = salesmetrics::v1::ComputeForecastResponse;
};
template <>
struct DashboardResponseOf<salesmetrics::v1::ComputePerformanceCollectionRequest> {
  using type = salesmetrics::v1::ComputePerformanceCollectionResponse;
};
template <typename Request>
using DashboardResponse = typename DashboardResponseOf<Request>::type;

// INVALID_ARGUMENT, naming the flag, for an unknown dashboard, a malformed
// argument, or --where on a dashboard other than the funnel.
absl::StatusOr<DashboardRequest> BuildDashboardRequest(const DashboardArgs& args);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_DASHBOARD_REQUEST_H_
