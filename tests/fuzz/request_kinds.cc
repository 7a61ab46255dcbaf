#include "tests/fuzz/request_kinds.h"

#include "salesmetrics/v1/admin.pb.h"
#include "salesmetrics/v1/alerts.pb.h"
#include "salesmetrics/v1/dashboards.pb.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics::fuzzing {

namespace v1 = salesmetrics::v1;

std::unique_ptr<google::protobuf::Message> NewRequest(RequestKind kind) {
  switch (kind) {
    case RequestKind::kComputeMetric: return std::make_unique<v1::ComputeMetricRequest>();
    case RequestKind::kSalesBriefing: return std::make_unique<v1::ComputeSalesBriefingRequest>();
    case RequestKind::kFunnel: return std::make_unique<v1::ComputeFunnelRequest>();
    case RequestKind::kForecast: return std::make_unique<v1::ComputeForecastRequest>();
    case RequestKind::kPerformanceCollection: return std::make_unique<v1::ComputePerformanceCollectionRequest>();
    case RequestKind::kEvaluateAlerts: return std::make_unique<v1::EvaluateAlertsRequest>();
    case RequestKind::kListMetrics: return std::make_unique<v1::ListMetricsRequest>();
    case RequestKind::kGetMetric: return std::make_unique<v1::GetMetricRequest>();
    case RequestKind::kWatchAlerts: return std::make_unique<v1::WatchAlertsRequest>();
    case RequestKind::kReloadMetrics: return std::make_unique<v1::ReloadMetricsRequest>();
  }
  return nullptr;
}

bool SplitInput(const uint8_t* data, size_t size, int kinds, FuzzRequest& out) {
  if (size == 0) return false;
  out.selector = data[0];
  out.kind = static_cast<RequestKind>(data[0] % kinds);
  out.bytes = absl::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
  return true;
}

}  // namespace salesmetrics::fuzzing
