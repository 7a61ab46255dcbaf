// salesmetrics-server: serves sales KPIs over gRPC from a CRM database.
//
//   salesmetrics-server --database=sqlite3:///var/lib/crm.db --listen=127.0.0.1:50051
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <google/protobuf/stubs/logging.h>

#include <csignal>
#include <cstdlib>
#include <memory>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/util/log.h"
#include "server/access/reflection_guard.h"
#include "server/admin_service.h"
#include "server/alert_service.h"
#include "server/cache/result_cache.h"
#include "server/dashboard_service.h"
#include "server/metrics_service.h"
#include "server/plugin_worker.h"
#include "server/reloader.h"
#include "server/request_executor.h"
#include "server/runtime.h"
#include "server/server_config.h"
#include "server/signals.h"
#include "server/unary_call.h"

ABSL_FLAG(bool, plugin_worker, false, "Internal: run as the worker of an isolated plugin (the server starts these)");

namespace salesmetrics {
namespace {

// Ends the process `grace` after shutdown began, should a request or a
// plugin keep it from ending by itself.
void ExitAfter(absl::Duration grace) {
  std::thread([grace] {
    absl::SleepFor(grace);
    LogError(absl::StrCat("still stopping ", absl::FormatDuration(grace),
                          " after the signal (a request or plugin does not end); exiting now"));
    std::_Exit(1);
  }).detach();
}

// Routes protobuf's own log lines (a request whose string is not UTF-8)
// through ours, escaped and one line each.
void LogProtobufMessage(google::protobuf::LogLevel level, const char*, int, const std::string& message) {
  Log(level >= google::protobuf::LOGLEVEL_ERROR ? LogLevel::kWarning : LogLevel::kInfo,
      absl::StrCat("protobuf: ", message));
}

// SIGHUP: certificates, tenants and credentials on a thread of their own
// (starting a tenant may wait for its database), then the metrics.
void ReloadAll(Runtime& runtime, Reloader& reloader, AlertService& alerts) {
  std::thread([&runtime, &alerts] {
    if (absl::Status s = ReloadAccess(runtime); !s.ok()) LogError(s.message());
    alerts.RecheckStreams();
  }).detach();
  if (!reloader.Start()) LogWarning("a reload of the metrics is still running; this one is not started");
}

// gRPC's reflection plugin serves on every builder: each gets the guard.
void GuardReflection(grpc::ServerBuilder& builder, const Gate* gate) {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<ReflectionGuardFactory>(gate));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
}

void WarnAboutExposure(const Runtime& runtime) {
  const server::ServerConfig& config = runtime.config;
  if (IsLoopbackAddress(config.listen_address())) return;
  if (!runtime.transport->tls()) {
    LogWarning(absl::StrCat("INSECURE: serving plaintext on ", config.listen_address(),
                            ", beyond loopback (--insecure): tokens and figures cross the network unencrypted"));
  }
}

int Serve(Runtime& runtime, ServerSignals& signals) {
  const server::ServerConfig& config = runtime.config;
  RequestExecutor executor(config.max_concurrent_requests(), config.max_queued_requests());
  UnaryCalls calls(&executor, absl::Seconds(config.max_request_seconds()), runtime.gate.get());
  std::unique_ptr<ResultCache> cache;
  if (!config.disable_result_cache()) {
    cache = std::make_unique<ResultCache>(
        ResultCache::Options{.max_bytes = size_t{static_cast<uint32_t>(config.result_cache_mb())} << 20,
                             .max_age = absl::Seconds(config.result_cache_max_age_seconds())});
  }
  MetricsService metrics_service(&calls, cache.get());
  DashboardService dashboard_service(&calls, cache.get());
  AlertService alert_service(runtime.gate.get(), &calls);
  Reloader reloader(runtime.catalog.get());
  AdminService admin_service(&reloader, &calls);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen_address(), runtime.transport->credentials(), &port);
  // Pings find clients that vanished, so their WatchAlerts streams end.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  GuardReflection(builder, runtime.gate.get());
  builder.RegisterService(&metrics_service);
  builder.RegisterService(&dashboard_service);
  builder.RegisterService(&alert_service);
  // AdminService only on a loopback listener: this one, or one of its own.
  const std::string admin_address = AdminListenAddress(config);
  const bool admin_here = admin_address == config.listen_address();
  if (admin_here) builder.RegisterService(&admin_service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    LogError(absl::StrCat("cannot listen on ", config.listen_address()));
    return 1;
  }
  std::unique_ptr<grpc::Server> admin_server;
  if (!admin_address.empty() && !admin_here) {
    grpc::ServerBuilder admin_builder;
    admin_builder.AddListeningPort(admin_address, grpc::InsecureServerCredentials());
    GuardReflection(admin_builder, runtime.gate.get());
    admin_builder.RegisterService(&admin_service);
    if ((admin_server = admin_builder.BuildAndStart()) == nullptr) {
      LogError(absl::StrCat("cannot listen on ", admin_address, " for AdminService"));
      return 1;
    }
  }
  LogInfo(admin_address.empty()
              ? std::string("AdminService is off: the listener is not loopback and no --admin_listen is set; "
                            "SIGHUP reloads the metrics")
              : absl::StrCat("AdminService on ", admin_address));
  runtime.health.Attach(server->GetHealthCheckService());
  if (admin_here) server->GetHealthCheckService()->SetServingStatus("salesmetrics.v1.AdminService", true);
  WarnAboutExposure(runtime);
  LogInfo(absl::StrCat("serving ", runtime.registry.List().size(), " metrics on ", config.listen_address(), " (port ",
                       port, ", ", runtime.transport->Describe(), ", ",
                       runtime.gate->authenticates() ? "callers authenticate" : "no authentication: loopback only",
                       ") to ", runtime.tenants->All().size(), " tenant(s)"));

