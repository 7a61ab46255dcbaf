#include "server/metrics_service.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/engine/compute_plan.h"
#include "core/util/field_errors.h"
#include "core/util/quote.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr char kPageTokenPrefix[] = "after:";

absl::StatusOr<v1::ListMetricsResponse> ListPage(const MetricRegistry& registry,
                                                 const v1::ListMetricsRequest& request) {
  v1::ListMetricsResponse response;
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
  return response;
}

}  // namespace

grpc::ServerUnaryReactor* MetricsService::ListMetrics(grpc::CallbackServerContext* context,
                                                      const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return calls_->Serve<v1::ListMetricsRequest>("ListMetrics", context, request, response,
                                               [this](const v1::ListMetricsRequest& r, UnaryCall&) {
                                                 return ListPage(engine_->registry(), r);
                                               });
}

grpc::ServerUnaryReactor* MetricsService::GetMetric(grpc::CallbackServerContext* context,
                                                    const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return calls_->Serve<v1::GetMetricRequest>(
      "GetMetric", context, request, response,
      [this](const v1::GetMetricRequest& r, UnaryCall& call) -> absl::StatusOr<v1::Metric> {
        if (r.name().empty()) return InvalidField("name", "is required, e.g. metrics/win_rate");
        call.subject = MetricIdFromName(r.name());
        if (auto metric = engine_->registry().Find(call.subject)) return metric->info();
        return absl::NotFoundError(absl::StrCat("no metric ", Quote(call.subject), " is loaded"));
      });
}

grpc::ServerUnaryReactor* MetricsService::ComputeMetric(grpc::CallbackServerContext* context,
                                                        const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return calls_->Serve<v1::ComputeMetricRequest>(
      "ComputeMetric", context, request, response,
      [this](const v1::ComputeMetricRequest& r,
             UnaryCall& call) -> absl::StatusOr<v1::ComputeMetricResponse> {
        if (r.metric().empty()) return InvalidField("metric", "is required, e.g. win_rate");
        call.subject = MetricIdFromName(r.metric());
        return engine_->Compute(r, call.deadline);
      });
}

}  // namespace salesmetrics
