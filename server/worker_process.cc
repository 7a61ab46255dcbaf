#include "server/worker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
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

// The most bytes of a worker's configuration or control line: well under
// what a pipe holds, so that writing one never blocks.
constexpr size_t kMaxMessageBytes = 1 << 14;

absl::Status Errno(absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", strerrordesc_np(errno)));
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

// Runs in the child between fork and exec: async-signal-safe calls only.
// `fds` go to 0, 1, 3 and 4, in that order.
[[noreturn]] void BecomeWorker(const char* binary, char* const argv[], char* const envp[], int (&fds)[4],
                               int64_t memory_limit_bytes) {
  constexpr int kTargets[] = {0, 1, 3, 4};
  // Above every target first, so that none is overwritten before it is
  // copied and no dup2 meets itself (which would keep close-on-exec).
  for (int& fd : fds) {
    if ((fd = fcntl(fd, F_DUPFD, 10)) < 0) _exit(127);
  }
  for (int i = 0; i < 4; ++i) {
    if (dup2(fds[i], kTargets[i]) < 0) _exit(127);
  }
  close_range(5, ~0U, 0);  // nothing else of the server's crosses over
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);  // the server blocks its signals
  const rlimit limit{static_cast<rlim_t>(memory_limit_bytes), static_cast<rlim_t>(memory_limit_bytes)};
  if (kWorkerMemoryLimited && setrlimit(RLIMIT_AS, &limit) != 0) _exit(127);
  execve(binary, argv, envp);
  _exit(127);
}

std::string DescribeExit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int signal = WTERMSIG(wait_status);
    const char* name = sigdescr_np(signal);
    return absl::StrCat("signal ", signal, " (", name != nullptr ? name : "unknown", ")");
  }
  return absl::StrCat("exit code ", WEXITSTATUS(wait_status));
}

}  // namespace

absl::StatusOr<int> CopyIntoMemory(const std::string& path) {
  const int in = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return Errno("cannot open it");
  const int out = memfd_create("salesmetrics-plugin", MFD_CLOEXEC);
  if (out < 0) {
    close(in);
    return Errno("cannot copy it into memory");
  }
  char buffer[1 << 16];
  ssize_t got = 0;
  while ((got = read(in, buffer, sizeof(buffer))) > 0 || (got < 0 && errno == EINTR)) {
    if (got > 0 && !WriteAll(out, buffer, static_cast<size_t>(got))) break;
  }
  const bool complete = got == 0;
  close(in);
  if (!complete) {
    close(out);
    return Errno("cannot copy it into memory");
  }
  return out;
}

void SetNonBlocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

std::string KillAndReap(pid_t pid) {
  kill(pid, SIGKILL);
  return Reap(pid);
}

std::string Reap(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return DescribeExit(status);
}

absl::StatusOr<WorkerProcess> SpawnWorker(const std::string& binary, int64_t memory_limit_bytes, int plugin_fd,
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

  int child_fds[4] = {config_pipe[0], control_pipe[1], sockets[1], plugin_fd};
  const pid_t pid = fork();
  if (pid == 0) BecomeWorker(binary.c_str(), argv.data(), envp.data(), child_fds, memory_limit_bytes);
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
  // A configuration is a few hundred bytes, which the pipe holds: these do
  // not block. A worker that died at once is found by AwaitReady.
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

}  // namespace salesmetrics
