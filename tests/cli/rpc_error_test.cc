#include "clients/cli/rpc_error.h"

#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace salesmetrics::cli {
namespace {

TEST(DescribeRpcErrorTest, NamesTheCodeAndTheMessage) {
  EXPECT_EQ(DescribeRpcError(grpc::Status(grpc::StatusCode::NOT_FOUND, "no metric \"x\" is loaded")),
            "NOT_FOUND: no metric \"x\" is loaded");
}

TEST(DescribeRpcErrorTest, NamesTheCodesOfAMissingCredentialAndOfACallerNotAllowed) {
  EXPECT_EQ(DescribeRpcError(grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "no credential")),
            "UNAUTHENTICATED: no credential");
  EXPECT_EQ(DescribeRpcError(grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "not allowed")),
            "PERMISSION_DENIED: not allowed");
}

TEST(DescribeRpcErrorTest, ListsTheFieldViolationsOfTheDetailsInsteadOfTheMessage) {
  google::rpc::BadRequest bad_request;
  auto* violation = bad_request.add_field_violations();
  violation->set_field("group_by");
  violation->set_description("is not a dimension of win_rate");
  violation = bad_request.add_field_violations();
  violation->set_field("period_end");
  violation->set_description("must be after period_start");
  google::rpc::ErrorInfo info;
  info.set_reason("INVALID_ARGUMENT");
  google::rpc::Status details;
  details.add_details()->PackFrom(info);
  details.add_details()->PackFrom(bad_request);

  const grpc::Status status(grpc::StatusCode::INVALID_ARGUMENT, "group_by: is not ...; period_end: must be ...",
                            details.SerializeAsString());
  EXPECT_EQ(DescribeRpcError(status),
            "INVALID_ARGUMENT\n"
            "  group_by: is not a dimension of win_rate\n"
            "  period_end: must be after period_start");
}

TEST(DescribeRpcErrorTest, IgnoresDetailsThatAreNotAStatus) {
  EXPECT_EQ(DescribeRpcError(grpc::Status(grpc::StatusCode::INTERNAL, "oops", "\xff\xff")), "INTERNAL: oops");
}

}  // namespace
}  // namespace salesmetrics::cli
