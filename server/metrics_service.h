// The gRPC MetricsService: ListMetrics, GetMetric, ComputeMetric.
#ifndef SALESMETRICS_SERVER_METRICS_SERVICE_H_
#define SALESMETRICS_SERVER_METRICS_SERVICE_H_

#include "core/engine/metric_engine.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "server/unary_call.h"

namespace salesmetrics {

using RawMetricsService = salesmetrics::v1::MetricsService::WithRawCallbackMethod_ListMetrics<
    salesmetrics::v1::MetricsService::WithRawCallbackMethod_GetMetric<
        salesmetrics::v1::MetricsService::WithRawCallbackMethod_ComputeMetric<
            salesmetrics::v1::MetricsService::Service>>>;

class MetricsService final : public RawMetricsService {
 public:
  MetricsService(const MetricEngine* engine, UnaryCalls* calls) : engine_(engine), calls_(calls) {}

  grpc::ServerUnaryReactor* ListMetrics(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetMetric(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ComputeMetric(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;

 private:
  const MetricEngine* engine_;
  UnaryCalls* calls_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_METRICS_SERVICE_H_
