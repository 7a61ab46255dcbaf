#include "clients/cli/dashboard_client.h"

namespace salesmetrics::cli {

namespace v1 = salesmetrics::v1;

grpc::Status DashboardClient::Compute(const v1::ComputeSalesBriefingRequest& request,
                                      v1::ComputeSalesBriefingResponse& response) {
  return CallWithDeadline(&Stub::ComputeSalesBriefing, request, response);
}

grpc::Status DashboardClient::Compute(const v1::ComputeFunnelRequest& request, v1::ComputeFunnelResponse& response) {
  return CallWithDeadline(&Stub::ComputeFunnel, request, response);
}

grpc::Status DashboardClient::Compute(const v1::ComputeForecastRequest& request,
                                      v1::ComputeForecastResponse& response) {
  return CallWithDeadline(&Stub::ComputeForecast, request, response);
}

grpc::Status DashboardClient::Compute(const v1::ComputePerformanceCollectionRequest& request,
                                      v1::ComputePerformanceCollectionResponse& response) {
  return CallWithDeadline(&Stub::ComputePerformanceCollection, request, response);
}

}  // namespace salesmetrics::cli
