// A MetricsService client whose every call carries a deadline.
#ifndef SALESMETRICS_CLIENTS_CLI_METRICS_CLIENT_H_
#define SALESMETRICS_CLIENTS_CLI_METRICS_CLIENT_H_

#include "clients/cli/service_client.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"

namespace salesmetrics::cli {

class MetricsClient : private ServiceClient<salesmetrics::v1::MetricsService> {
 public:
  // Each call may take up to the connection's timeout.
  using ServiceClient::ServiceClient;

  // Every metric, in one response: follows next_page_token to the last page.
  grpc::Status ListAllMetrics(salesmetrics::v1::ListMetricsResponse& response);

  grpc::Status ComputeMetric(const salesmetrics::v1::ComputeMetricRequest& request,
                             salesmetrics::v1::ComputeMetricResponse& response);
};

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_METRICS_CLIENT_H_
