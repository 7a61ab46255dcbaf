// A MetricsService client whose every call carries a deadline.
#ifndef SALESMETRICS_CLIENTS_CLI_METRICS_CLIENT_H_
#define SALESMETRICS_CLIENTS_CLI_METRICS_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"

namespace salesmetrics::cli {

class MetricsClient {
 public:
  // `target` is host:port; each call may take up to `timeout`.
  MetricsClient(const std::string& target, absl::Duration timeout);

  // Every metric, in one response: follows next_page_token to the last page.
  grpc::Status ListAllMetrics(salesmetrics::v1::ListMetricsResponse& response);

  grpc::Status ComputeMetric(const salesmetrics::v1::ComputeMetricRequest& request,
                             salesmetrics::v1::ComputeMetricResponse& response);

 private:
  void SetDeadline(grpc::ClientContext& context) const;

  std::unique_ptr<salesmetrics::v1::MetricsService::Stub> stub_;
  absl::Duration timeout_;
};

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_METRICS_CLIENT_H_
