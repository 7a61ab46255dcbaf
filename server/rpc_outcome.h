// What every RPC handler does around its work: the deadline it honours,
// and one log line per request with the rpc, its subject, status and
// duration.
#ifndef SALESMETRICS_SERVER_RPC_OUTCOME_H_
#define SALESMETRICS_SERVER_RPC_OUTCOME_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace salesmetrics {

// The client's deadline, but no later than `max_request_time` from now.
absl::Time RequestDeadline(const grpc::ServerContext& context, absl::Duration max_request_time);

// Logs the request and returns its gRPC status.
grpc::Status FinishRpc(absl::string_view rpc, absl::string_view subject, absl::Time started,
                       const absl::Status& status);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_RPC_OUTCOME_H_
