#include "server/dashboard_service.h"

#include "absl/time/clock.h"
#include "core/dashboards/forecast.h"
#include "core/dashboards/funnel.h"
#include "core/dashboards/performance_collection.h"
#include "core/dashboards/sales_briefing.h"
#include "server/rpc_outcome.h"

namespace salesmetrics {

namespace v1 = salesmetrics::v1;

template <typename Request, typename Response, typename Compute>
grpc::Status DashboardService::Serve(const char* rpc, grpc::ServerContext* context, const Request& request,
                                     Response* response, Compute compute) {
  const absl::Time started = absl::Now();
  absl::StatusOr<Response> result = compute(env_, request, started, RequestDeadline(*context, max_request_time_));
  if (result.ok()) *response = *std::move(result);
  return FinishRpc(rpc, "-", started, result.status());
}

grpc::Status DashboardService::ComputeSalesBriefing(grpc::ServerContext* context,
                                                    const v1::ComputeSalesBriefingRequest* request,
                                                    v1::ComputeSalesBriefingResponse* response) {
  return Serve("ComputeSalesBriefing", context, *request, response, &salesmetrics::ComputeSalesBriefing);
}

grpc::Status DashboardService::ComputeFunnel(grpc::ServerContext* context, const v1::ComputeFunnelRequest* request,
                                             v1::ComputeFunnelResponse* response) {
  return Serve("ComputeFunnel", context, *request, response, &salesmetrics::ComputeFunnel);
}

grpc::Status DashboardService::ComputeForecast(grpc::ServerContext* context, const v1::ComputeForecastRequest* request,
                                               v1::ComputeForecastResponse* response) {
  return Serve("ComputeForecast", context, *request, response, &salesmetrics::ComputeForecast);
}

grpc::Status DashboardService::ComputePerformanceCollection(grpc::ServerContext* context,
                                                            const v1::ComputePerformanceCollectionRequest* request,
                                                            v1::ComputePerformanceCollectionResponse* response) {
  return Serve("ComputePerformanceCollection", context, *request, response,
               &salesmetrics::ComputePerformanceCollection);
}

}  // namespace salesmetrics
