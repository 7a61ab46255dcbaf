#include "server/isolated_plugin.h"

#include <fcntl.h>
#include <grpcpp/create_channel_posix.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/util/log.h"
#include "core/util/quote.h"
#include "server/worker_process.h"

namespace salesmetrics {
namespace {

namespace fs = std::filesystem;
namespace v1 = salesmetrics::v1;

// How long past a request's deadline a worker may take to answer before it
// counts as hung. The worker stops its own work at the deadline.
constexpr absl::Duration kHangGrace = absl::Seconds(1);
constexpr absl::Duration kFirstBackoff = absl::Milliseconds(100);
constexpr absl::Duration kMaxBackoff = absl::Seconds(30);
// A worker that ran this long before it ended restarts without waiting long.
constexpr absl::Duration kHealthyRun = absl::Seconds(60);

absl::Status Refused(const std::string& reason) { return absl::FailedPreconditionError(reason); }

// A private directory (0700) holding a copy of the plugin, so that every
// restart loads the version the server accepted, whatever happens to the
// file meanwhile.
absl::StatusOr<std::string> CopyToPrivateDirectory(const std::string& path) {
  std::error_code error;
  std::string dir = (fs::temp_directory_path(error) / "salesmetrics-isolated-XXXXXX").string();
  if (error || mkdtemp(dir.data()) == nullptr) return Refused("cannot be copied for its worker: no private directory");
  if (!fs::copy_file(path, fs::path(dir) / "plugin.so", error)) {
    fs::remove_all(dir, error);
    return Refused(absl::StrCat("cannot be copied for its worker: ", error.message()));
  }
  return dir;
}

void Reap(pid_t pid) {
  kill(pid, SIGKILL);
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

// The worker's answer, or why there was none: every answer of the worker
// carries our error details; a status without them comes from the
// transport (the worker died).
bool IsWorkerAnswer(const grpc::Status& status) { return !status.error_details().empty(); }

}  // namespace

absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> IsolatedPlugin::Open(
    const std::string& path, const std::function<bool(const std::string&)>& taken, const IsolationOptions& options) {
  absl::StatusOr<std::string> dir = CopyToPrivateDirectory(path);
  if (!dir.ok()) return dir.status();
  std::shared_ptr<IsolatedPlugin> plugin(new IsolatedPlugin(path, *dir, options));
  absl::StatusOr<Worker> worker = plugin->Launch();
  if (!worker.ok()) return worker.status();

  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + options.init_timeout));
  v1::ListMetricsRequest request;
  request.set_page_size(1000);
  v1::ListMetricsResponse listed;
  const grpc::Status status = worker->stub->ListMetrics(&context, request, &listed);
  std::vector<std::shared_ptr<const RegisteredMetric>> metrics;
  absl::Status refusal = status.ok() ? absl::OkStatus() : Refused(absl::StrCat("its worker did not list its metrics: ",
                                                                              status.error_message()));
  for (v1::Metric& info : *listed.mutable_metrics()) {
    if (taken(info.metric_id())) {
      refusal = absl::AlreadyExistsError(absl::StrCat("metric id ", Quote(info.metric_id()), " is already registered"));
    }
    info.set_plugin(path);
    metrics.push_back(std::make_shared<const RegisteredMetric>(std::move(info), plugin));
  }
  if (!refusal.ok()) {
    Reap(worker->pid);
    close(worker->config_fd);
    return refusal;
  }
  plugin->supervisor_ = std::thread([plugin = plugin.get(), first = *std::move(worker)] { plugin->Supervise(first); });
  return metrics;
}

IsolatedPlugin::IsolatedPlugin(std::string path, std::string copy_dir, IsolationOptions options)
    : path_(std::move(path)), copy_dir_(std::move(copy_dir)), options_(std::move(options)) {}

IsolatedPlugin::~IsolatedPlugin() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (current_.pid != 0) kill(current_.pid, SIGKILL);
  }
  if (supervisor_.joinable()) supervisor_.join();
  std::error_code ignored;
  fs::remove_all(copy_dir_, ignored);
}

