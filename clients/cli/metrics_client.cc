#include "clients/cli/metrics_client.h"

#include "absl/time/clock.h"

namespace salesmetrics::cli {

using salesmetrics::v1::ListMetricsRequest;
using salesmetrics::v1::ListMetricsResponse;

MetricsClient::MetricsClient(const std::string& target, absl::Duration timeout)
    : stub_(salesmetrics::v1::MetricsService::NewStub(
          grpc::CreateChannel(target, grpc::InsecureChannelCredentials()))),
      timeout_(timeout) {}

grpc::Status MetricsClient::ListAllMetrics(ListMetricsResponse& response) {
  ListMetricsRequest request;
  do {
    grpc::ClientContext context;
    SetDeadline(context);
    ListMetricsResponse page;
    if (grpc::Status status = stub_->ListMetrics(&context, request, &page); !status.ok()) return status;
    response.mutable_metrics()->MergeFrom(page.metrics());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

grpc::Status MetricsClient::ComputeMetric(const salesmetrics::v1::ComputeMetricRequest& request,
                                          salesmetrics::v1::ComputeMetricResponse& response) {
  grpc::ClientContext context;
  SetDeadline(context);
  return stub_->ComputeMetric(&context, request, &response);
}

void MetricsClient::SetDeadline(grpc::ClientContext& context) const {
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
}

}  // namespace salesmetrics::cli
