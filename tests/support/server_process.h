// Runs salesmetrics-server as a child process for end-to-end tests, on a
// free loopback port, and stops it with SIGTERM.
#ifndef SALESMETRICS_TESTS_SUPPORT_SERVER_PROCESS_H_
#define SALESMETRICS_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <grpcpp/security/credentials.h>
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace salesmetrics::testing {

class ServerProcess {
 public:
  // Starts the server with `args` plus --listen on a free port, and waits
  // until its health service answers SERVING to a client with
  // `credentials` (those of a TLS server).
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const std::string& binary, std::vector<std::string> args,
      std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials());
  ~ServerProcess();

  const std::string& address() const { return address_; }
  pid_t pid() const { return pid_; }
  // Everything the server wrote to stderr so far.
  std::string Log() const;
  // The server's resident memory (VmRSS), in KiB, and its open files.
  int64_t RssKib() const;
  int OpenFiles() const;
  // Whether GetMetric finds `metric`.
  bool Serves(const std::string& metric) const;
  // Whether Serves(metric) becomes `served` within ten seconds (after a reload).
  bool WaitUntilServed(const std::string& metric, bool served = true) const;
  // Sends `signal` to the server (SIGHUP: reload its metrics).
  void Signal(int signal);
  // Sends SIGTERM and returns the exit status (-1 if it had to be killed).
  int Stop();

 private:
  ServerProcess(pid_t pid, std::string address, std::string log_path,
                std::shared_ptr<grpc::ChannelCredentials> credentials)
      : pid_(pid), address_(std::move(address)), log_path_(std::move(log_path)), credentials_(std::move(credentials)) {}
  pid_t pid_;
  std::string address_;
  std::string log_path_;
  std::shared_ptr<grpc::ChannelCredentials> credentials_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreePort();

// A directory of the test's own holding the build's plugins, to which a
// test adds fixtures; removed with the object.
class PluginDirectory {
 public:
  PluginDirectory();
  ~PluginDirectory();
  PluginDirectory(const PluginDirectory&) = delete;
  PluginDirectory& operator=(const PluginDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Copies the plugin `file` in as `name`.
  void Add(const std::filesystem::path& file, const std::string& name);

 private:
  std::filesystem::path path_;
};

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_SUPPORT_SERVER_PROCESS_H_
