// Fuzzes the whole request path in process, as the server runs it, against
// a small SQLite database: DecodeRequest, then the metric engine, one of
// the four dashboards or the alert evaluator, with a 2 s deadline. Any
// status is an answer; a crash, a sanitizer report, a hang (libFuzzer's
// -timeout) or a call that overruns its deadline is a finding.
//
// Input: one byte choosing the RPC among the first kDatabaseRequestKinds of
// request_kinds.h, then the serialized request.
#include <cstddef>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/alerts/alert_config.h"
#include "core/alerts/alert_evaluator.h"
#include "core/dashboards/forecast.h"
#include "core/dashboards/funnel.h"
#include "core/dashboards/performance_collection.h"
#include "core/dashboards/sales_briefing.h"
#include "core/engine/metric_engine.h"
#include "core/util/proto_time.h"
#include "server/request_decoder.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/request_kinds.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/plugins/leads_fixture.h"

namespace salesmetrics::fuzzing {
namespace {

namespace v1 = salesmetrics::v1;

constexpr absl::Duration kDeadline = absl::Seconds(2);
// How far past its deadline a call may finish before it is a finding:
// room for a loaded machine, under the sanitizers' slowdown.
constexpr absl::Duration kOverrunAllowed = absl::Seconds(5);
// "Now" for the dashboards and alerts, fixed so that a saved input replays
// the same way: inside the fixtures' months.
const absl::Time kNow = absl::FromUnixSeconds(1708000000);  // 2024-02-15T12:26:40Z

// The server's objects, built once. Members are destroyed in reverse
// order, the database (and its file) last.
struct Server {
  std::unique_ptr<testing::TestDatabase> db =
      SqliteDatabase({testing::kClosedDealsFixture, testing::kLeadsFixture});
  ConnectionPool pool{{.url = *ParseDatabaseUrl(db->url()), .size = 4, .read_only = true}};
  MetricEngine engine{&StandardPlugins(), &pool, "CNY"};
  DashboardEnv dashboards{&pool, &StandardPlugins(), "CNY"};
  AlertEvaluator alerts{&engine, &pool, AlertSettingsOrFail()};

  static AlertSettings AlertSettingsOrFail() {
    absl::StatusOr<AlertSettings> settings =
        ParseAlertSettings(SourceFile("server/alerts.example.textproto"), "alerts.example.textproto", 1);
    if (!settings.ok()) Fail(settings.status().ToString());
    return *std::move(settings);
  }
};

Server& TheServer() {
  static Server server;
  return server;
}

template <typename Request>
const Request& As(const google::protobuf::Message& message) {
  return static_cast<const Request&>(message);
}

absl::Status Run(RequestKind kind, const google::protobuf::Message& request, absl::Time deadline) {
  Server& server = TheServer();
  switch (kind) {
    case RequestKind::kComputeMetric:
      return server.engine.Compute(As<v1::ComputeMetricRequest>(request), deadline).status();
    case RequestKind::kSalesBriefing:
      return ComputeSalesBriefing(server.dashboards, As<v1::ComputeSalesBriefingRequest>(request), kNow, deadline)
          .status();
    case RequestKind::kFunnel:
      return ComputeFunnel(server.dashboards, As<v1::ComputeFunnelRequest>(request), kNow, deadline).status();
    case RequestKind::kForecast:
      return ComputeForecast(server.dashboards, As<v1::ComputeForecastRequest>(request), kNow, deadline).status();
    case RequestKind::kPerformanceCollection:
      return ComputePerformanceCollection(server.dashboards, As<v1::ComputePerformanceCollectionRequest>(request),
                                          kNow, deadline)
          .status();
    case RequestKind::kEvaluateAlerts: {
      // As AlertService does: the request's as_of, else now.
      const auto& alerts = As<v1::EvaluateAlertsRequest>(request);
      absl::Time as_of = kNow;
      if (alerts.has_as_of()) {
        absl::StatusOr<absl::Time> requested = FromProtoTimestamp(alerts.as_of());
        if (!requested.ok()) return requested.status();
        as_of = *requested;
      }
      return server.alerts.Evaluate(as_of, deadline).status();
    }
    default:
      return absl::OkStatus();
  }
}

}  // namespace
}  // namespace salesmetrics::fuzzing

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  salesmetrics::fuzzing::TheServer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace salesmetrics::fuzzing;
  FuzzRequest input;
  if (!SplitInput(data, size, kDatabaseRequestKinds, input)) return 0;
  std::unique_ptr<google::protobuf::Message> request = NewRequest(input.kind);
  if (!salesmetrics::DecodeRequest(input.bytes, *request).ok()) return 0;
  const absl::Time started = absl::Now();
  const absl::Status status = Run(input.kind, *request, started + kDeadline);
  const absl::Duration took = absl::Now() - started;
  Require(took <= kDeadline + kOverrunAllowed,
          absl::StrCat("the call took ", absl::FormatDuration(took), " against a deadline of ",
                       absl::FormatDuration(kDeadline), "; it answered ", status.ToString()));
  return 0;
}
