// absl::Time as google.protobuf.Timestamp.
#ifndef SALESMETRICS_CORE_UTIL_PROTO_TIME_H_
#define SALESMETRICS_CORE_UTIL_PROTO_TIME_H_

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"

namespace salesmetrics {

google::protobuf::Timestamp ToProtoTimestamp(absl::Time t);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_UTIL_PROTO_TIME_H_
