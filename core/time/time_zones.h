// IANA time zones by name, loaded once and cached.
//
// Only names of zones that exist are ever handed to Abseil, whose own cache
// keeps every name it is asked for, valid or not: asking it for unknown
// names from requests would grow memory without bound.
#ifndef SALESMETRICS_CORE_TIME_TIME_ZONES_H_
#define SALESMETRICS_CORE_TIME_TIME_ZONES_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace salesmetrics {

// The longest time zone name accepted (IANA names are at most 30 bytes).
inline constexpr size_t kMaxTimeZoneNameBytes = 64;

// The zone named `name` ("UTC" or an IANA name such as "Asia/Shanghai");
// InvalidArgument, with a message quoting at most a prefix of the name, when
// there is no such zone.
absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view name);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_TIME_TIME_ZONES_H_
