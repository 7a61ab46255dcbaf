// absl::Time as google.protobuf.Timestamp.
#ifndef SALESMETRICS_CORE_UTIL_PROTO_TIME_H_
#define SALESMETRICS_CORE_UTIL_PROTO_TIME_H_

#include <google/protobuf/timestamp.pb.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace salesmetrics {

google::protobuf::Timestamp ToProtoTimestamp(absl::Time t);

// The instant of a request's timestamp; InvalidArgument when it is not a
// valid timestamp or lies outside the supported years (core/time/civil_time.h).
absl::StatusOr<absl::Time> FromProtoTimestamp(const google::protobuf::Timestamp& t);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_UTIL_PROTO_TIME_H_
