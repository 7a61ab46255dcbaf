#include "server/metrics_service.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/engine/compute_plan.h"
#include "core/util/field_errors.h"
#include "server/rpc_outcome.h"

namespace salesmetrics {
namespace {

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr char kPageTokenPrefix[] = "after:";

absl::Status ListPage(const MetricRegistry& registry, const salesmetrics::v1::ListMetricsRequest& request,
                      salesmetrics::v1::ListMetricsResponse& response) {
  if (request.page_size() < 0) return InvalidField("page_size", "must not be negative");
  const int page_size = request.page_size() == 0 ? kDefaultPageSize : std::min(request.page_size(), kMaxPageSize);
  std::string after;
  if (!request.page_token().empty()) {
    std::string decoded;
    if (!absl::WebSafeBase64Unescape(request.page_token(), &decoded) || !absl::StartsWith(decoded, kPageTokenPrefix)) {
      return InvalidField("page_token", "is not a token returned by ListMetrics");
    }
    after = decoded.substr(std::string(kPageTokenPrefix).size());
  }
  for (const auto& metric : registry.List()) {
    if (!after.empty() && metric->id() <= after) continue;
    if (response.metrics_size() == page_size) {
      response.set_next_page_token(
          absl::WebSafeBase64Escape(absl::StrCat(kPageTokenPrefix, response.metrics(page_size - 1).metric_id())));
      break;
    }
    *response.add_metrics() = metric->info();
  }
  return absl::OkStatus();
}

}  // namespace

grpc::Status MetricsService::ListMetrics(grpc::ServerContext*, const salesmetrics::v1::ListMetricsRequest* request,
                                         salesmetrics::v1::ListMetricsResponse* response) {
  const absl::Time started = absl::Now();
  return FinishRpc("ListMetrics", "-", started, ListPage(engine_->registry(), *request, *response));
}

grpc::Status MetricsService::GetMetric(grpc::ServerContext*, const salesmetrics::v1::GetMetricRequest* request,
                                       salesmetrics::v1::Metric* response) {
  const absl::Time started = absl::Now();
  const std::string id = MetricIdFromName(request->name());
  absl::Status status;
  if (request->name().empty()) {
    status = InvalidField("name", "is required, e.g. metrics/win_rate");
  } else if (auto metric = engine_->registry().Find(id)) {
    *response = metric->info();
  } else {
    status = absl::NotFoundError(absl::StrCat("no metric \"", id, "\" is loaded"));
  }
  return FinishRpc("GetMetric", id, started, status);
}

grpc::Status MetricsService::ComputeMetric(grpc::ServerContext* context,
                                           const salesmetrics::v1::ComputeMetricRequest* request,
                                           salesmetrics::v1::ComputeMetricResponse* response) {
  const absl::Time started = absl::Now();
  absl::Status status;
  if (request->metric().empty()) {
    status = InvalidField("metric", "is required, e.g. win_rate");
  } else {
    absl::StatusOr<salesmetrics::v1::ComputeMetricResponse> result =
        engine_->Compute(*request, RequestDeadline(*context, max_request_time_));
    if (result.ok()) {
      *response = *std::move(result);
    } else {
      status = result.status();
    }
  }
  return FinishRpc("ComputeMetric", MetricIdFromName(request->metric()), started, status);
}

}  // namespace salesmetrics
