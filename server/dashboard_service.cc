#include "server/dashboard_service.h"

#include "core/dashboards/forecast.h"
#include "core/dashboards/funnel.h"
#include "core/dashboards/performance_collection.h"
#include "core/dashboards/sales_briefing.h"

namespace salesmetrics {


template <typename Request, typename Compute>
grpc::ServerUnaryReactor* DashboardService::Serve(const char* rpc, grpc::CallbackServerContext* context,
                                                  const grpc::ByteBuffer* request, grpc::ByteBuffer* response,
                                                  Compute compute) {
  return calls_->Serve<Request>(rpc, context, request, response, [this, compute](const Request& r, UnaryCall& call) {
    return compute(env_, r, call.started, call.deadline);
  });
}

grpc::ServerUnaryReactor* DashboardService::ComputeSalesBriefing(grpc::CallbackServerContext* context,
                                                                 const grpc::ByteBuffer* request,
                                                                 grpc::ByteBuffer* response) {
  return Serve<v1::ComputeSalesBriefingRequest>("ComputeSalesBriefing", context, request, response,
                                                &salesmetrics::ComputeSalesBriefing);
}

grpc::ServerUnaryReactor* DashboardService::ComputeFunnel(grpc::CallbackServerContext* context,
                                                          const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve<v1::ComputeFunnelRequest>("ComputeFunnel", context, request, response, &salesmetrics::ComputeFunnel);
}

grpc::ServerUnaryReactor* DashboardService::ComputeForecast(grpc::CallbackServerContext* context,
                                                            const grpc::ByteBuffer* request,
                                                            grpc::ByteBuffer* response) {
  return Serve<v1::ComputeForecastRequest>("ComputeForecast", context, request, response,
                                           &salesmetrics::ComputeForecast);
}

grpc::ServerUnaryReactor* DashboardService::ComputePerformanceCollection(grpc::CallbackServerContext* context,
                                                                         const grpc::ByteBuffer* request,
                                                                         grpc::ByteBuffer* response) {
  return Serve<v1::ComputePerformanceCollectionRequest>("ComputePerformanceCollection", context, request, response,
                                                        &salesmetrics::ComputePerformanceCollection);
}

}  // namespace salesmetrics
