#include "server/dashboard_service.h"

#include "core/dashboards/forecast.h"
#include "core/dashboards/funnel.h"
#include "core/dashboards/performance_collection.h"
#include "core/dashboards/sales_briefing.h"
#include "server/access/row_scope.h"
#include "server/cache/cached_answer.h"

namespace salesmetrics {
namespace {

// Its tenant's fiscal year when it names none; the caller's row scopes on
// a dashboard that takes filters, and PERMISSION_DENIED on a company-wide
// one for a caller with row scopes, and on any for a caller limited to
// some metrics.
template <typename Request>
absl::StatusOr<Request> AsCallerMayAsk(const Request& request, const UnaryCall& call) {
  Request limited = request;
  limited.mutable_period()->set_fiscal_year_start_month(
      call.tenant->FiscalYearStartMonth(limited.period().fiscal_year_start_month()));
  if (!call.caller->allowed_metrics.empty()) {
    return absl::PermissionDeniedError("dashboards combine many metrics, and the caller may use only some");
  }
  if (!call.caller->HasRowScopes()) return limited;
  if constexpr (std::is_same_v<Request, v1::ComputeFunnelRequest>) {
    if (absl::Status s = LimitToRowScopes(*call.caller, limited.mutable_filters()); !s.ok()) return s;
    return limited;
  } else {
    return absl::PermissionDeniedError(
        "this dashboard is company-wide, and the caller may only see the rows of its scope");
  }
}

}  // namespace

template <typename Request, typename Compute>
grpc::ServerUnaryReactor* DashboardService::Serve(const char* method, grpc::CallbackServerContext* context,
                                                  const grpc::ByteBuffer* request, grpc::ByteBuffer* response,
                                                  Compute compute) {
  return calls_->Serve<Request>(
      method, context, request, response,
      [this, method, compute](const Request& r,
                              UnaryCall& call) -> decltype(compute(DashboardEnv(), r, call.started, call.deadline)) {
        using Response = typename decltype(compute(DashboardEnv(), r, call.started, call.deadline))::value_type;
        // Read before the dashboard looks its metrics up.
        const uint64_t generation = call.tenant->engine().registry().generation();
        absl::StatusOr<Request> limited = AsCallerMayAsk(r, call);
        if (!limited.ok()) return limited.status();
        return CachedAnswer<Response>(cache_, call, generation, method, *limited, [&] {
          return compute(call.tenant->dashboards(), *limited, call.started, call.deadline);
        });
      },
      /*may_answer_from_cache=*/cache_ != nullptr);
}

grpc::ServerUnaryReactor* DashboardService::ComputeSalesBriefing(grpc::CallbackServerContext* context,
                                                                 const grpc::ByteBuffer* request,
                                                                 grpc::ByteBuffer* response) {
  return Serve<v1::ComputeSalesBriefingRequest>("salesmetrics.v1.DashboardService/ComputeSalesBriefing", context, request, response,
                                                &salesmetrics::ComputeSalesBriefing);
}

grpc::ServerUnaryReactor* DashboardService::ComputeFunnel(grpc::CallbackServerContext* context,
                                                          const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve<v1::ComputeFunnelRequest>("salesmetrics.v1.DashboardService/ComputeFunnel", context, request, response, &salesmetrics::ComputeFunnel);
}

grpc::ServerUnaryReactor* DashboardService::ComputeForecast(grpc::CallbackServerContext* context,
                                                            const grpc::ByteBuffer* request,
                                                            grpc::ByteBuffer* response) {
  return Serve<v1::ComputeForecastRequest>("salesmetrics.v1.DashboardService/ComputeForecast", context, request, response,
                                           &salesmetrics::ComputeForecast);
}

grpc::ServerUnaryReactor* DashboardService::ComputePerformanceCollection(grpc::CallbackServerContext* context,
                                                                         const grpc::ByteBuffer* request,
                                                                         grpc::ByteBuffer* response) {
  return Serve<v1::ComputePerformanceCollectionRequest>("salesmetrics.v1.DashboardService/ComputePerformanceCollection", context, request, response,
                                                        &salesmetrics::ComputePerformanceCollection);
}

}  // namespace salesmetrics
