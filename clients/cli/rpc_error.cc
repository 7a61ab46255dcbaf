#include "clients/cli/rpc_error.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace salesmetrics::cli {

std::string DescribeRpcError(const grpc::Status& status) {
  // gRPC and Abseil share the canonical status codes, and only Abseil names them.
  std::string text = absl::StrCat(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())), ": ",
                                  status.error_message());
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) return text;
  for (const google::protobuf::Any& detail : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      absl::StrAppend(&text, "\n  ", violation.field(), ": ", violation.description());
    }
  }
  return text;
}

}  // namespace salesmetrics::cli
