// Fuzzes what every RPC does with a request's bytes before any work:
// DecodeRequest, then the validation of its handler that needs no database
// (PlanComputation for ComputeMetric against a loaded metric, the
// dashboards' period, EvaluateAlerts' as_of).
//
// Input: one byte choosing the message type (request_kinds.h), then the
// serialized request.
#include <cstddef>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "core/dashboards/dashboard_context.h"
#include "core/engine/compute_plan.h"
#include "core/engine/request_limits.h"
#include "core/time/civil_time.h"
#include "core/util/proto_time.h"
#include "salesmetrics/v1/alerts.pb.h"
#include "salesmetrics/v1/dashboards.pb.h"
#include "salesmetrics/v1/metrics_service.pb.h"
#include "server/request_decoder.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/request_kinds.h"

namespace salesmetrics::fuzzing {
namespace {

namespace v1 = salesmetrics::v1;

// A fixed "now", so that a saved input replays the same way.
const absl::Time kNow = absl::FromUnixSeconds(1708000000);  // 2024-02-15T12:26:40Z

void RequireInvalidArgument(const absl::Status& status, absl::string_view step) {
  Require(status.code() == absl::StatusCode::kInvalidArgument,
          absl::StrCat(step, " refused a request with ", status.ToString(), " instead of INVALID_ARGUMENT"));
}

void RequireSupported(absl::Time t, absl::string_view what) {
  Require(InSupportedRange(t), absl::StrCat(what, " ", absl::FormatTime(t), " passed validation out of range"));
}

// A validated plan's windows: the period, then buckets that tile it.
void CheckPlan(const ComputePlan& plan) {
  const TimeWindow& period = plan.windows.front();
  RequireSupported(plan.context.as_of, "as_of");
  RequireSupported(period.start, "the period's start");
  RequireSupported(period.end, "the period's end");
  Require(period.start <= period.end, "the period ends before it starts");
  Require(plan.windows.size() <= static_cast<size_t>(kMaxBuckets) + 1,
          absl::StrCat(plan.windows.size() - 1, " buckets passed validation"));
  if (plan.windows.size() == 1) return;
  Require(plan.windows[1].start == period.start, "the first bucket does not start with the period");
  Require(plan.windows.back().end == period.end, "the last bucket does not end with the period");
  for (size_t i = 1; i < plan.windows.size(); ++i) {
    Require(plan.windows[i].start < plan.windows[i].end, absl::StrCat("bucket ", plan.windows[i].label, " is empty"));
    if (i + 1 < plan.windows.size()) {
      Require(plan.windows[i].end == plan.windows[i + 1].start,
              absl::StrCat("bucket ", plan.windows[i].label, " does not end where the next starts"));
    }
  }
}

// Against the metric the request names, or else one chosen by `selector`,
// so that every input validates against some metric's info.
void ValidateCompute(const v1::ComputeMetricRequest& request, uint8_t selector) {
  const MetricRegistry& registry = StandardPlugins();
  std::shared_ptr<const RegisteredMetric> metric = registry.Find(MetricIdFromName(request.metric()));
  if (metric == nullptr) {
    const auto all = registry.List();
    metric = all[(selector / kRequestKinds) % all.size()];
  }
  absl::StatusOr<ComputePlan> plan = PlanComputation(request, metric, kNow);
  if (!plan.ok()) return RequireInvalidArgument(plan.status(), "PlanComputation");
  CheckPlan(*plan);
}

void ValidateDashboard(const v1::DashboardPeriod& period,
                       const google::protobuf::RepeatedPtrField<v1::Filter>* filters) {
  absl::StatusOr<DashboardRequest> request = ParseDashboardRequest(period, filters, kNow);
  if (!request.ok()) return RequireInvalidArgument(request.status(), "ParseDashboardRequest");
  RequireSupported(request->context.as_of, "period.as_of");
  Require(request->context.period.start < request->context.period.end, "a dashboard period is empty");
}

void Validate(const FuzzRequest& input, const google::protobuf::Message& message) {
  switch (input.kind) {
    case RequestKind::kComputeMetric:
      return ValidateCompute(static_cast<const v1::ComputeMetricRequest&>(message), input.selector);
    case RequestKind::kSalesBriefing:
      return ValidateDashboard(static_cast<const v1::ComputeSalesBriefingRequest&>(message).period(), nullptr);
    case RequestKind::kFunnel: {
      const auto& funnel = static_cast<const v1::ComputeFunnelRequest&>(message);
      return ValidateDashboard(funnel.period(), &funnel.filters());
    }
    case RequestKind::kForecast:
      return ValidateDashboard(static_cast<const v1::ComputeForecastRequest&>(message).period(), nullptr);
    case RequestKind::kPerformanceCollection:
      return ValidateDashboard(static_cast<const v1::ComputePerformanceCollectionRequest&>(message).period(),
                               nullptr);
    case RequestKind::kEvaluateAlerts: {
      // DecodeRequest range-checks every Timestamp, so the handler's
      // conversion cannot fail on a decoded request.
      const auto& alerts = static_cast<const v1::EvaluateAlertsRequest&>(message);
      if (!alerts.has_as_of()) return;
      absl::StatusOr<absl::Time> as_of = FromProtoTimestamp(alerts.as_of());
      Require(as_of.ok(), absl::StrCat("a decoded as_of does not convert: ", as_of.status().ToString()));
      return RequireSupported(*as_of, "as_of");
    }
    default:
      return;
  }
}

}  // namespace
}  // namespace salesmetrics::fuzzing

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace salesmetrics::fuzzing;
  FuzzRequest input;
  if (!SplitInput(data, size, kRequestKinds, input)) return 0;
  std::unique_ptr<google::protobuf::Message> request = NewRequest(input.kind);
  const absl::Status decoded = salesmetrics::DecodeRequest(input.bytes, *request);
  if (!decoded.ok()) {
    RequireInvalidArgument(decoded, "DecodeRequest");
    return 0;
  }
  // What was accepted is accepted again once re-encoded.
  std::unique_ptr<google::protobuf::Message> again = NewRequest(input.kind);
  const absl::Status redecoded = salesmetrics::DecodeRequest(request->SerializeAsString(), *again);
  Require(redecoded.ok(), absl::StrCat("a re-encoded request is refused: ", redecoded.ToString()));
  Validate(input, *request);
  return 0;
}
