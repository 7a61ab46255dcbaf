// Describes a failed RPC for the terminal.
#ifndef SALESMETRICS_CLIENTS_CLI_RPC_ERROR_H_
#define SALESMETRICS_CLIENTS_CLI_RPC_ERROR_H_

#include <grpcpp/support/status.h>

#include <string>

namespace salesmetrics::cli {

// "INVALID_ARGUMENT: <message>", then one "\n  field: description" line per
// BadRequest field violation found in the status's google.rpc.Status details.
std::string DescribeRpcError(const grpc::Status& status);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_RPC_ERROR_H_
