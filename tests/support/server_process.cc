#include "tests/support/server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"

extern char** environ;

namespace salesmetrics::testing {
namespace {

bool Serving(const std::string& address, const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
  auto channel = grpc::CreateChannel(address, credentials);
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(300));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  return stub->Check(&context, request, &response).ok() &&
         response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

}  // namespace

int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::string& binary, std::vector<std::string> args, std::shared_ptr<grpc::ChannelCredentials> credentials) {
  const std::string address = absl::StrCat("127.0.0.1:", FreePort());
  const std::string log_path =
      (std::filesystem::temp_directory_path() / absl::StrCat("server_", getpid(), "_", address.substr(10), ".log"))
          .string();
  args.insert(args.begin(), binary);
  args.push_back(absl::StrCat("--listen=", address));
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return absl::InternalError(absl::StrCat("cannot start ", binary));
  std::unique_ptr<ServerProcess> server(new ServerProcess(pid, address, log_path, credentials));

  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (!Serving(address, credentials)) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      server->pid_ = 0;
      return absl::InternalError(absl::StrCat("the server exited: ", server->Log()));
    }
    if (absl::Now() > deadline) return absl::DeadlineExceededError(absl::StrCat("the server never served: ", server->Log()));
    absl::SleepFor(absl::Milliseconds(50));
  }
  return server;
}

std::string ServerProcess::Log() const {
  std::ifstream in(log_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool ServerProcess::Serves(const std::string& metric) const {
  auto stub = salesmetrics::v1::MetricsService::NewStub(grpc::CreateChannel(address_, credentials_));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  salesmetrics::v1::GetMetricRequest request;
  request.set_name("metrics/" + metric);
  salesmetrics::v1::Metric response;
  return stub->GetMetric(&context, request, &response).ok();
}

bool ServerProcess::WaitUntilServed(const std::string& metric, bool served) const {
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (Serves(metric) == served) return true;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return false;
}

int64_t ServerProcess::RssKib() const {
  std::ifstream in(absl::StrCat("/proc/", pid_, "/status"));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return -1;
}

int ServerProcess::OpenFiles() const {
  std::error_code error;
  int count = 0;
  for (std::filesystem::directory_iterator it(absl::StrCat("/proc/", pid_, "/fd"), error), end; !error && it != end;
       it.increment(error)) {
    ++count;
  }
  return count;
}

void ServerProcess::Signal(int signal) {
  if (pid_ != 0) kill(pid_, signal);
}

int ServerProcess::Stop() {
  if (pid_ == 0) return -1;
  kill(pid_, SIGTERM);
  const absl::Time deadline = absl::Now() + absl::Seconds(15);
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (absl::Now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      pid_ = 0;
      return -1;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  pid_ = 0;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

PluginDirectory::PluginDirectory() {
  static std::atomic<int> count{0};
  path_ = std::filesystem::temp_directory_path() / absl::StrCat("test_plugins_", getpid(), "_", count++);
  std::filesystem::create_directories(path_);
  for (const auto& entry : std::filesystem::directory_iterator(SALESMETRICS_TEST_PLUGIN_DIR)) {
    Add(entry.path(), entry.path().filename().string());
  }
}

PluginDirectory::~PluginDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void PluginDirectory::Add(const std::filesystem::path& file, const std::string& name) {
  std::filesystem::copy_file(file, path_ / name, std::filesystem::copy_options::overwrite_existing);
}

ServerProcess::~ServerProcess() {
  Stop();
  std::filesystem::remove(log_path_);
}

}  // namespace salesmetrics::testing