absl::StatusOr<IsolatedPlugin::Worker> IsolatedPlugin::Launch() const {
  salesmetrics::server::PluginWorkerConfig config = options_.worker;
  config.set_plugin_path((fs::path(copy_dir_) / "plugin.so").string());
  config.set_plugin_name(fs::path(path_).filename().string());
  absl::StatusOr<WorkerProcess> process =
      SpawnWorker(options_.server_binary, options_.memory_limit_bytes, config.SerializeAsString());
  if (!process.ok()) return Refused(absl::StrCat("cannot start its worker: ", process.status().message()));
  const absl::Status ready = AwaitReady(process->control_fd, absl::Now() + options_.init_timeout);
  close(process->control_fd);
  if (!ready.ok()) {
    int status = 0;
    kill(process->pid, SIGKILL);
    while (waitpid(process->pid, &status, 0) < 0 && errno == EINTR) {
    }
    close(process->config_fd);
    close(process->socket_fd);
    if (absl::IsFailedPrecondition(ready)) return Refused(std::string(ready.message()));
    if (absl::IsDeadlineExceeded(ready)) {
      return Refused(absl::StrCat("its init did not finish within ", absl::FormatDuration(options_.init_timeout)));
    }
    return Refused(absl::StrCat("its worker ended while loading it: ", DescribeExit(status)));
  }
  // gRPC reads the socket as a non-blocking one, but does not make it so.
  fcntl(process->socket_fd, F_SETFL, fcntl(process->socket_fd, F_GETFL) | O_NONBLOCK);
  std::shared_ptr<grpc::Channel> channel = grpc::CreateInsecureChannelFromFd("isolated-plugin", process->socket_fd);
  return Worker{process->pid, process->config_fd, v1::MetricsService::NewStub(channel)};
}

void IsolatedPlugin::Supervise(Worker worker) {
  {
    absl::MutexLock lock(&mu_);
    current_ = worker;
  }
  absl::Duration backoff = kFirstBackoff;
  for (;;) {
    const absl::Time started = absl::Now();
    int status = 0;
    while (waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
    }
    close(worker.config_fd);
    {
      absl::MutexLock lock(&mu_);
      current_ = Worker();
      if (stopping_) return;
    }
    if (absl::Now() - started >= kHealthyRun) backoff = kFirstBackoff;
    LogWarning(absl::StrCat("isolated plugin ", path_, ": its worker (pid ", worker.pid, ") ended with ",
                            DescribeExit(status), "; restarting it in ", absl::FormatDuration(backoff)));
    for (;;) {
      {
        absl::MutexLock lock(&mu_);
        if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), backoff)) return;
      }
      backoff = std::min(backoff * 2, kMaxBackoff);
      absl::StatusOr<Worker> next = Launch();
      if (next.ok()) {
        worker = *std::move(next);
        break;
      }
      LogWarning(absl::StrCat("isolated plugin ", path_, ": restarting failed: ", next.status().message(),
                              "; trying again in ", absl::FormatDuration(backoff)));
    }
    absl::MutexLock lock(&mu_);
    if (stopping_) {
      Reap(worker.pid);
      close(worker.config_fd);
      return;
    }
    current_ = worker;
    LogInfo(absl::StrCat("isolated plugin ", path_, ": its worker restarted (pid ", worker.pid, ")"));
  }
}

void IsolatedPlugin::Kill(pid_t pid) const {
  absl::MutexLock lock(&mu_);
  if (current_.pid == pid) kill(pid, SIGKILL);
}

absl::StatusOr<v1::ComputeMetricResponse> IsolatedPlugin::Compute(const v1::ComputeMetricRequest& request,
                                                                  absl::Time deadline) const {
  std::shared_ptr<v1::MetricsService::Stub> stub;
  pid_t pid = 0;
  {
    absl::MutexLock lock(&mu_);
    stub = current_.stub;
    pid = current_.pid;
  }
  const std::string plugin = fs::path(path_).filename().string();
  if (stub == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("the isolated plugin ", plugin, " is being restarted after a failure; retry shortly"));
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline + kHangGrace));
  v1::ComputeMetricResponse response;
  const grpc::Status status = stub->ComputeMetric(&context, request, &response);
  if (status.ok()) return response;
  if (IsWorkerAnswer(status)) return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    LogWarning(absl::StrCat("isolated plugin ", path_, ": its worker (pid ", pid,
                            ") did not answer by the request's deadline; replacing it"));
    Kill(pid);
    return absl::DeadlineExceededError(
        absl::StrCat("the isolated plugin ", plugin, " did not finish by the deadline; its worker was replaced"));
  }
  return absl::UnavailableError(
      absl::StrCat("the isolated plugin ", plugin, " stopped while computing; it is being restarted, retry shortly"));
}

}  // namespace salesmetrics
