// Conversions between absl::Time and google.protobuf.Timestamp.
#ifndef SALESMETRICS_CLIENTS_CLI_PROTO_TIME_H_
#define SALESMETRICS_CLIENTS_CLI_PROTO_TIME_H_

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"

namespace salesmetrics::cli {

google::protobuf::Timestamp ToProtoTimestamp(absl::Time time);
absl::Time FromProtoTimestamp(const google::protobuf::Timestamp& timestamp);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_PROTO_TIME_H_
