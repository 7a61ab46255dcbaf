#include "server/isolated_plugin.h"

#include <grpcpp/create_channel_posix.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/util/log.h"
#include "core/util/quote.h"
#include "server/grpc_status.h"
#include "server/worker_process.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

// How long past a request's deadline a worker may take to answer before it
// counts as hung. The worker stops its own work at the deadline.
constexpr absl::Duration kHangGrace = absl::Seconds(1);
constexpr absl::Duration kFirstBackoff = absl::Milliseconds(100);
constexpr absl::Duration kMaxBackoff = absl::Seconds(30);
// A worker that ran this long before it ended restarts without waiting long.
constexpr absl::Duration kHealthyRun = absl::Seconds(60);
// More metrics than one plugin could mean to register.
constexpr int kMaxMetricsPerPlugin = 1000;

absl::Status Refused(absl::string_view reason) { return absl::FailedPreconditionError(reason); }

// Waits for the worker `pid` to end without reaping it: until reaped, its
// pid cannot be another process's.
void AwaitExit(pid_t pid) {
  siginfo_t info{};
  while (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
}

}  // namespace

absl::StatusOr<std::vector<std::shared_ptr<const RegisteredMetric>>> IsolatedPlugin::Open(
    const std::string& path, const std::function<bool(const std::string&)>& taken, const IsolationOptions& options) {
  absl::StatusOr<int> plugin_fd = CopyIntoMemory(path);
  if (!plugin_fd.ok()) return Refused(plugin_fd.status().message());
  std::shared_ptr<IsolatedPlugin> plugin(new IsolatedPlugin(path, *plugin_fd, options));
  absl::StatusOr<Worker> worker = plugin->Launch();
  if (!worker.ok()) return worker.status();

  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + options.init_timeout));
  v1::ListMetricsRequest request;
  request.set_page_size(kMaxMetricsPerPlugin);
  v1::ListMetricsResponse listed;
  const grpc::Status status = worker->stub->ListMetrics(&context, request, &listed);
  absl::Status refusal;
  if (!status.ok()) {
    refusal = Refused(absl::StrCat("its worker did not list its metrics: ", status.error_message()));
  } else if (!listed.next_page_token().empty()) {
    refusal = Refused(absl::StrCat("it registers more than ", kMaxMetricsPerPlugin, " metrics"));
  }
  std::vector<std::shared_ptr<const RegisteredMetric>> metrics;
  for (v1::Metric& info : *listed.mutable_metrics()) {
    if (taken(info.metric_id())) {
      refusal = absl::AlreadyExistsError(absl::StrCat("metric id ", Quote(info.metric_id()), " is already registered"));
    }
    info.set_plugin(path);
    metrics.push_back(std::make_shared<const RegisteredMetric>(std::move(info), plugin));
  }
  if (!refusal.ok()) {
    KillAndReap(worker->pid);
    close(worker->config_fd);
    return refusal;
  }
  {
    absl::MutexLock lock(&plugin->mu_);
    plugin->current_ = *std::move(worker);
  }
  plugin->supervisor_ = std::thread([plugin = plugin.get()] { plugin->Supervise(); });
  return metrics;
}

IsolatedPlugin::IsolatedPlugin(std::string path, int plugin_fd, IsolationOptions options)
    : path_(std::move(path)),
      name_(std::filesystem::path(path_).filename().string()),
      plugin_fd_(plugin_fd),
      options_(std::move(options)) {}

IsolatedPlugin::~IsolatedPlugin() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (current_.pid != 0) kill(current_.pid, SIGKILL);
  }
  if (supervisor_.joinable()) supervisor_.join();
  close(plugin_fd_);
}

