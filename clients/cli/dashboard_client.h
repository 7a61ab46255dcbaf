// A DashboardService client whose every call carries a deadline.
#ifndef SALESMETRICS_CLIENTS_CLI_DASHBOARD_CLIENT_H_
#define SALESMETRICS_CLIENTS_CLI_DASHBOARD_CLIENT_H_

#include "clients/cli/service_client.h"
#include "salesmetrics/v1/dashboards.grpc.pb.h"

namespace salesmetrics::cli {

class DashboardClient : private ServiceClient<salesmetrics::v1::DashboardService> {
 public:
  // Each call may take up to the connection's timeout.
  using ServiceClient::ServiceClient;

  // One overload per dashboard, so that code holding any of the requests can call Compute.
  grpc::Status Compute(const salesmetrics::v1::ComputeSalesBriefingRequest& request,
                       salesmetrics::v1::ComputeSalesBriefingResponse& response);
  grpc::Status Compute(const salesmetrics::v1::ComputeFunnelRequest& request,
                       salesmetrics::v1::ComputeFunnelResponse& response);
  grpc::Status Compute(const salesmetrics::v1::ComputeForecastRequest& request,
                       salesmetrics::v1::ComputeForecastResponse& response);
  grpc::Status Compute(const salesmetrics::v1::ComputePerformanceCollectionRequest& request,
                       salesmetrics::v1::ComputePerformanceCollectionResponse& response);
};

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_DASHBOARD_CLIENT_H_
