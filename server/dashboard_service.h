// The gRPC DashboardService: the sales briefing, funnel, forecast and
// performance & collection dashboards.
#ifndef SALESMETRICS_SERVER_DASHBOARD_SERVICE_H_
#define SALESMETRICS_SERVER_DASHBOARD_SERVICE_H_

#include "core/dashboards/dashboard_context.h"
#include "salesmetrics/v1/dashboards.grpc.pb.h"
#include "server/cache/result_cache.h"
#include "server/unary_call.h"

namespace salesmetrics {

using RawDashboardService = salesmetrics::v1::DashboardService::WithRawCallbackMethod_ComputeSalesBriefing<
    salesmetrics::v1::DashboardService::WithRawCallbackMethod_ComputeFunnel<
        salesmetrics::v1::DashboardService::WithRawCallbackMethod_ComputeForecast<
            salesmetrics::v1::DashboardService::WithRawCallbackMethod_ComputePerformanceCollection<
                salesmetrics::v1::DashboardService::Service>>>>;

class DashboardService final : public RawDashboardService {
 public:
  // Answers through `cache` when there is one.
  DashboardService(UnaryCalls* calls, ResultCache* cache) : calls_(calls), cache_(cache) {}

  grpc::ServerUnaryReactor* ComputeSalesBriefing(grpc::CallbackServerContext* context,
                                                 const grpc::ByteBuffer* request, grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ComputeFunnel(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ComputeForecast(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                            grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ComputePerformanceCollection(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request,
                                                         grpc::ByteBuffer* response) override;

 private:
  // Serves `compute(env, request, now, deadline)` on the caller's tenant,
  // the request as the caller may make it.
  template <typename Request, typename Compute>
  grpc::ServerUnaryReactor* Serve(const char* method, grpc::CallbackServerContext* context,
                                  const grpc::ByteBuffer* request, grpc::ByteBuffer* response, Compute compute);

  UnaryCalls* calls_;
  ResultCache* cache_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_DASHBOARD_SERVICE_H_
