// Starting a plugin worker: this server's own binary in worker mode
// (server/plugin_worker.h), in a process of its own with an address-space
// limit, wired to the server by three file descriptors:
//
//   0  its standard input: the worker's configuration, then nothing; the
//      end of file tells the worker the server is gone
//   1  its standard output: one line, "ready" or "refused REASON"
//   3  one end of a socket pair that carries gRPC
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

struct WorkerProcess {
  pid_t pid = 0;
  int config_fd = -1;   // the write end of its standard input; closed when the worker goes
  int control_fd = -1;  // the read end of its standard output
  int socket_fd = -1;   // the server's end of the gRPC socket pair
};

// Starts `binary --plugin_worker` limited to `memory_limit_bytes` of
// address space and writes `config` (a serialized PluginWorkerConfig,
// length-prefixed) to it.
absl::StatusOr<WorkerProcess> SpawnWorker(const std::string& binary, int64_t memory_limit_bytes,
                                          const std::string& config);

// Reads the worker's one control line, waiting until `deadline`: OK for
// "ready"; FAILED_PRECONDITION with the reason for "refused REASON";
// DEADLINE_EXCEEDED when none came in time; UNAVAILABLE when the worker
// closed its output without one (it died).
absl::Status AwaitReady(int control_fd, absl::Time deadline);

// Reads the length-prefixed configuration the server wrote (worker side).
absl::StatusOr<std::string> ReadWorkerConfig(int fd);

// How a process that waitpid reported ended: "exit code 2", "signal 11 (Segmentation fault)".
std::string DescribeExit(int wait_status);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_WORKER_PROCESS_H_
