#include "core/time/civil_time.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "core/util/quote.h"

namespace salesmetrics {
namespace {

// A zone's offset changes by less than a day at a time, so the local date
// of an instant is at most this many days from the one sought below.
constexpr int kMaxDayAdjustment = 3;

std::optional<absl::CivilSecond> ParseCivilForm(const std::string& normalized) {
  absl::CivilSecond second;
  absl::CivilMinute minute;
  absl::CivilDay day;
  if (normalized.size() == 10 && absl::ParseCivilTime(normalized, &day)) return absl::CivilSecond(day);
  if (normalized.size() == 16 && absl::ParseCivilTime(normalized, &minute)) return absl::CivilSecond(minute);
  if (normalized.size() == 19 && absl::ParseCivilTime(normalized, &second)) return second;
  return std::nullopt;
}

// Abseil maps an infinite time to the first or last representable civil
// day, a step beyond which overflows: such a day is its own answer.
bool IsInfinite(absl::Time t) { return t == absl::InfinitePast() || t == absl::InfiniteFuture(); }

}  // namespace

bool InSupportedRange(absl::Time t) {
  static const absl::Time kEarliest = absl::FromCivil(absl::CivilYear(kEarliestYear), absl::UTCTimeZone());
  static const absl::Time kEnd = absl::FromCivil(absl::CivilYear(kLatestYear + 1), absl::UTCTimeZone());
  return t >= kEarliest && t < kEnd;
}

std::string SupportedRangeText() {
  return absl::StrFormat("between %d-01-01 and %d-12-31", kEarliestYear, kLatestYear);
}

absl::StatusOr<absl::CivilSecond> ParseCivilSecond(absl::string_view text) {
  const std::optional<absl::CivilSecond> civil =
      text.size() <= 19 ? ParseCivilForm(absl::StrReplaceAll(text, {{" ", "T"}})) : std::nullopt;
  if (!civil) {
    return absl::InvalidArgumentError(
        absl::StrCat(Quote(text), " is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS])"));
  }
  if (civil->year() < kEarliestYear || civil->year() > kLatestYear) {
    return absl::InvalidArgumentError(absl::StrCat(Quote(text), " is out of range: dates must lie ",
                                                   SupportedRangeText()));
  }
  return *civil;
}

absl::StatusOr<absl::Time> ParseInstant(absl::string_view text) {
  absl::Time t;
  std::string err;
  if (text.size() <= 64 && absl::ParseTime(absl::RFC3339_full, text, &t, &err)) {
    if (InSupportedRange(t)) return t;
    return absl::InvalidArgumentError(absl::StrCat(Quote(text), " is out of range: instants must lie ",
                                                   SupportedRangeText()));
  }
  const absl::StatusOr<absl::CivilSecond> civil = ParseCivilSecond(text);
  if (civil.ok()) return absl::FromCivil(*civil, absl::UTCTimeZone());
  return absl::InvalidArgumentError(
      absl::StrCat(Quote(text), " is not an instant (RFC 3339, or YYYY-MM-DD[THH:MM[:SS]] in UTC)"));
}

absl::Time ResolveCivil(absl::CivilSecond civil, absl::TimeZone zone) {
  const absl::TimeZone::TimeInfo info = zone.At(civil);
  return std::min(info.pre, info.post);
}

absl::CivilDay FirstDayStartingAtOrAfter(absl::Time t, absl::TimeZone zone) {
  absl::CivilDay day(absl::ToCivilSecond(t, zone));
  if (IsInfinite(t)) return day;
  for (int i = 0; i < kMaxDayAdjustment && ResolveCivil(day, zone) < t; ++i) ++day;
  for (int i = 0; i < kMaxDayAdjustment && ResolveCivil(day - 1, zone) >= t; ++i) --day;
  return day;
}

absl::CivilDay LastDayStartingAtOrBefore(absl::Time t, absl::TimeZone zone) {
  absl::CivilDay day(absl::ToCivilSecond(t, zone));
  if (IsInfinite(t)) return day;
  for (int i = 0; i < kMaxDayAdjustment && ResolveCivil(day, zone) > t; ++i) --day;
  for (int i = 0; i < kMaxDayAdjustment && ResolveCivil(day + 1, zone) <= t; ++i) ++day;
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
