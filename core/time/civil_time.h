// Civil (local) times in a request's time zone, and the instants and dates
// they stand for (kpis.md, "Request context" and "Exact rules").
#ifndef SALESMETRICS_CORE_TIME_CIVIL_TIME_H_
#define SALESMETRICS_CORE_TIME_CIVIL_TIME_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace salesmetrics {

// The years the service works in. Every date and instant a request names is
// checked against them first, so no computation meets a time that Abseil
// saturates to infinity, and none can walk an unbounded span.
inline constexpr int kEarliestYear = 1900;
inline constexpr int kLatestYear = 2200;

// Whether `t` lies in [kEarliestYear-01-01T00:00:00Z, (kLatestYear+1)-01-01T00:00:00Z).
bool InSupportedRange(absl::Time t);
// "between 1900-01-01 and 2200-12-31", for error messages.
std::string SupportedRangeText();

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space
// may stand for the T), in the supported years.
absl::StatusOr<absl::CivilSecond> ParseCivilSecond(absl::string_view text);

// Parses an instant: RFC 3339 with an offset, or a civil date-time without
// one, which is UTC.
absl::StatusOr<absl::Time> ParseInstant(absl::string_view text);

// The instant a civil time stands for in `zone`. Local times that do not
// exist or repeat under daylight saving resolve to the earlier instant.
absl::Time ResolveCivil(absl::CivilSecond civil, absl::TimeZone zone);

// The first date whose local midnight is at or after `t`.
absl::CivilDay FirstDayStartingAtOrAfter(absl::Time t, absl::TimeZone zone);
// The last date whose local midnight is at or before `t`.
absl::CivilDay LastDayStartingAtOrBefore(absl::Time t, absl::TimeZone zone);

// "YYYY-MM-DD HH:MM:SS", with ".ffffff" only when there are fractional
// seconds: the canonical schema's timestamp text, in UTC.
std::string FormatSqlTimestamp(absl::Time t);
// "YYYY-MM-DD".
std::string FormatDate(absl::CivilDay day);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_TIME_CIVIL_TIME_H_
