// salesmetrics: the command-line client of a salesmetrics server.
//
//   salesmetrics list
//   salesmetrics compute win_rate --from 2024-01-01 --to 2024-04-01 --by team --granularity month
//   salesmetrics dashboard funnel --from 2024-01-01 --to 2024-04-01 --where region=north
//   salesmetrics alerts --watch
#include <algorithm>
#include <array>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/cli/alert_printer.h"
#include "clients/cli/alerts_client.h"
#include "clients/cli/argv_shim.h"
#include "clients/cli/cancel_on_interrupt.h"
#include "clients/cli/channel.h"
#include "clients/cli/compute_printer.h"
#include "clients/cli/compute_request.h"
#include "clients/cli/connection_options.h"
#include "clients/cli/dashboard_client.h"
#include "clients/cli/dashboard_printer.h"
#include "clients/cli/dashboard_request.h"
#include "clients/cli/json_output.h"
#include "clients/cli/metric_list_printer.h"
#include "clients/cli/metrics_client.h"
#include "clients/cli/rpc_error.h"

ABSL_FLAG(std::string, server, "", "host:port of the server (default: $SALESMETRICS_SERVER, else 127.0.0.1:50051)");
ABSL_FLAG(std::string, tls_ca_file, "",
          "PEM file of the CAs to verify the server with; turns TLS on (default: plaintext)");
ABSL_FLAG(std::string, tls_cert_file, "", "PEM file of a client certificate for mutual TLS (with --tls_key_file)");
ABSL_FLAG(std::string, tls_key_file, "", "PEM file of the private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_server_name, "",
          "The name to verify the server's certificate against (default: the host of --server)");
ABSL_FLAG(std::string, token_file, "",
          "File holding the bearer token sent with every call (default: $SALESMETRICS_TOKEN, else none); "
          "without TLS, it is sent to a loopback server only");
