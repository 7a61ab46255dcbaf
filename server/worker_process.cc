#include "server/worker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

extern char** environ;

namespace salesmetrics {
namespace {

// The most bytes of a worker's configuration or control line.
constexpr size_t kMaxMessageBytes = 1 << 16;

absl::Status Errno(absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t written = write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

bool ReadAll(int fd, char* data, size_t size) {
  while (size > 0) {
    const ssize_t got = read(fd, data, size);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    data += got;
    size -= static_cast<size_t>(got);
  }
  return true;
}

// Runs in the child between fork and exec: system calls only.
[[noreturn]] void BecomeWorker(const char* binary, char* const argv[], char* const envp[], int stdin_fd,
                               int stdout_fd, int socket_fd, int64_t memory_limit_bytes) {
  const rlimit limit{static_cast<rlim_t>(memory_limit_bytes), static_cast<rlim_t>(memory_limit_bytes)};
  if (setrlimit(RLIMIT_AS, &limit) != 0 || dup2(stdin_fd, 0) < 0 || dup2(stdout_fd, 1) < 0 ||
      dup2(socket_fd, 3) < 0) {
    _exit(127);
  }
  close_range(4, ~0U, 0);  // nothing else of the server's crosses over
  execve(binary, argv, envp);
  _exit(127);
}

}  // namespace

absl::StatusOr<WorkerProcess> SpawnWorker(const std::string& binary, int64_t memory_limit_bytes,
                                          const std::string& config) {
  if (config.size() > kMaxMessageBytes) return absl::InvalidArgumentError("the worker configuration is too long");
  int config_pipe[2], control_pipe[2], sockets[2];
  if (pipe2(config_pipe, O_CLOEXEC) != 0) return Errno("pipe");
  if (pipe2(control_pipe, O_CLOEXEC) != 0) {
    close(config_pipe[0]);
    close(config_pipe[1]);
    return Errno("pipe");
  }
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    for (int fd : {config_pipe[0], config_pipe[1], control_pipe[0], control_pipe[1]}) close(fd);
    return Errno("socketpair");
  }
  // Everything the child needs is made before fork: after it, in a
  // process with threads, only system calls are safe.
  std::string flag = "--plugin_worker";
  std::vector<char*> argv = {const_cast<char*>(binary.c_str()), flag.data(), nullptr};
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!absl::StartsWith(*e, "MALLOC_ARENA_MAX=")) environment.emplace_back(*e);
  }
  environment.emplace_back("MALLOC_ARENA_MAX=2");  // arenas reserve address space the limit counts
  std::vector<char*> envp;
  for (std::string& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);

  const pid_t pid = fork();
  if (pid == 0) {
    BecomeWorker(binary.c_str(), argv.data(), envp.data(), config_pipe[0], control_pipe[1], sockets[1],
                 memory_limit_bytes);
  }
  const int saved_errno = errno;
  close(config_pipe[0]);
  close(control_pipe[1]);
  close(sockets[1]);
  if (pid < 0) {
    close(config_pipe[1]);
    close(control_pipe[0]);
    close(sockets[0]);
    errno = saved_errno;
    return Errno("fork");
  }
  WorkerProcess worker{pid, config_pipe[1], control_pipe[0], sockets[0]};
  const uint32_t size = static_cast<uint32_t>(config.size());
  const char prefix[4] = {static_cast<char>(size), static_cast<char>(size >> 8), static_cast<char>(size >> 16),
                          static_cast<char>(size >> 24)};
  // The pipe holds far more than a configuration: these do not block. A
  // worker that died at once is found by AwaitReady.
  (void)(WriteAll(worker.config_fd, prefix, sizeof(prefix)) && WriteAll(worker.config_fd, config.data(), size));
  return worker;
}

absl::Status AwaitReady(int control_fd, absl::Time deadline) {
  std::string line;
  for (;;) {
    const int64_t ms = absl::ToInt64Milliseconds(deadline - absl::Now());
    if (ms <= 0) return absl::DeadlineExceededError("no answer in time");
    pollfd fd{control_fd, POLLIN, 0};
    const int ready = poll(&fd, 1, static_cast<int>(ms));
    if (ready < 0 && errno != EINTR) return Errno("poll");
    if (ready <= 0) continue;
    char buffer[512];
    const ssize_t got = read(control_fd, buffer, sizeof(buffer));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return absl::UnavailableError("the worker ended without an answer");
    line.append(buffer, static_cast<size_t>(got));
    const size_t end = line.find('\n');
    if (end == std::string::npos && line.size() < kMaxMessageBytes) continue;
    line.resize(std::min(end, line.size()));
    if (line == "ready") return absl::OkStatus();
    if (absl::StartsWith(line, "refused ")) return absl::FailedPreconditionError(line.substr(8));
    return absl::InternalError("the worker answered nonsense");
  }
}

absl::StatusOr<std::string> ReadWorkerConfig(int fd) {
  unsigned char prefix[4];
  if (!ReadAll(fd, reinterpret_cast<char*>(prefix), sizeof(prefix))) return Errno("reading the configuration");
  const size_t size = prefix[0] | prefix[1] << 8 | prefix[2] << 16 | static_cast<size_t>(prefix[3]) << 24;
  if (size > kMaxMessageBytes) return absl::InvalidArgumentError("the configuration is too long");
  std::string config(size, '\0');
  if (!ReadAll(fd, config.data(), size)) return Errno("reading the configuration");
  return config;
}

std::string DescribeExit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    return absl::StrCat("signal ", WTERMSIG(wait_status), " (", strsignal(WTERMSIG(wait_status)), ")");
  }
  return absl::StrCat("exit code ", WEXITSTATUS(wait_status));
}

}  // namespace salesmetrics
