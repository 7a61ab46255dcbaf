#include "core/util/proto_time.h"

#include "absl/strings/str_cat.h"
#include "core/time/civil_time.h"

namespace salesmetrics {

google::protobuf::Timestamp ToProtoTimestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t seconds = absl::ToUnixSeconds(t);
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return ts;
}

absl::StatusOr<absl::Time> FromProtoTimestamp(const google::protobuf::Timestamp& t) {
  if (t.nanos() < 0 || t.nanos() > 999999999) {
    return absl::InvalidArgumentError(absl::StrCat("nanos must be 0 to 999999999, not ", t.nanos()));
  }
  const absl::Time time = absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
  if (!InSupportedRange(time)) {
    return absl::InvalidArgumentError(absl::StrCat("is out of range (", t.seconds(), " s since 1970): it must lie ",
                                                   SupportedRangeText()));
  }
  return time;
}

}  // namespace salesmetrics
