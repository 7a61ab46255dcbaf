#include "server/metrics_service.h"

#include <filesystem>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/engine/compute_plan.h"
#include "core/util/field_errors.h"
#include "core/util/quote.h"
#include "server/access/row_scope.h"
#include "server/cache/cached_answer.h"

namespace salesmetrics {
namespace {

constexpr char kComputeMetric[] = "salesmetrics.v1.MetricsService/ComputeMetric";

namespace v1 = salesmetrics::v1;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr char kPageTokenPrefix[] = "after:";

// A metric as callers see it: the file it came from by name, not by the
// server's path.
v1::Metric Described(const v1::Metric& info) {
  v1::Metric described = info;
  described.set_plugin(std::filesystem::path(info.plugin()).filename().string());
  return described;
}

absl::StatusOr<v1::ListMetricsResponse> ListPage(const MetricRegistry& registry, const Caller& caller,
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
    if ((!after.empty() && metric->id() <= after) || !caller.MayCompute(metric->id())) continue;
    if (response.metrics_size() == page_size) {
      response.set_next_page_token(
          absl::WebSafeBase64Escape(absl::StrCat(kPageTokenPrefix, response.metrics(page_size - 1).metric_id())));
      break;
    }
    *response.add_metrics() = Described(metric->info());
  }
  return response;
}

// PERMISSION_DENIED, the same whether `metric_id` exists or not, when the
// caller may not use it.
absl::Status CheckMayCompute(const Caller& caller, const std::string& metric_id) {
  if (caller.MayCompute(metric_id)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat("the caller may not use metric ", Quote(metric_id)));
}

// The request as the caller may make it: its row scopes added (a metric
// that cannot be filtered on a scope's dimension is refused), its tenant's
// fiscal year when it names none.
absl::StatusOr<v1::ComputeMetricRequest> AsCallerMayAsk(const v1::ComputeMetricRequest& request,
                                                        const RegisteredMetric& metric, const UnaryCall& call) {
  v1::ComputeMetricRequest limited = request;
  if (call.tenant != nullptr) {
    limited.set_fiscal_year_start_month(call.tenant->FiscalYearStartMonth(limited.fiscal_year_start_month()));
  }
  if (!call.caller->HasRowScopes()) return limited;
  for (const RowScope& scope : call.caller->row_scopes) {
    const auto& dimensions = metric.info().filter_dimensions();
    if (std::find(dimensions.begin(), dimensions.end(), scope.dimension) == dimensions.end()) {
      return absl::PermissionDeniedError(absl::StrCat("metric ", call.subject, " cannot be limited to the caller's ",
                                                      scope.dimension, " scope"));
    }
  }
  if (absl::Status s = LimitToRowScopes(*call.caller, limited.mutable_filters()); !s.ok()) return s;
  return limited;
}

}  // namespace

grpc::ServerUnaryReactor* MetricsService::ListMetrics(grpc::CallbackServerContext* context,
                                                      const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return calls_->Serve<v1::ListMetricsRequest>("salesmetrics.v1.MetricsService/ListMetrics", context, request,
                                               response, [this](const v1::ListMetricsRequest& r, UnaryCall& call) {
                                                 return ListPage(EngineOf(call).registry(), *call.caller, r);
                                               });
}

grpc::ServerUnaryReactor* MetricsService::GetMetric(grpc::CallbackServerContext* context,
                                                    const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return calls_->Serve<v1::GetMetricRequest>(
      "salesmetrics.v1.MetricsService/GetMetric", context, request, response,
      [this](const v1::GetMetricRequest& r, UnaryCall& call) -> absl::StatusOr<v1::Metric> {
        if (r.name().empty()) return InvalidField("name", "is required, e.g. metrics/win_rate");
        call.subject = MetricIdFromName(r.name());
        if (absl::Status s = CheckMayCompute(*call.caller, call.subject); !s.ok()) return s;
        absl::StatusOr<std::shared_ptr<const RegisteredMetric>> metric = EngineOf(call).Find(call.subject);
        if (!metric.ok()) return metric.status();
        return Described((*metric)->info());
      });
}

grpc::ServerUnaryReactor* MetricsService::ComputeMetric(grpc::CallbackServerContext* context,
                                                        const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return calls_->Serve<v1::ComputeMetricRequest>(
      kComputeMetric, context, request, response,
      [this](const v1::ComputeMetricRequest& r,
             UnaryCall& call) -> absl::StatusOr<v1::ComputeMetricResponse> {
        if (r.metric().empty()) return InvalidField("metric", "is required, e.g. win_rate");
        call.subject = MetricIdFromName(r.metric());
        if (absl::Status s = CheckMayCompute(*call.caller, call.subject); !s.ok()) return s;
        // Found once: the metric the caller's scopes were checked against
        // is the one computed, whatever a reload does meanwhile; and its
        // answer is kept under the generation it was found in, or an older
        // one.
        const uint64_t generation = EngineOf(call).registry().generation();
        absl::StatusOr<std::shared_ptr<const RegisteredMetric>> metric = EngineOf(call).Find(call.subject);
        if (!metric.ok()) return metric.status();
        absl::StatusOr<v1::ComputeMetricRequest> limited = AsCallerMayAsk(r, **metric, call);
        if (!limited.ok()) return limited.status();
        return CachedAnswer<v1::ComputeMetricResponse>(cache_, call, generation, kComputeMetric, *limited, [&] {
          return EngineOf(call).Compute(*limited, *metric, call.deadline);
        });
      },
      /*may_answer_from_cache=*/cache_ != nullptr);
}

}  // namespace salesmetrics
