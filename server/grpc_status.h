// Maps absl::Status to grpc::Status and back, carrying google.rpc.Status
// details (BadRequest field violations) in the binary error details.
#ifndef SALESMETRICS_SERVER_GRPC_STATUS_H_
#define SALESMETRICS_SERVER_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include <optional>

#include "absl/status/status.h"

namespace salesmetrics {

grpc::Status ToGrpcStatus(const absl::Status& status);

// The status a salesmetrics server answered (a plugin worker's), with its
// field violations; nullopt for one without our details, which came from
// the transport rather than the server.
std::optional<absl::Status> FromGrpcStatus(const grpc::Status& status);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_GRPC_STATUS_H_
