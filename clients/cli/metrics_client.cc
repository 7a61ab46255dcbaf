#include "clients/cli/metrics_client.h"

namespace salesmetrics::cli {

using salesmetrics::v1::ListMetricsRequest;
using salesmetrics::v1::ListMetricsResponse;

grpc::Status MetricsClient::ListAllMetrics(ListMetricsResponse& response) {
  ListMetricsRequest request;
  do {
    ListMetricsResponse page;
    if (grpc::Status status = CallWithDeadline(&Stub::ListMetrics, request, page); !status.ok()) return status;
    response.mutable_metrics()->MergeFrom(page.metrics());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

grpc::Status MetricsClient::ComputeMetric(const salesmetrics::v1::ComputeMetricRequest& request,
                                          salesmetrics::v1::ComputeMetricResponse& response) {
  return CallWithDeadline(&Stub::ComputeMetric, request, response);
}

}  // namespace salesmetrics::cli
