#include "core/time/civil_time.h"

#include <gtest/gtest.h>

#include "core/time/buckets.h"

namespace salesmetrics {
namespace {

absl::TimeZone Zone(const char* name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone));
  return zone;
}

TEST(ParseCivilSecondTest, AcceptsDatesAndDateTimes) {
  EXPECT_EQ(*ParseCivilSecond("2024-03-05"), absl::CivilSecond(2024, 3, 5, 0, 0, 0));
  EXPECT_EQ(*ParseCivilSecond("2024-03-05T10:30"), absl::CivilSecond(2024, 3, 5, 10, 30, 0));
  EXPECT_EQ(*ParseCivilSecond("2024-03-05 10:30:15"), absl::CivilSecond(2024, 3, 5, 10, 30, 15));
  EXPECT_FALSE(ParseCivilSecond("2024-02-30").ok());
  EXPECT_FALSE(ParseCivilSecond("05/03/2024").ok());
  EXPECT_FALSE(ParseCivilSecond("").ok());
}

TEST(ParseCivilSecondTest, OnlyTheSupportedYears) {
  EXPECT_TRUE(ParseCivilSecond("1900-01-01").ok());
  EXPECT_TRUE(ParseCivilSecond("2200-12-31T23:59:59").ok());
  EXPECT_EQ(ParseCivilSecond("1899-12-31").status().message(),
            "\"1899-12-31\" is out of range: dates must lie between 1900-01-01 and 2200-12-31");
  EXPECT_FALSE(ParseCivilSecond("2201-01-01").ok());
  EXPECT_FALSE(ParseCivilSecond("-9999-01-01").ok());
  // Longer text is refused without being parsed, and quoted short.
  const std::string long_text(1000, '9');
  const std::string message(ParseCivilSecond(long_text).status().message());
  EXPECT_LT(message.size(), 200u);
  EXPECT_NE(message.find("(1000 bytes) is not a date"), std::string::npos) << message;
}

TEST(SupportedRangeTest, CoversExactlyTheYears) {
  EXPECT_TRUE(InSupportedRange(absl::FromCivil(absl::CivilSecond(1900, 1, 1, 0, 0, 0), absl::UTCTimeZone())));
  EXPECT_FALSE(InSupportedRange(absl::FromCivil(absl::CivilSecond(1899, 12, 31, 23, 59, 59), absl::UTCTimeZone())));
  EXPECT_TRUE(InSupportedRange(absl::FromCivil(absl::CivilSecond(2200, 12, 31, 23, 59, 59), absl::UTCTimeZone())));
  EXPECT_FALSE(InSupportedRange(absl::FromCivil(absl::CivilSecond(2201, 1, 1, 0, 0, 0), absl::UTCTimeZone())));
  EXPECT_FALSE(InSupportedRange(absl::InfiniteFuture()));
  EXPECT_FALSE(InSupportedRange(absl::InfinitePast()));
}

TEST(DayBoundariesTest, EndEvenAtInfiniteTimes) {
  // Once these looped forever: every step of an infinite time is infinite.
  const absl::TimeZone ny = Zone("America/New_York");
  (void)FirstDayStartingAtOrAfter(absl::InfiniteFuture(), ny);
  (void)LastDayStartingAtOrBefore(absl::InfinitePast(), ny);
  (void)MakeTimeWindow(absl::InfinitePast(), absl::InfiniteFuture(), ny);
  SUCCEED();
}

TEST(ParseInstantTest, WithoutAnOffsetItIsUtc) {
  EXPECT_EQ(*ParseInstant("2024-01-01T08:00:00+08:00"), absl::FromUnixSeconds(1704067200));
  EXPECT_EQ(*ParseInstant("2024-01-01T00:00:00Z"), absl::FromUnixSeconds(1704067200));
  EXPECT_EQ(*ParseInstant("2024-01-01"), absl::FromUnixSeconds(1704067200));
  EXPECT_FALSE(ParseInstant("yesterday").ok());
}

TEST(ResolveCivilTest, ConvertsLocalTimeToUtc) {
  // Midnight in Shanghai is 16:00 UTC the day before.
  EXPECT_EQ(ResolveCivil(absl::CivilSecond(2024, 1, 1, 0, 0, 0), Zone("Asia/Shanghai")),
            absl::FromUnixSeconds(1704067200 - 8 * 3600));
}

TEST(ResolveCivilTest, SkippedAndRepeatedTimesTakeTheEarlierInstant) {
  const absl::TimeZone ny = Zone("America/New_York");
  // 2024-03-10 02:30 does not exist (clocks jump 02:00 -> 03:00 EST->EDT).
  // Read with EDT it is 06:30Z, with EST 07:30Z: the earlier is 06:30Z.
  EXPECT_EQ(ResolveCivil(absl::CivilSecond(2024, 3, 10, 2, 30, 0), ny),
            absl::FromCivil(absl::CivilSecond(2024, 3, 10, 6, 30, 0), absl::UTCTimeZone()));
  // 2024-11-03 01:30 happens twice (EDT 05:30Z, then EST 06:30Z).
  EXPECT_EQ(ResolveCivil(absl::CivilSecond(2024, 11, 3, 1, 30, 0), ny),
            absl::FromCivil(absl::CivilSecond(2024, 11, 3, 5, 30, 0), absl::UTCTimeZone()));
}

TEST(DayBoundsTest, DatesWhoseMidnightFallsInAWindow) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  const absl::Time noon = absl::FromCivil(absl::CivilSecond(2024, 1, 10, 12, 0, 0), utc);
  const absl::Time midnight = absl::FromCivil(absl::CivilSecond(2024, 1, 10, 0, 0, 0), utc);
  EXPECT_EQ(FirstDayStartingAtOrAfter(noon, utc), absl::CivilDay(2024, 1, 11));
  EXPECT_EQ(FirstDayStartingAtOrAfter(midnight, utc), absl::CivilDay(2024, 1, 10));
  EXPECT_EQ(LastDayStartingAtOrBefore(noon, utc), absl::CivilDay(2024, 1, 10));
  EXPECT_EQ(LastDayStartingAtOrBefore(midnight, utc), absl::CivilDay(2024, 1, 10));
  // 2024-01-10 00:00Z is 08:00 in Shanghai: the next local midnight is the 11th.
  EXPECT_EQ(FirstDayStartingAtOrAfter(midnight, Zone("Asia/Shanghai")), absl::CivilDay(2024, 1, 11));
}

TEST(FormatTest, CanonicalSchemaText) {
  EXPECT_EQ(FormatSqlTimestamp(absl::FromUnixSeconds(1704067200)), "2024-01-01 00:00:00");
  EXPECT_EQ(FormatSqlTimestamp(absl::FromUnixSeconds(1704067200) + absl::Milliseconds(250)),
            "2024-01-01 00:00:00.250000");
  EXPECT_EQ(FormatDate(absl::CivilDay(2024, 2, 9)), "2024-02-09");
}

}  // namespace
}  // namespace salesmetrics
