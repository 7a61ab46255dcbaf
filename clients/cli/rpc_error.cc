#include "clients/cli/rpc_error.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace salesmetrics::cli {

std::string DescribeRpcError(const grpc::Status& status) {
  // gRPC and Abseil share the canonical status codes, and only Abseil names them.
  const std::string code = absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
  std::string violations;
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const google::protobuf::Any& detail : details.details()) {
      google::rpc::BadRequest bad_request;
      if (!detail.UnpackTo(&bad_request)) continue;
      for (const auto& violation : bad_request.field_violations()) {
        absl::StrAppend(&violations, "\n  ", violation.field(), ": ", violation.description());
      }
    }
  }
  // The message repeats the field violations; list them once, one a line.
  return violations.empty() ? absl::StrCat(code, ": ", status.error_message()) : absl::StrCat(code, violations);
}

}  // namespace salesmetrics::cli
