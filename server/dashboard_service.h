// The gRPC DashboardService: the sales briefing, funnel, forecast and
// performance & collection dashboards.
#ifndef SALESMETRICS_SERVER_DASHBOARD_SERVICE_H_
#define SALESMETRICS_SERVER_DASHBOARD_SERVICE_H_

#include "absl/time/time.h"
#include "core/dashboards/dashboard_context.h"
#include "salesmetrics/v1/dashboards.grpc.pb.h"

namespace salesmetrics {

class DashboardService final : public salesmetrics::v1::DashboardService::Service {
 public:
  DashboardService(DashboardEnv env, absl::Duration max_request_time)
      : env_(std::move(env)), max_request_time_(max_request_time) {}

  grpc::Status ComputeSalesBriefing(grpc::ServerContext* context,
                                    const salesmetrics::v1::ComputeSalesBriefingRequest* request,
                                    salesmetrics::v1::ComputeSalesBriefingResponse* response) override;
  grpc::Status ComputeFunnel(grpc::ServerContext* context, const salesmetrics::v1::ComputeFunnelRequest* request,
                             salesmetrics::v1::ComputeFunnelResponse* response) override;
  grpc::Status ComputeForecast(grpc::ServerContext* context, const salesmetrics::v1::ComputeForecastRequest* request,
                               salesmetrics::v1::ComputeForecastResponse* response) override;
  grpc::Status ComputePerformanceCollection(grpc::ServerContext* context,
                                            const salesmetrics::v1::ComputePerformanceCollectionRequest* request,
                                            salesmetrics::v1::ComputePerformanceCollectionResponse* response) override;

 private:
  // Runs `compute(env, request, now, deadline)` and logs the request.
  template <typename Request, typename Response, typename Compute>
  grpc::Status Serve(const char* rpc, grpc::ServerContext* context, const Request& request, Response* response,
                     Compute compute);

  DashboardEnv env_;
  absl::Duration max_request_time_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_DASHBOARD_SERVICE_H_
