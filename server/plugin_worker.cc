#include "server/plugin_worker.h"

#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/server_posix.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <thread>

#include "absl/strings/str_cat.h"
#include "core/db/connection_pool.h"
#include "core/engine/host_api.h"
#include "core/engine/metric_engine.h"
#include "core/plugin/plugin_loader.h"
#include "core/util/log.h"
#include "server/metrics_service.h"
#include "server/request_executor.h"
#include "server/server_config.pb.h"
#include "server/unary_call.h"
#include "server/worker_process.h"

namespace salesmetrics {
namespace {

constexpr int kSocketFd = 3;

// The one line that tells the server how loading went, then nothing.
void Answer(const std::string& line) {
  const std::string text = line + "\n";
  (void)!write(STDOUT_FILENO, text.data(), text.size());
  const int null = open("/dev/null", O_WRONLY);
  dup2(null, STDOUT_FILENO);
  close(null);
}

// The server writes nothing more to our standard input; it closes when the
// server ends, however it ends, and so do we.
void ExitWhenTheServerGoes() {
  std::thread([] {
    for (char byte;;) {
      const ssize_t got = read(STDIN_FILENO, &byte, 1);
      if (got == 0 || (got < 0 && errno != EINTR)) std::_Exit(0);
    }
  }).detach();
}

}  // namespace

int RunPluginWorker() {
  absl::StatusOr<std::string> bytes = ReadWorkerConfig(STDIN_FILENO);
  salesmetrics::server::PluginWorkerConfig config;
  if (!bytes.ok() || !config.ParseFromString(*bytes)) {
    Answer("refused the server sent no valid worker configuration");
    return 2;
  }
  SetLogPrefix(absl::StrCat("[worker ", config.plugin_name(), " pid ", getpid(), "] "));
  ExitWhenTheServerGoes();

  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl(config.database_url());
  if (!url.ok()) {
    Answer(absl::StrCat("refused ", url.status().message()));
    return 2;
  }
  ConnectionPool pool({.url = *url, .size = config.pool_size(), .read_only = true});
  MetricRegistry registry;
  auto metrics =
      OpenPrivatePlugin(config.plugin_path(), config.plugin_name(), HostApi(), [](const std::string&) { return false; });
  if (metrics.ok()) {
    if (absl::Status added = registry.AddAll(*metrics); !added.ok()) metrics = added;
  }
  if (!metrics.ok()) {
    Answer(absl::StrCat("refused ", metrics.status().message()));
    return 2;
  }
  MetricEngine engine(&registry, &pool, config.currency_code());
  // The server sends no more requests than this at once: each has a thread.
  RequestExecutor executor(config.max_concurrent_requests(), config.max_concurrent_requests());
  // The server waits a grace period past each deadline before it counts
  // the worker as hung; the worker's own work stops at the deadline.
  UnaryCalls calls(&executor, absl::Seconds(config.max_request_seconds()), /*gate=*/nullptr,
                   /*deadline_reserve=*/absl::Seconds(1));
  MetricsService service(&calls, /*cache=*/nullptr, &engine);
  grpc::ServerBuilder builder;
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr) {
    Answer("refused the worker could not start its gRPC server");
    return 2;
  }
  SetNonBlocking(kSocketFd);
  grpc::AddInsecureChannelFromFd(server.get(), kSocketFd);
  Answer("ready");
  server->Wait();
  return 0;
}

}  // namespace salesmetrics
