#include "core/time/civil_time.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace salesmetrics {

absl::StatusOr<absl::CivilSecond> ParseCivilSecond(absl::string_view text) {
  const std::string normalized = absl::StrReplaceAll(text, {{" ", "T"}});
  absl::CivilSecond second;
  absl::CivilMinute minute;
  absl::CivilDay day;
  if (normalized.size() == 10 && absl::ParseCivilTime(normalized, &day)) return absl::CivilSecond(day);
  if (normalized.size() == 16 && absl::ParseCivilTime(normalized, &minute)) return absl::CivilSecond(minute);
  if (normalized.size() == 19 && absl::ParseCivilTime(normalized, &second)) return second;
  return absl::InvalidArgumentError(absl::StrFormat(
      "\"%s\" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS])", text));
}

absl::StatusOr<absl::Time> ParseInstant(absl::string_view text) {
  absl::Time t;
  std::string err;
  if (absl::ParseTime(absl::RFC3339_full, text, &t, &err)) return t;
  const absl::StatusOr<absl::CivilSecond> civil = ParseCivilSecond(text);
  if (civil.ok()) return absl::FromCivil(*civil, absl::UTCTimeZone());
  return absl::InvalidArgumentError(absl::StrFormat(
      "\"%s\" is not an instant (RFC 3339, or YYYY-MM-DD[THH:MM[:SS]] in UTC)", text));
}

absl::Time ResolveCivil(absl::CivilSecond civil, absl::TimeZone zone) {
  const absl::TimeZone::TimeInfo info = zone.At(civil);
  return std::min(info.pre, info.post);
}

absl::CivilDay FirstDayStartingAtOrAfter(absl::Time t, absl::TimeZone zone) {
  absl::CivilDay day(absl::ToCivilSecond(t, zone));
  while (ResolveCivil(day, zone) < t) ++day;
  while (ResolveCivil(day - 1, zone) >= t) --day;
  return day;
}

absl::CivilDay LastDayStartingAtOrBefore(absl::Time t, absl::TimeZone zone) {
  absl::CivilDay day(absl::ToCivilSecond(t, zone));
  while (ResolveCivil(day, zone) > t) --day;
  while (ResolveCivil(day + 1, zone) <= t) ++day;
  return day;
}

std::string FormatSqlTimestamp(absl::Time t) {
  const absl::Duration fraction = absl::UTCTimeZone().At(t).subsecond;
  return fraction == absl::ZeroDuration() ? absl::FormatTime("%Y-%m-%d %H:%M:%S", t, absl::UTCTimeZone())
                                          : absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

std::string FormatDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

}  // namespace salesmetrics
