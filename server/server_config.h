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

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_SERVER_CONFIG_H_
