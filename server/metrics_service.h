// The gRPC MetricsService: ListMetrics, GetMetric, ComputeMetric.
#ifndef SALESMETRICS_SERVER_METRICS_SERVICE_H_
#define SALESMETRICS_SERVER_METRICS_SERVICE_H_

#include "absl/time/time.h"
#include "core/engine/metric_engine.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"

namespace salesmetrics {

class MetricsService final : public salesmetrics::v1::MetricsService::Service {
 public:
  // Requests without a client deadline stop after `max_request_time`.
  MetricsService(const MetricEngine* engine, absl::Duration max_request_time)
      : engine_(engine), max_request_time_(max_request_time) {}

  grpc::Status ListMetrics(grpc::ServerContext* context, const salesmetrics::v1::ListMetricsRequest* request,
                           salesmetrics::v1::ListMetricsResponse* response) override;
  grpc::Status GetMetric(grpc::ServerContext* context, const salesmetrics::v1::GetMetricRequest* request,
                         salesmetrics::v1::Metric* response) override;
  grpc::Status ComputeMetric(grpc::ServerContext* context, const salesmetrics::v1::ComputeMetricRequest* request,
                             salesmetrics::v1::ComputeMetricResponse* response) override;

 private:
  const MetricEngine* engine_;
  absl::Duration max_request_time_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_METRICS_SERVICE_H_
