// Runs salesmetrics-server as a child process for end-to-end tests, on a
// free loopback port, and stops it with SIGTERM.
#ifndef SALESMETRICS_TESTS_SUPPORT_SERVER_PROCESS_H_
#define SALESMETRICS_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace salesmetrics::testing {

class ServerProcess {
 public:
  // Starts the server with `args` plus --listen on a free port, and waits
  // until its health service answers SERVING.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(const std::string& binary,
                                                              std::vector<std::string> args);
  ~ServerProcess();

  const std::string& address() const { return address_; }
  // Everything the server wrote to stderr so far.
  std::string Log() const;
  // Whether GetMetric finds `metric`.
  bool Serves(const std::string& metric) const;
  // Whether Serves(metric) becomes `served` within ten seconds (after a reload).
  bool WaitUntilServed(const std::string& metric, bool served = true) const;
  // Sends `signal` to the server (SIGHUP: reload its metrics).
  void Signal(int signal);
  // Sends SIGTERM and returns the exit status (-1 if it had to be killed).
  int Stop();

 private:
  ServerProcess(pid_t pid, std::string address, std::string log_path)
      : pid_(pid), address_(std::move(address)), log_path_(std::move(log_path)) {}
  pid_t pid_;
  std::string address_;
  std::string log_path_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort();

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_SUPPORT_SERVER_PROCESS_H_
