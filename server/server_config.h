// The server's settings: a text-format config file, overridden by flags.
#ifndef SALESMETRICS_SERVER_SERVER_CONFIG_H_
#define SALESMETRICS_SERVER_SERVER_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/server_config.pb.h"

namespace salesmetrics {

// Reads --config (if given), applies the flags given on the command line,
// fills in defaults and checks the result. `program_path` locates the
// default plugin directory next to the binary.
absl::StatusOr<salesmetrics::server::ServerConfig> LoadServerConfig(const std::string& program_path);

// Whether a listen address ("127.0.0.1:50051", "[::1]:0", "localhost:50051",
// "unix:/run/x.sock") only accepts clients of this machine.
bool IsLoopbackAddress(const std::string& address);

// Where AdminService listens: admin_listen_address, else listen_address when
// it is loopback; empty when AdminService is off.
std::string AdminListenAddress(const salesmetrics::server::ServerConfig& config);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_SERVER_CONFIG_H_
