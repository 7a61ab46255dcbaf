// salesmetrics-server: serves sales KPIs over gRPC from a CRM database.
//
//   salesmetrics-server --database=sqlite3:///var/lib/crm.db --listen=0.0.0.0:50051
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
#include "core/db/connection_pool.h"
#include "core/engine/host_api.h"
#include "core/engine/metric_engine.h"
#include "core/util/log.h"
#include "core/util/status_detail.h"
#include "core/alerts/alert_config.h"
#include "core/catalog/metric_catalog.h"
#include "server/admin_service.h"
#include "server/alert_hub.h"
#include "server/alert_service.h"
#include "server/dashboard_service.h"
#include "server/health_monitor.h"
#include "server/isolated_plugin.h"
#include "server/metrics_service.h"
#include "server/plugin_worker.h"
#include "server/reloader.h"
#include "server/request_executor.h"
#include "server/server_config.h"
#include "server/signals.h"
#include "server/unary_call.h"

ABSL_FLAG(bool, plugin_worker, false, "Internal: run as the worker of an isolated plugin (the server starts these)");

namespace salesmetrics {
namespace {

// The health service names that follow the database: "" is the server.
const std::vector<std::string> kDatabaseServices = {"", "salesmetrics.v1.MetricsService",
                                                    "salesmetrics.v1.DashboardService",
                                                    "salesmetrics.v1.AlertService"};

// What the server runs on, built once at start.
struct Runtime {
  server::ServerConfig config;
  DatabaseUrl url;
  MetricRegistry registry;
  std::unique_ptr<ConnectionPool> pool;
  std::unique_ptr<MetricCatalog> catalog;
  std::unique_ptr<MetricEngine> engine;
  std::unique_ptr<AlertEvaluator> alerts;
  std::unique_ptr<AlertHub> alert_hub;
};

IsolationOptions IsolationOptionsOf(const server::ServerConfig& config) {
  IsolationOptions options;
  options.server_binary = "/proc/self/exe";
  options.memory_limit_bytes = int64_t{config.isolated_memory_mb()} << 20;
  options.init_timeout = absl::Seconds(config.isolated_init_seconds());
  options.worker.set_database_url(config.database_url());
  options.worker.set_pool_size(config.isolated_pool_size());
  options.worker.set_currency_code(config.currency_code());
  options.worker.set_max_request_seconds(config.max_request_seconds());
  options.worker.set_max_concurrent_requests(config.isolated_max_concurrent_requests());
  return options;
}

// Reads the configuration, loads the plugins and the alert rules; a wrong
// setting stops the server before it listens.
absl::StatusOr<std::unique_ptr<Runtime>> StartRuntime(const char* program) {
  auto runtime = std::make_unique<Runtime>();
  absl::StatusOr<server::ServerConfig> config = LoadServerConfig(program);
  if (!config.ok()) return config.status();
  runtime->config = *std::move(config);
  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl(runtime->config.database_url());
  if (!url.ok()) return url.status();
  runtime->url = *std::move(url);
  absl::StatusOr<AlertSettings> alert_settings = LoadAlertSettings(runtime->config.alerts_config());
  if (!alert_settings.ok()) return alert_settings.status();
  runtime->pool = std::make_unique<ConnectionPool>(
      ConnectionPool::Options{.url = runtime->url, .size = runtime->config.pool_size(), .read_only = true});
  if (absl::Status probe = runtime->pool->Probe(absl::Seconds(10)); !probe.ok()) {
    LogWarning(absl::StrCat("database not reachable yet; requests get UNAVAILABLE until it is: ", LogDetailOf(probe)));
  }
  runtime->catalog = std::make_unique<MetricCatalog>(runtime->config.plugin_dir(), runtime->config.definitions_dir(),
                                                     HostApi(), &runtime->registry, runtime->pool.get());
  if (!runtime->config.isolated_plugin_dir().empty()) {
    runtime->catalog->AddIsolatedDirectory(
        runtime->config.isolated_plugin_dir(),
        [options = IsolationOptionsOf(runtime->config)](const std::string& path, const MetricCatalog::TakenFn& taken) {
          return IsolatedPlugin::Open(path, taken, options);
        });
  }
  if (auto loaded = runtime->catalog->Reload(); !loaded.ok()) return loaded.status();
  runtime->engine =
      std::make_unique<MetricEngine>(&runtime->registry, runtime->pool.get(), runtime->config.currency_code());
  const absl::Duration interval = alert_settings->evaluation_interval;
  runtime->alerts =
      std::make_unique<AlertEvaluator>(runtime->engine.get(), runtime->pool.get(), *std::move(alert_settings));
  runtime->alert_hub = std::make_unique<AlertHub>(runtime->alerts.get(), interval,
                                                  absl::Seconds(runtime->config.max_request_seconds()));
  return runtime;
}

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

int Serve(Runtime& runtime, ServerSignals& signals) {
  RequestExecutor executor(runtime.config.max_concurrent_requests(), runtime.config.max_queued_requests());
  UnaryCalls calls(&executor, absl::Seconds(runtime.config.max_request_seconds()));
  MetricsService metrics_service(runtime.engine.get(), &calls);
  DashboardService dashboard_service({runtime.pool.get(), &runtime.registry, runtime.config.currency_code()},
                                     &calls);
  AlertService alert_service(runtime.alerts.get(), runtime.alert_hub.get(), &calls);
  Reloader reloader(runtime.catalog.get());
  AdminService admin_service(&reloader, &calls);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(runtime.config.listen_address(), grpc::InsecureServerCredentials(), &port);
  // Pings find clients that vanished, so their WatchAlerts streams end.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  builder.RegisterService(&metrics_service);
  builder.RegisterService(&dashboard_service);
  builder.RegisterService(&alert_service);
  // AdminService only on a loopback listener: this one, or one of its own.
  const std::string admin_address = AdminListenAddress(runtime.config);
  const bool admin_here = admin_address == runtime.config.listen_address();
  if (admin_here) builder.RegisterService(&admin_service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    LogError(absl::StrCat("cannot listen on ", runtime.config.listen_address()));
    return 1;
  }
  std::unique_ptr<grpc::Server> admin_server;
  if (!admin_address.empty() && !admin_here) {
    grpc::ServerBuilder admin_builder;
    admin_builder.AddListeningPort(admin_address, grpc::InsecureServerCredentials());
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
  HealthMonitor health(runtime.pool.get(), server->GetHealthCheckService(), kDatabaseServices, absl::Seconds(1));
  health.Start();
  if (admin_here) server->GetHealthCheckService()->SetServingStatus("salesmetrics.v1.AdminService", true);
  runtime.alert_hub->Start();
  LogInfo(absl::StrCat("serving ", runtime.registry.List().size(), " metrics on ", runtime.config.listen_address(),
                       " (port ", port, ") from ", runtime.url.redacted));

  signals.Serving([&reloader] {
    if (!reloader.Start()) LogWarning("a reload is still running; this one is not started");
  });
  const int signal = signals.WaitForStop();
  const absl::Duration grace = absl::Seconds(runtime.config.shutdown_grace_seconds());
  LogInfo(absl::StrCat("received signal ", signal, "; shutting down within ", absl::FormatDuration(grace)));
  ExitAfter(grace + absl::Seconds(1));
  server->GetHealthCheckService()->Shutdown();  // NOT_SERVING, for load balancers
  runtime.alert_hub->Shutdown();                // ends the WatchAlerts streams
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
