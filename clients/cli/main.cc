// salesmetrics: the command-line client of a salesmetrics server.
//
//   salesmetrics list
//   salesmetrics compute win_rate --from 2024-01-01 --to 2024-04-01 --by team --granularity month
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/argv_shim.h"
#include "clients/cli/compute_printer.h"
#include "clients/cli/compute_request.h"
#include "clients/cli/metric_list_printer.h"
#include "clients/cli/metrics_client.h"
#include "clients/cli/rpc_error.h"

ABSL_FLAG(std::string, server, "", "host:port of the server (default: $SALESMETRICS_SERVER, else 127.0.0.1:50051)");
ABSL_FLAG(bool, json, false, "Print the response as protobuf JSON");
ABSL_FLAG(int32_t, timeout_seconds, 30, "Deadline of each call, in seconds");
ABSL_FLAG(std::string, from, "", "compute: start of the period, inclusive: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
ABSL_FLAG(std::string, to, "", "compute: end of the period, exclusive, in the same form as --from");
ABSL_FLAG(std::string, tz, "", "compute: IANA time zone of the period (server default: UTC)");
ABSL_FLAG(std::string, as_of, "",
          "compute: the instant to ask at: RFC 3339, or a date or date-time in UTC (server default: now)");
ABSL_FLAG(std::string, by, "", "compute: the dimension to group by");
ABSL_FLAG(std::string, granularity, "", "compute: also return a series of day, week, month, quarter or year buckets");
ABSL_FLAG(int32_t, fiscal_year_start_month, 0, "compute: first month (1-12) of the fiscal year (server default: 1)");

namespace salesmetrics::cli {
namespace {

constexpr char kSynopsis[] =
    "usage: salesmetrics list [--server HOST:PORT] [--json]\n"
    "       salesmetrics compute METRIC [--from D --to D] [--tz Z] [--as-of T] [--by DIM]\n"
    "           [--where DIM=VALUE[,VALUE...]]... [--granularity day|week|month|quarter|year]\n"
    "           [--fiscal-year-start-month N] [--param NAME=VALUE]... [--json] [--server HOST:PORT]";
constexpr char kDetails[] =
    "Computes sales KPIs with a salesmetrics server.\n"
    "D is YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] in the time zone Z; T is RFC 3339, or a date or\n"
    "date-time in UTC. --where and --param repeat. --server defaults to $SALESMETRICS_SERVER, else\n"
    "127.0.0.1:50051; each call times out after --timeout_seconds (30).";

// Abseil handles these itself, and in version 20220623 they are not in its
// flag registry.
constexpr std::array<std::string_view, 6> kAbseilUsageSwitches = {"help",        "helpfull", "helpshort",
                                                                   "helppackage", "version",  "only_check_args"};
constexpr std::array<std::string_view, 2> kAbseilUsageFlagsWithValue = {"helpon", "helpmatch"};

constexpr char kDefaultServer[] = "127.0.0.1:50051";
constexpr int kFailure = 1;  // the call failed
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

int RpcFailed(const grpc::Status& status) {
  std::cerr << "salesmetrics: " << DescribeRpcError(status) << "\n";
  return kFailure;
}

// Prints `response` as protobuf JSON with --json, else the text `render` makes of it.
int PrintResponse(const google::protobuf::Message& response, const std::function<std::string()>& render) {
  if (!absl::GetFlag(FLAGS_json)) {
    std::cout << render();
    return 0;
  }
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = false;
  std::string json;
  if (auto converted = google::protobuf::util::MessageToJsonString(response, &json, options); !converted.ok()) {
    std::cerr << "salesmetrics: cannot print the response as JSON: " << converted.message() << "\n";
    return kFailure;
  }
  std::cout << json;
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

// Runs the command named by the positional arguments (argv[0] excluded).
int Run(const std::vector<std::string>& positional, const ShimmedArgv& shimmed) {
  const int timeout_seconds = absl::GetFlag(FLAGS_timeout_seconds);
  if (timeout_seconds <= 0) return UsageError("--timeout_seconds must be positive");
  MetricsClient client(ServerAddress(), absl::Seconds(timeout_seconds));

  if (positional.size() == 1 && positional[0] == "list") return List(client);
  if (positional.size() != 2 || positional[0] != "compute") return UsageError("expected `list` or `compute METRIC`");
  absl::StatusOr<salesmetrics::v1::ComputeMetricRequest> request = BuildComputeRequest({
      .metric = positional[1],
      .from = absl::GetFlag(FLAGS_from),
      .to = absl::GetFlag(FLAGS_to),
      .time_zone = absl::GetFlag(FLAGS_tz),
      .as_of = absl::GetFlag(FLAGS_as_of),
      .group_by = absl::GetFlag(FLAGS_by),
      .granularity = absl::GetFlag(FLAGS_granularity),
      .fiscal_year_start_month = absl::GetFlag(FLAGS_fiscal_year_start_month),
      .where = shimmed.where,
      .params = shimmed.params,
  });
  if (!request.ok()) return UsageError(request.status().message());
  return Compute(client, *request);
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
