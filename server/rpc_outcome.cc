#include "server/rpc_outcome.h"

#include <algorithm>

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "core/util/log.h"
#include "core/util/quote.h"
#include "core/util/status_detail.h"
#include "server/grpc_status.h"

namespace salesmetrics {
namespace {

// Enough of a message or detail to tell what happened.
constexpr size_t kMaxLoggedMessageBytes = 1024;

bool IsServerFault(absl::StatusCode code) {
  return code == absl::StatusCode::kInternal || code == absl::StatusCode::kUnknown ||
         code == absl::StatusCode::kDataLoss;
}

constexpr size_t kMaxRequestIdBytes = 64;

bool IsRequestId(absl::string_view id) {
  return !id.empty() && id.size() <= kMaxRequestIdBytes && std::all_of(id.begin(), id.end(), [](char c) {
           return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '-';
         });
}

}  // namespace

std::string RequestIdOf(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  if (const auto it = metadata.find("x-request-id"); it != metadata.end()) {
    const absl::string_view id(it->second.data(), it->second.size());
    if (IsRequestId(id)) return std::string(id);
  }
  static absl::Mutex mu(absl::kConstInit);
  static absl::BitGen* random ABSL_GUARDED_BY(mu) = new absl::BitGen();
  absl::MutexLock lock(&mu);
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(*random));
}

absl::Time RequestDeadline(const grpc::ServerContextBase& context, absl::Time started,
                           absl::Duration max_request_time) {
  return std::min(absl::FromChrono(context.deadline()), started + max_request_time);
}

grpc::Status FinishRpc(const CallRecord& call, const absl::Status& status) {
  std::string record = absl::StrFormat(
      "%srpc=%s metric=%s status=%s duration_ms=%.1f caller=%s tenant=%s request_id=%s", call.audit ? "audit " : "",
      call.rpc, EscapedPrefix(call.subject), absl::StatusCodeToString(status.code()),
      absl::ToDoubleMilliseconds(absl::Now() - call.started), call.caller, call.tenant, call.request_id);
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
  LogError(record);
  return ToGrpcStatus(absl::Status(
      status.code(),
      absl::StrCat("internal error, request id ", call.request_id, "; the server log has the details")));
}

}  // namespace salesmetrics
