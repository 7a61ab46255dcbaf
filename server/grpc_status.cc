#include "server/grpc_status.h"

#include "core/util/field_errors.h"
#include "core/util/quote.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace salesmetrics {
namespace {

// Messages are built from bounded parts; this only guards the trailers'
// size should one ever grow.
constexpr size_t kMaxMessageBytes = 2048;

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message =
      status.message().size() <= kMaxMessageBytes ? std::string(status.message())
                                                  : EscapeForLog(status.message(), kMaxMessageBytes);
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  if (std::optional<google::rpc::BadRequest> bad_request = BadRequestOf(status)) {
    details.add_details()->PackFrom(*bad_request);
  }
  google::rpc::ErrorInfo info;
  info.set_domain("salesmetrics.v1");
  info.set_reason(absl::StatusCodeToString(status.code()));
  details.add_details()->PackFrom(info);
  return grpc::Status(code, message, details.SerializeAsString());
}

std::optional<absl::Status> FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) return std::nullopt;
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (any.UnpackTo(&bad_request)) out.SetPayload(kBadRequestTypeUrl, absl::Cord(bad_request.SerializeAsString()));
  }
  return out;
}

}  // namespace salesmetrics
