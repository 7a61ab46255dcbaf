// Starting a plugin worker: this server's own binary in worker mode
// (server/plugin_worker.h), in a process of its own with an address-space
// limit, wired to the server by three file descriptors:
//
//   0  its standard input: the worker's configuration, then nothing; the
//      end of file tells the worker the server is gone
//   1  its standard output: one line, "ready" or "refused REASON"
//   3  one end of a socket pair that carries gRPC
//   4  the plugin, a copy in memory (kWorkerPluginPath)
//
// Its standard error is the server's, so its log records join the server's.
#ifndef SALESMETRICS_SERVER_WORKER_PROCESS_H_
#define SALESMETRICS_SERVER_WORKER_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace salesmetrics {

// Whether this is the AddressSanitizer build.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
inline constexpr bool kAddressSanitizer = __has_feature(address_sanitizer);
#else
inline constexpr bool kAddressSanitizer = false;
#endif
// Whether a worker's address space is limited. AddressSanitizer reserves
// terabytes of it for its shadow memory, so a sanitized worker could not
// start under any limit: the sanitizer build runs its workers without one.
inline constexpr bool kWorkerMemoryLimited = !kAddressSanitizer;

// Where a worker finds its plugin.
inline constexpr char kWorkerPluginPath[] = "/proc/self/fd/4";

struct WorkerProcess {
  pid_t pid = 0;
  int config_fd = -1;   // the write end of its standard input; closed when the worker goes
  int control_fd = -1;  // the read end of its standard output
  int socket_fd = -1;   // the server's end of the gRPC socket pair
};

// A copy of the file at `path` in memory, as a file descriptor (close-on-
// exec): what every worker of a plugin loads, whatever becomes of the file,
// and nothing left on disk however the server ends.
absl::StatusOr<int> CopyIntoMemory(const std::string& path);

// Starts `binary --plugin_worker` limited to `memory_limit_bytes` of
// address space (see kWorkerMemoryLimited), hands it `plugin_fd`, and
// writes `config` (a serialized PluginWorkerConfig, length-prefixed) to it.
absl::StatusOr<WorkerProcess> SpawnWorker(const std::string& binary, int64_t memory_limit_bytes, int plugin_fd,
                                          const std::string& config);

// Makes `fd` non-blocking: gRPC reads a socket handed to it that way, but
// does not make it so.
void SetNonBlocking(int fd);

// Reads the worker's one control line, waiting until `deadline`: OK for
// "ready"; FAILED_PRECONDITION with the reason for "refused REASON";
// DEADLINE_EXCEEDED when none came in time; UNAVAILABLE when the worker
// closed its output without one (it died).
absl::Status AwaitReady(int control_fd, absl::Time deadline);

// Reads the length-prefixed configuration the server wrote (worker side).
absl::StatusOr<std::string> ReadWorkerConfig(int fd);

// Kills the process `pid` and waits for its end; returns how it ended,
// "exit code 2" or "signal 11 (Segmentation fault)".
std::string KillAndReap(pid_t pid);
// Waits for the process `pid` to end and reaps it; returns how it ended.
std::string Reap(pid_t pid);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_WORKER_PROCESS_H_
