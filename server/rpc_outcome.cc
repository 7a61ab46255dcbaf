#include "server/rpc_outcome.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "core/util/log.h"
#include "core/util/quote.h"
#include "core/util/status_detail.h"
#include "server/grpc_status.h"

namespace salesmetrics {
namespace {

// Enough of a message or detail to tell what happened (a database error
// comes with its whole statement).
constexpr size_t kMaxLoggedMessageBytes = 1024;

bool IsServerFault(absl::StatusCode code) {
  return code == absl::StatusCode::kInternal || code == absl::StatusCode::kUnknown ||
         code == absl::StatusCode::kDataLoss;
}

// "4711-3": the process and a count, enough to find the log line.
std::string NextIncident() {
  static std::atomic<int64_t> count{0};
  return absl::StrCat(getpid(), "-", ++count);
}

}  // namespace

absl::Time RequestDeadline(const grpc::ServerContextBase& context, absl::Time started,
                           absl::Duration max_request_time) {
  return std::min(absl::FromChrono(context.deadline()), started + max_request_time);
}

grpc::Status FinishRpc(absl::string_view rpc, absl::string_view subject, absl::Time started,
                       const absl::Status& status) {
  std::string record = absl::StrFormat("rpc=%s metric=%s status=%s duration_ms=%.1f", rpc, EscapedPrefix(subject),
                                       absl::StatusCodeToString(status.code()),
                                       absl::ToDoubleMilliseconds(absl::Now() - started));
  if (status.ok()) {
    LogInfo(record);
    return grpc::Status::OK;
  }
  absl::StrAppend(&record, " error=\"", EscapeForLog(status.message(), kMaxLoggedMessageBytes), "\"");
  if (const std::string detail = LogDetailOf(status); !detail.empty()) {
    absl::StrAppend(&record, " detail=\"", EscapeForLog(detail, kMaxLoggedMessageBytes), "\"");
  }
  if (!IsServerFault(status.code())) {
    LogInfo(record);
    return ToGrpcStatus(status);
  }
  const std::string incident = NextIncident();
  absl::StrAppend(&record, " incident=", incident);
  LogError(record);
  return ToGrpcStatus(absl::Status(
      status.code(), absl::StrCat("internal error, incident ", incident, "; the server log has the details")));
}

}  // namespace salesmetrics
