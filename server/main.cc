// salesmetrics-server: serves sales KPIs over gRPC from a CRM database.
//
//   salesmetrics-server --database=sqlite3:///var/lib/crm.db --listen=0.0.0.0:50051
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <csignal>
#include <memory>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/db/connection_pool.h"
#include "core/engine/host_api.h"
#include "core/engine/metric_engine.h"
#include "core/plugin/plugin_loader.h"
#include "core/util/log.h"
#include "server/dashboard_service.h"
#include "server/metrics_service.h"
#include "server/server_config.h"

namespace salesmetrics {
namespace {

constexpr const char* kServiceNames[] = {"salesmetrics.v1.MetricsService", "salesmetrics.v1.DashboardService"};

// Blocks SIGINT and SIGTERM in every thread, so that WaitForShutdownSignal
// receives them.
sigset_t BlockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

int WaitForShutdownSignal(const sigset_t& signals) {
  int signal = 0;
  sigwait(&signals, &signal);
  return signal;
}

int Run(const char* program) {
  absl::StatusOr<server::ServerConfig> config = LoadServerConfig(program);
  if (!config.ok()) {
    LogError(config.status().message());
    return 2;
  }
  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl(config->database_url());
  if (!url.ok()) {
    LogError(url.status().message());
    return 2;
  }

  MetricRegistry registry;
  absl::StatusOr<std::vector<PluginLoadResult>> loaded = LoadPluginDirectory(config->plugin_dir(), HostApi(), registry);
  if (!loaded.ok()) {
    LogError(loaded.status().message());
    return 2;
  }
  ConnectionPool pool({.url = *url, .size = config->pool_size(), .read_only = true});
  if (absl::StatusOr<ConnectionPool::Lease> probe = pool.Acquire(absl::Now() + absl::Seconds(10)); !probe.ok()) {
    LogWarning(absl::StrCat("database not reachable yet; requests get UNAVAILABLE until it is: ",
                            probe.status().message()));
  }
  MetricEngine engine(&registry, &pool, config->currency_code());
  const absl::Duration max_request_time = absl::Seconds(config->max_request_seconds());
  MetricsService metrics_service(&engine, max_request_time);
  DashboardService dashboard_service({&pool, &registry, config->currency_code()}, max_request_time);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config->listen_address(), grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&metrics_service);
  builder.RegisterService(&dashboard_service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    LogError(absl::StrCat("cannot listen on ", config->listen_address()));
    return 1;
  }
  for (const char* service : kServiceNames) server->GetHealthCheckService()->SetServingStatus(service, true);
  LogInfo(absl::StrCat("serving ", registry.List().size(), " metrics on ", config->listen_address(), " (port ", port,
                       ") from ", url->redacted));

  const sigset_t signals = BlockShutdownSignals();
  const int signal = WaitForShutdownSignal(signals);
  LogInfo(absl::StrCat("received signal ", signal, "; shutting down"));
  server->GetHealthCheckService()->Shutdown();
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(10));
  server->Wait();
  LogInfo("stopped");
  return 0;
}

}  // namespace
}  // namespace salesmetrics

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Serves sales KPIs over gRPC.\n  salesmetrics-server --database=sqlite3:///path/to.db");
  // Signals must be blocked before gRPC starts its threads.
  salesmetrics::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  return salesmetrics::Run(argv[0]);
}
