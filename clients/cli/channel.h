// The channel to the server that ConnectionOptions describe: TLS or
// plaintext, and the bearer token as call credentials, so that every call on
// it, streams included, carries `authorization: Bearer <token>`.
#ifndef SALESMETRICS_CLIENTS_CLI_CHANNEL_H_
#define SALESMETRICS_CLIENTS_CLI_CHANNEL_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "clients/cli/connection_options.h"

namespace salesmetrics::cli {

// `target` is host:port. gRPC sends call credentials only over a secure
// transport: a token without TLS goes over gRPC's local credentials, which
// connect in plaintext to a loopback address only (any other fails the
// calls with UNAVAILABLE).
std::shared_ptr<grpc::Channel> OpenChannel(const std::string& target, const ConnectionOptions& options);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_CHANNEL_H_