ABSL_FLAG(bool, json, false, "Print the response as protobuf JSON (with --watch: one compact object a line)");
ABSL_FLAG(int32_t, timeout_seconds, 30, "Deadline of each call, in seconds (none with --watch)");
ABSL_FLAG(std::string, from, "",
          "compute, dashboard: start of the period, inclusive: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
ABSL_FLAG(std::string, to, "", "compute, dashboard: end of the period, exclusive, in the same form as --from");
ABSL_FLAG(std::string, tz, "", "compute, dashboard: IANA time zone of the period (server default: UTC)");
ABSL_FLAG(std::string, as_of, "",
          "compute, dashboard, alerts: the instant to ask at: RFC 3339, or a date or date-time in UTC "
          "(server default: now)");
ABSL_FLAG(std::string, by, "", "compute: the dimension to group by");
ABSL_FLAG(std::string, granularity, "", "compute: also return a series of day, week, month, quarter or year buckets");
ABSL_FLAG(int32_t, fiscal_year_start_month, 0,
          "compute, dashboard: first month (1-12) of the fiscal year (server default: 1)");
ABSL_FLAG(bool, watch, false, "alerts: print the active alerts, then each change as it happens, until Ctrl-C");

namespace salesmetrics::cli {
namespace {

constexpr char kSynopsis[] =
    "usage: salesmetrics list [--server HOST:PORT] [--json]\n"
    "       salesmetrics compute METRIC [--from D --to D] [--tz Z] [--as-of T] [--by DIM]\n"
    "           [--where DIM=VALUE[,VALUE...]]... [--granularity day|week|month|quarter|year]\n"
    "           [--fiscal-year-start-month N] [--param NAME=VALUE]... [--json] [--server HOST:PORT]\n"
    "       salesmetrics dashboard briefing|funnel|forecast|performance --from D --to D [--tz Z]\n"
    "           [--as-of T] [--fiscal-year-start-month N] [--where DIM=VALUE[,VALUE...]]... (funnel only)\n"
    "           [--json] [--server HOST:PORT]\n"
    "       salesmetrics alerts [--as-of T] [--json] [--server HOST:PORT]\n"
    "       salesmetrics alerts --watch [--json] [--server HOST:PORT]\n"
    "Connection (every command): [--tls_ca_file PEM [--tls_cert_file PEM --tls_key_file PEM]\n"
    "           [--tls_server_name NAME]] [--token_file FILE]";
constexpr char kDetails[] =
    "Computes sales KPIs, dashboards and alerts with a salesmetrics server.\n"
    "D is YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] in the time zone Z; T is RFC 3339, or a date or\n"
    "date-time in UTC. --where and --param repeat. --server defaults to $SALESMETRICS_SERVER, else\n"
    "127.0.0.1:50051; each call times out after --timeout_seconds (30), except `alerts --watch`,\n"
    "which prints each change of the alerts as it happens until Ctrl-C or the server ends the stream.\n"
    "--tls_ca_file turns TLS on and verifies the server with those CAs; --tls_cert_file and\n"
    "--tls_key_file add a client certificate (mutual TLS). Every call carries the bearer token of\n"
    "--token_file, else of $SALESMETRICS_TOKEN, if any.";

// Abseil handles these itself, and in version 20220623 they are not in its
// flag registry.
constexpr std::array<std::string_view, 6> kAbseilUsageSwitches = {"help",        "helpfull", "helpshort",
                                                                   "helppackage", "version",  "only_check_args"};
constexpr std::array<std::string_view, 2> kAbseilUsageFlagsWithValue = {"helpon", "helpmatch"};

constexpr char kDefaultServer[] = "127.0.0.1:50051";
constexpr int kFailure = 1;  // the call failed, or a file could not be read
constexpr int kUsageError = 2;

int UsageError(absl::string_view message) {
  std::cerr << "salesmetrics: " << message << "\n" << kSynopsis << "\n";
  return kUsageError;
}

// How Abseil knows a flag, for ShimArgv; "nojson" is the negative form of
// the bool flag "json".
FlagKind LookUpAbseilFlag(const std::string& name) {
  if (const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name)) {
    return flag->IsOfType<bool>() ? FlagKind::kSwitch : FlagKind::kTakesValue;
  }
  const auto is_one_of = [&name](const auto& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (is_one_of(kAbseilUsageSwitches)) return FlagKind::kSwitch;
  if (is_one_of(kAbseilUsageFlagsWithValue)) return FlagKind::kTakesValue;
  const absl::CommandLineFlag* positive =
      absl::StartsWith(name, "no") ? absl::FindCommandLineFlag(absl::string_view(name).substr(2)) : nullptr;
  return positive != nullptr && positive->IsOfType<bool>() ? FlagKind::kSwitch : FlagKind::kUnknown;
}

std::string ServerAddress() {
  if (std::string server = absl::GetFlag(FLAGS_server); !server.empty()) return server;
  const char* from_environment = std::getenv("SALESMETRICS_SERVER");
  return from_environment != nullptr && *from_environment != '\0' ? from_environment : kDefaultServer;
}

// The channel that the connection flags describe, with the files they name read.
absl::StatusOr<std::shared_ptr<grpc::Channel>> ChannelFromFlags() {
  absl::StatusOr<ConnectionOptions> options = LoadConnectionOptions(
      {
          .tls_ca_file = absl::GetFlag(FLAGS_tls_ca_file),
          .tls_cert_file = absl::GetFlag(FLAGS_tls_cert_file),
          .tls_key_file = absl::GetFlag(FLAGS_tls_key_file),
          .tls_server_name = absl::GetFlag(FLAGS_tls_server_name),
          .token_file = absl::GetFlag(FLAGS_token_file),
      },
      std::getenv("SALESMETRICS_TOKEN"));
  if (!options.ok()) return options.status();
  return OpenChannel(ServerAddress(), *options);
}

// Connection flags that do not go together are a usage error; a file one
// names that cannot be read is a failure.
int ConnectionError(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kInvalidArgument) return UsageError(status.message());
  std::cerr << "salesmetrics: " << status.message() << "\n";
  return kFailure;
}

int RpcFailed(const grpc::Status& status) {
  std::cerr << "salesmetrics: " << DescribeRpcError(status) << "\n";
  return kFailure;
}

// Prints `response` as protobuf JSON with --json, else the text `render`
// makes of it; flushes, for the events of a stream.
int PrintResponse(const google::protobuf::Message& response, const std::function<std::string()>& render,
                  JsonLayout layout = JsonLayout::kIndented) {
  if (!absl::GetFlag(FLAGS_json)) {
    std::cout << render() << std::flush;
    return 0;
  }
  absl::StatusOr<std::string> json = FormatJson(response, layout);
  if (!json.ok()) {
    std::cerr << "salesmetrics: cannot print the response as JSON: " << json.status().message() << "\n";
    return kFailure;
  }
  std::cout << *json << std::flush;
  return 0;
}

int List(MetricsClient& client) {
  salesmetrics::v1::ListMetricsResponse response;
  if (grpc::Status status = client.ListAllMetrics(response); !status.ok()) return RpcFailed(status);
  return PrintResponse(response, [&] { return RenderMetricList(response); });
}

int Compute(MetricsClient& client, const salesmetrics::v1::ComputeMetricRequest& request) {
  salesmetrics::v1::ComputeMetricResponse response;
  if (grpc::Status status = client.ComputeMetric(request, response); !status.ok()) return RpcFailed(status);
  return PrintResponse(response, [&] { return RenderComputeResponse(request, response); });
}

int Dashboard(DashboardClient& client, const DashboardRequest& request) {
  return std::visit(
      [&client](const auto& typed_request) {
        DashboardResponse<std::decay_t<decltype(typed_request)>> response;
        if (grpc::Status status = client.Compute(typed_request, response); !status.ok()) return RpcFailed(status);
        return PrintResponse(response, [&] { return RenderDashboard(response); });
      },
      request);
}

int EvaluateAlerts(AlertsClient& client, const salesmetrics::v1::EvaluateAlertsRequest& request) {
  salesmetrics::v1::EvaluateAlertsResponse response;
  if (grpc::Status status = client.EvaluateAlerts(request, response); !status.ok()) return RpcFailed(status);
  return PrintResponse(response, [&] { return RenderAlerts(response, absl::LocalTimeZone()); });
}

// Prints each event as it arrives; Ctrl-C ends the stream, and the program
// with status 0.
int WatchAlerts(AlertsClient& client) {
  grpc::ClientContext context;
  CancelOnInterrupt cancel_on_interrupt(context);
  int print_status = 0;
  const grpc::Status status = client.WatchAlerts(context, [&](const salesmetrics::v1::WatchAlertsResponse& event) {
    print_status = PrintResponse(
        event, [&] { return RenderAlertEvent(event, absl::LocalTimeZone()); }, JsonLayout::kOneLine);
    return print_status == 0;
  });
  if (print_status != 0) return print_status;
  if (cancel_on_interrupt.interrupted()) return 0;
  return status.ok() ? 0 : RpcFailed(status);
}

int Alerts(const ServerConnection& server) {
  if (absl::GetFlag(FLAGS_watch)) {
    if (!absl::GetFlag(FLAGS_as_of).empty()) return UsageError("--as-of does not apply to --watch");
    AlertsClient client(server);
    return WatchAlerts(client);
  }
  salesmetrics::v1::EvaluateAlertsRequest request;
  if (absl::Status status = SetAsOf(absl::GetFlag(FLAGS_as_of), request); !status.ok()) {
    return UsageError(status.message());
  }
  AlertsClient client(server);
  return EvaluateAlerts(client, request);
}

PeriodArgs PeriodFlags() {
  return {
      .from = absl::GetFlag(FLAGS_from),
      .to = absl::GetFlag(FLAGS_to),
      .time_zone = absl::GetFlag(FLAGS_tz),
      .as_of = absl::GetFlag(FLAGS_as_of),
      .fiscal_year_start_month = absl::GetFlag(FLAGS_fiscal_year_start_month),
  };
}

int Dashboard(const std::string& name, const ShimmedArgv& shimmed, const ServerConnection& server) {
  if (!shimmed.params.empty()) return UsageError("--param applies to compute only");
  absl::StatusOr<DashboardRequest> request =
      BuildDashboardRequest({.dashboard = name, .period = PeriodFlags(), .where = shimmed.where});
  if (!request.ok()) return UsageError(request.status().message());
  DashboardClient client(server);
  return Dashboard(client, *request);
}

int Compute(const std::string& metric, const ShimmedArgv& shimmed, const ServerConnection& server) {
  absl::StatusOr<salesmetrics::v1::ComputeMetricRequest> request = BuildComputeRequest({
      .metric = metric,
      .period = PeriodFlags(),
      .group_by = absl::GetFlag(FLAGS_by),
      .granularity = absl::GetFlag(FLAGS_granularity),
      .where = shimmed.where,
      .params = shimmed.params,
  });
  if (!request.ok()) return UsageError(request.status().message());
  MetricsClient client(server);
  return Compute(client, *request);
}

// Runs the command named by the positional arguments (argv[0] excluded).
int Run(const std::vector<std::string>& positional, const ShimmedArgv& shimmed) {
  const int timeout_seconds = absl::GetFlag(FLAGS_timeout_seconds);
  if (timeout_seconds <= 0) return UsageError("--timeout_seconds must be positive");
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = ChannelFromFlags();
  if (!channel.ok()) return ConnectionError(channel.status());
  const ServerConnection server{.channel = *std::move(channel), .timeout = absl::Seconds(timeout_seconds)};
  const std::string command = positional.empty() ? "" : positional[0];
  if (command == "list" && positional.size() == 1) {
    MetricsClient client(server);
    return List(client);
  }
  if (command == "compute" && positional.size() == 2) return Compute(positional[1], shimmed, server);
  if (command == "dashboard" && positional.size() == 2) return Dashboard(positional[1], shimmed, server);
  if (command == "alerts" && positional.size() == 1) return Alerts(server);
  return UsageError("expected `list`, `compute METRIC`, `dashboard DASHBOARD` or `alerts`");
}

// What --help prints. By default it would list only the flags of files named
// after the program, and ours are in main.cc.
void SetUpHelp() {
  absl::SetProgramUsageMessage(absl::StrCat(kDetails, "\n", kSynopsis));
  absl::FlagsUsageConfig config;
  config.contains_help_flags = [](absl::string_view path) { return absl::EndsWith(path, "clients/cli/main.cc"); };
  absl::SetFlagsUsageConfig(config);
}

int Main(int argc, char** argv) {
  SetUpHelp();
  absl::StatusOr<ShimmedArgv> shimmed = ShimArgv(std::vector<std::string>(argv, argv + argc), LookUpAbseilFlag);
  if (!shimmed.ok()) return UsageError(shimmed.status().message());
  std::vector<char*> args;
  for (std::string& arg : shimmed->args) args.push_back(arg.data());
  const std::vector<char*> parsed = absl::ParseCommandLine(static_cast<int>(args.size()), args.data());
  return Run(std::vector<std::string>(parsed.begin() + 1, parsed.end()), *shimmed);
}

}  // namespace
}  // namespace salesmetrics::cli

int main(int argc, char** argv) { return salesmetrics::cli::Main(argc, argv); }
