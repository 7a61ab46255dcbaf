#include "core/time/civil_time.h"

#include <gtest/gtest.h>

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
