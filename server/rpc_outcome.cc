#include "server/rpc_outcome.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "core/util/log.h"
#include "server/grpc_status.h"

namespace salesmetrics {

absl::Time RequestDeadline(const grpc::ServerContext& context, absl::Duration max_request_time) {
  return std::min(absl::FromChrono(context.deadline()), absl::Now() + max_request_time);
}

grpc::Status FinishRpc(absl::string_view rpc, absl::string_view subject, absl::Time started,
                       const absl::Status& status) {
  LogInfo(absl::StrFormat("rpc=%s metric=%s status=%s duration_ms=%.1f%s", rpc, subject,
                          absl::StatusCodeToString(status.code()), absl::ToDoubleMilliseconds(absl::Now() - started),
                          status.ok() ? "" : absl::StrCat(" error=\"", status.message(), "\"")));
  return ToGrpcStatus(status);
}

}  // namespace salesmetrics
