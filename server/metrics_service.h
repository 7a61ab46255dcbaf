// The gRPC MetricsService: ListMetrics, GetMetric, ComputeMetric.
#ifndef SALESMETRICS_SERVER_METRICS_SERVICE_H_
#define SALESMETRICS_SERVER_METRICS_SERVICE_H_

#include "core/engine/metric_engine.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "server/cache/result_cache.h"
#include "server/unary_call.h"

namespace salesmetrics {

using RawMetricsService = salesmetrics::v1::MetricsService::WithRawCallbackMethod_ListMetrics<
    salesmetrics::v1::MetricsService::WithRawCallbackMethod_GetMetric<
        salesmetrics::v1::MetricsService::WithRawCallbackMethod_ComputeMetric<
            salesmetrics::v1::MetricsService::Service>>>;

class MetricsService final : public RawMetricsService {
 public:
  // Each call computes on its tenant's engine, through `cache` when there
  // is one; a plugin worker, which has no tenants and no cache, gives its
  // one engine as `worker_engine`.
  MetricsService(UnaryCalls* calls, ResultCache* cache, const MetricEngine* worker_engine = nullptr)
      : calls_(calls), cache_(cache), worker_engine_(worker_engine) {}

  grpc::ServerUnaryReactor* ListMetrics(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* GetMetric(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* ComputeMetric(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;

 private:
  const MetricEngine& EngineOf(const UnaryCall& call) const {
    return call.tenant ? call.tenant->engine() : *worker_engine_;
  }

  UnaryCalls* calls_;
  ResultCache* cache_;
  const MetricEngine* worker_engine_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_METRICS_SERVICE_H_
