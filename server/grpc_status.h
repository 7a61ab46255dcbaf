// Maps absl::Status to grpc::Status, carrying google.rpc.Status details
// (BadRequest field violations) in the binary error details.
#ifndef SALESMETRICS_SERVER_GRPC_STATUS_H_
#define SALESMETRICS_SERVER_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace salesmetrics {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_GRPC_STATUS_H_