absl::StatusOr<IsolatedPlugin::Worker> IsolatedPlugin::Launch() const {
  salesmetrics::server::PluginWorkerConfig config = options_.worker;
  config.set_plugin_path(kWorkerPluginPath);
  config.set_plugin_name(name_);
  absl::StatusOr<WorkerProcess> process =
      SpawnWorker(options_.server_binary, options_.memory_limit_bytes, plugin_fd_, config.SerializeAsString());
  if (!process.ok()) return Refused(absl::StrCat("cannot start its worker: ", process.status().message()));
  const absl::Status ready = AwaitReady(process->control_fd, absl::Now() + options_.init_timeout);
  close(process->control_fd);
  if (!ready.ok()) {
    const std::string ended = KillAndReap(process->pid);
    close(process->config_fd);
    close(process->socket_fd);
    if (absl::IsFailedPrecondition(ready)) return Refused(ready.message());
    if (absl::IsDeadlineExceeded(ready)) {
      return Refused(absl::StrCat("its init did not finish within ", absl::FormatDuration(options_.init_timeout)));
    }
    return Refused(absl::StrCat("its worker ended while loading it: ", ended));
  }
  SetNonBlocking(process->socket_fd);
  std::shared_ptr<grpc::Channel> channel = grpc::CreateInsecureChannelFromFd("isolated-plugin", process->socket_fd);
  return Worker{process->pid, process->config_fd, v1::MetricsService::NewStub(channel)};
}

void IsolatedPlugin::Supervise() {
  absl::Duration backoff = kFirstBackoff;
  for (;;) {
    pid_t pid = 0;  // never 0: Open and the restarts below set a worker first
    int config_fd = -1;
    {
      absl::MutexLock lock(&mu_);
      pid = current_.pid;
      config_fd = current_.config_fd;
    }
    const absl::Time started = absl::Now();
    AwaitExit(pid);
    {
      absl::MutexLock lock(&mu_);
      current_ = Worker();
    }
    const std::string ended = Reap(pid);
    close(config_fd);
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    if (absl::Now() - started >= kHealthyRun) backoff = kFirstBackoff;
    LogWarning(absl::StrCat("isolated plugin ", path_, ": its worker (pid ", pid, ") ended with ", ended,
                            "; restarting it in ", absl::FormatDuration(backoff)));
    for (;;) {
      {
        absl::MutexLock lock(&mu_);
        if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), backoff)) return;
      }
      backoff = std::min(backoff * 2, kMaxBackoff);
      absl::StatusOr<Worker> next = Launch();
      absl::MutexLock lock(&mu_);
      if (next.ok() && stopping_) {
        KillAndReap(next->pid);
        close(next->config_fd);
        return;
      }
      if (next.ok()) {
        current_ = *std::move(next);
        LogInfo(absl::StrCat("isolated plugin ", path_, ": its worker restarted (pid ", current_.pid, ")"));
        break;
      }
      LogWarning(absl::StrCat("isolated plugin ", path_, ": restarting failed: ", next.status().message(),
                              "; trying again in ", absl::FormatDuration(backoff)));
    }
  }
}

void IsolatedPlugin::Kill(pid_t pid) const {
  absl::MutexLock lock(&mu_);
  if (current_.pid == pid) kill(pid, SIGKILL);
}

absl::StatusOr<v1::ComputeMetricResponse> IsolatedPlugin::Compute(const v1::ComputeMetricRequest& request,
                                                                  absl::Time deadline) const {
  const int max_in_flight = options_.worker.max_concurrent_requests();
  if (in_flight_.fetch_add(1) >= max_in_flight) {
    --in_flight_;
    return absl::ResourceExhaustedError(absl::StrCat("the isolated plugin ", name_, " computes ", max_in_flight,
                                                     " requests at once, its limit; retry with backoff"));
  }
  struct Release {
    std::atomic<int>& count;
    ~Release() { --count; }
  } release{in_flight_};

  std::shared_ptr<v1::MetricsService::Stub> stub;
  pid_t pid = 0;
  {
    absl::MutexLock lock(&mu_);
    stub = current_.stub;
    pid = current_.pid;
  }
  if (stub == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("the isolated plugin ", name_, " is being restarted after a failure; retry shortly"));
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(deadline + kHangGrace));
  v1::ComputeMetricResponse response;
  const grpc::Status status = stub->ComputeMetric(&context, request, &response);
  if (status.ok()) return response;
  if (std::optional<absl::Status> answer = FromGrpcStatus(status)) return *answer;
  if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    LogWarning(absl::StrCat("isolated plugin ", path_, ": its worker (pid ", pid,
                            ") did not answer by the request's deadline; replacing it"));
    Kill(pid);
    return absl::DeadlineExceededError(
        absl::StrCat("the isolated plugin ", name_, " did not finish by the deadline; its worker was replaced"));
  }
  return absl::UnavailableError(
      absl::StrCat("the isolated plugin ", name_, " stopped while computing; it is being restarted, retry shortly"));
}

}  // namespace salesmetrics
