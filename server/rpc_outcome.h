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

// The client's deadline, but no later than `max_request_time` after the
// call arrived (`started`).
absl::Time RequestDeadline(const grpc::ServerContextBase& context, absl::Time started,
                           absl::Duration max_request_time);

// Logs the request and returns the status its client gets. That is
// `status`, but for what only the server should know: a status's log
// detail (core/util/status_detail.h) is logged and not sent, and an
// INTERNAL, UNKNOWN or DATA_LOSS error's message is replaced by an incident
// number that the log line carries with the message.
grpc::Status FinishRpc(absl::string_view rpc, absl::string_view subject, absl::Time started,
                       const absl::Status& status);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_RPC_OUTCOME_H_