  signals.Serving([&] { ReloadAll(runtime, reloader, alert_service); });
  const int signal = signals.WaitForStop();
  const absl::Duration grace = absl::Seconds(config.shutdown_grace_seconds());
  LogInfo(absl::StrCat("received signal ", signal, "; shutting down within ", absl::FormatDuration(grace)));
  ExitAfter(grace + absl::Seconds(1));
  runtime.health.Attach(nullptr);
  server->GetHealthCheckService()->Shutdown();  // NOT_SERVING, for load balancers
  for (const auto& tenant : runtime.tenants->All()) tenant->alert_hub().Shutdown();  // ends the WatchAlerts streams
  const auto deadline = absl::ToChronoTime(absl::Now() + grace);
  server->Shutdown(deadline);
  if (admin_server) admin_server->Shutdown(deadline);
  server->Wait();
  LogInfo("stopped");
  // What may still run (an alert evaluation, a reload, a probe) uses what
  // the destructors would free: end without running them. The workers of
  // isolated plugins end with the server (their standard input closes).
  std::_Exit(0);
}

int Run(const char* program) {
  ServerSignals signals;
  signals.Start();
  absl::StatusOr<std::unique_ptr<Runtime>> runtime = StartRuntime(program);
  if (!runtime.ok()) {
    LogError(runtime.status().message());
    return 2;
  }
  return Serve(**runtime, signals);
}

}  // namespace
}  // namespace salesmetrics

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Serves sales KPIs over gRPC.\n  salesmetrics-server --database=sqlite3:///path/to.db");
  // Signals must be blocked before gRPC starts its threads.
  salesmetrics::ServerSignals::Block();
  absl::ParseCommandLine(argc, argv);
  google::protobuf::SetLogHandler(&salesmetrics::LogProtobufMessage);
  // A worker that dies leaves pipes without a reader: a write must fail,
  // not end the server.
  std::signal(SIGPIPE, SIG_IGN);
  if (absl::GetFlag(FLAGS_plugin_worker)) return salesmetrics::RunPluginWorker();
  return salesmetrics::Run(argv[0]);
}
