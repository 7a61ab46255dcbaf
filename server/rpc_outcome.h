// What every RPC handler does around its work: the deadline it honours,
// its request id, and one log line per request with the rpc, its subject,
// caller, tenant, status and duration (the audit line: it starts with
// "audit " when callers authenticate).
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

// The request id of a call: its client's `x-request-id` when that is 1 to
// 64 letters, digits, '.', '_', ':' or '-'; else a new random one.
std::string RequestIdOf(const grpc::ServerContextBase& context);

// What the log line of a call says besides its status.
struct CallRecord {
  absl::string_view rpc;      // "ComputeMetric"
  absl::string_view subject;  // a metric id, or "-"
  absl::string_view caller;   // its name, or "-" before it is known
  absl::string_view tenant;
  absl::string_view request_id;
  absl::Time started;
  bool audit = false;  // callers authenticate: the line is an audit line
};

// Logs the call and returns the status its client gets. That is `status`,
// but for what only the server should know: a status's log detail
// (core/util/status_detail.h) is logged and not sent, and an INTERNAL,
// UNKNOWN or DATA_LOSS error's message is replaced by one that names the
// request id, under which the log line carries the real message.
grpc::Status FinishRpc(const CallRecord& record, const absl::Status& status);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_RPC_OUTCOME_H_
