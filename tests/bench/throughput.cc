// Throughput of one repeated request: N callers for T seconds against a
// salesmetrics server, and against a bare gRPC server of the best kind (the
// callback API, answering the same bytes with no work), with the same
// client, one after the other in the same run. Prints requests per second,
// p50 and p99 for both, their ratio, and the server's RSS when its pid is
// given.
//
//   salesmetrics_throughput --serve_bare=127.0.0.1:50052 --server=127.0.0.1:50051
//       serves the bare server (the server's answer) until killed;
//   salesmetrics_throughput --server=127.0.0.1:50051 --bare=127.0.0.1:50052
//       --callers=16 --seconds=10 [--metric=total_sales --from=2026-07-01
//       --to=2026-08-01] [--server_pid=PID]
//       measures both.
//
// scripts/throughput.sh starts a server on demo data and a bare one, each a
// process of its own, and runs this.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "host:port of the salesmetrics server");
ABSL_FLAG(int32_t, callers, 16, "concurrent callers, each with a connection of its own");
ABSL_FLAG(int32_t, seconds, 10, "seconds of load against each server");
ABSL_FLAG(std::string, metric, "total_sales", "the metric of the repeated request");
ABSL_FLAG(std::string, from, "2026-07-01", "its period start");
ABSL_FLAG(std::string, to, "2026-08-01", "its period end");
ABSL_FLAG(int32_t, server_pid, 0, "the server's pid, to report its RSS");
ABSL_FLAG(std::string, bare, "", "host:port of the bare server to compare with");
ABSL_FLAG(std::string, serve_bare, "", "serve the bare server on this host:port instead of measuring");

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

// Answers every ComputeMetric with `answer`, at once.
class BareService final : public v1::MetricsService::CallbackService {
 public:
  explicit BareService(v1::ComputeMetricResponse answer) : answer_(std::move(answer)) {}
  grpc::ServerUnaryReactor* ComputeMetric(grpc::CallbackServerContext* context, const v1::ComputeMetricRequest*,
                                          v1::ComputeMetricResponse* response) override {
    *response = answer_;
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  const v1::ComputeMetricResponse answer_;
};

struct Run {
  double requests_per_second = 0;
  absl::Duration p50, p99;
  int64_t errors = 0;
};

// `callers` threads repeat `request` against `address` for `duration`.
Run Load(const std::string& address, const v1::ComputeMetricRequest& request, int callers, absl::Duration duration) {
  std::vector<std::vector<absl::Duration>> latencies(callers);
  std::atomic<int64_t> errors = 0;
  const absl::Time end = absl::Now() + duration;
  std::vector<std::thread> threads;
  for (int c = 0; c < callers; ++c) {
    threads.emplace_back([&, c] {
      grpc::ChannelArguments arguments;
      arguments.SetInt("salesmetrics.caller", c);  // a connection of its own
      auto stub = v1::MetricsService::NewStub(
          grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments));
      v1::ComputeMetricResponse response;
      while (absl::Now() < end) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        const absl::Time started = absl::Now();
        if (stub->ComputeMetric(&context, request, &response).ok()) {
          latencies[c].push_back(absl::Now() - started);
        } else {
          ++errors;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::vector<absl::Duration> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  Run run;
  run.errors = errors;
  if (all.empty()) return run;
  run.requests_per_second = static_cast<double>(all.size()) / absl::ToDoubleSeconds(duration);
  run.p50 = all[all.size() / 2];
  run.p99 = all[all.size() * 99 / 100];
  return run;
}

std::string ResidentSetOf(int pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return line.substr(6);
  }
  return "unknown";
}

void Print(const char* name, const Run& run) {
  std::cout << absl::StrFormat("%-12s %10.0f req/s   p50 %7.3f ms   p99 %7.3f ms   errors %d\n", name,
                               run.requests_per_second, absl::ToDoubleMilliseconds(run.p50),
                               absl::ToDoubleMilliseconds(run.p99), run.errors);
}

int Main() {
  v1::ComputeMetricRequest request;
  request.set_metric(absl::GetFlag(FLAGS_metric));
  request.set_period_start(absl::GetFlag(FLAGS_from));
  request.set_period_end(absl::GetFlag(FLAGS_to));
  const std::string address = absl::GetFlag(FLAGS_server);

  v1::ComputeMetricResponse answer;
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    const grpc::Status status = v1::MetricsService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))->ComputeMetric(&context, request, &answer);
    if (!status.ok()) {
      std::cerr << "the server at " << address << " answers " << status.error_message() << "\n";
      return 1;
    }
  }
  if (const std::string listen = absl::GetFlag(FLAGS_serve_bare); !listen.empty()) {
    BareService bare(answer);
    grpc::ServerBuilder builder;
    builder.AddListeningPort(listen, grpc::InsecureServerCredentials());
    builder.RegisterService(&bare);
    std::unique_ptr<grpc::Server> bare_server = builder.BuildAndStart();
    if (bare_server == nullptr) {
      std::cerr << "cannot listen on " << listen << "\n";
      return 1;
    }
    bare_server->Wait();
    return 0;
  }

  const int callers = absl::GetFlag(FLAGS_callers);
  const absl::Duration duration = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  std::cout << absl::StrFormat("%s of %s to %s, %d callers, %d s each; answer %d bytes\n", request.metric(),
                               request.period_start(), request.period_end(), callers, absl::GetFlag(FLAGS_seconds),
                               answer.ByteSizeLong());
  const Run bare_run = Load(absl::GetFlag(FLAGS_bare), request, callers, duration);
  const Run service_run = Load(address, request, callers, duration);
  Print("bare gRPC", bare_run);
  Print("salesmetrics", service_run);
  if (bare_run.requests_per_second > 0) {
    std::cout << absl::StrFormat("salesmetrics / bare: %.0f %%\n",
                                 100 * service_run.requests_per_second / bare_run.requests_per_second);
  }
  if (const int pid = absl::GetFlag(FLAGS_server_pid); pid > 0) {
    std::cout << "server RSS:" << ResidentSetOf(pid) << "\n";
  }
  return service_run.errors == 0 && bare_run.errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace salesmetrics

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return salesmetrics::Main();
}
