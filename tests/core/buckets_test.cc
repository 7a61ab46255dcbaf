#include "core/time/buckets.h"

#include <gtest/gtest.h>

#include "core/time/civil_time.h"

namespace salesmetrics {
namespace {

absl::Time Utc(int y, int m, int d) { return absl::FromCivil(absl::CivilDay(y, m, d), absl::UTCTimeZone()); }

std::vector<std::string> Labels(const std::vector<TimeWindow>& buckets) {
  std::vector<std::string> labels;
  for (const auto& b : buckets) labels.push_back(b.label);
  return labels;
}

TEST(BucketLabelTest, CalendarAndFiscalLabels) {
  EXPECT_EQ(BucketLabel(Granularity::kDay, absl::CivilDay(2024, 3, 5), 1), "2024-03-05");
  EXPECT_EQ(BucketLabel(Granularity::kMonth, absl::CivilDay(2024, 3, 1), 1), "2024-03");
  EXPECT_EQ(BucketLabel(Granularity::kQuarter, absl::CivilDay(2024, 4, 1), 1), "2024-Q2");
  EXPECT_EQ(BucketLabel(Granularity::kYear, absl::CivilDay(2024, 1, 1), 1), "2024");
  // ISO weeks: 30 Dec 2024 starts 2025-W01; 1 Jan 2021 is in 2020-W53.
  EXPECT_EQ(BucketLabel(Granularity::kWeek, absl::CivilDay(2024, 12, 30), 1), "2025-W01");
  EXPECT_EQ(BucketLabel(Granularity::kWeek, absl::CivilDay(2020, 12, 28), 1), "2020-W53");
  // April start: April 2025 is in FY2026-Q1; March 2026 in FY2026-Q4.
  EXPECT_EQ(BucketLabel(Granularity::kQuarter, absl::CivilDay(2025, 4, 1), 4), "FY2026-Q1");
  EXPECT_EQ(BucketLabel(Granularity::kQuarter, absl::CivilDay(2026, 1, 1), 4), "FY2026-Q4");
  EXPECT_EQ(BucketLabel(Granularity::kYear, absl::CivilDay(2025, 4, 1), 4), "FY2026");
}

TEST(UnitStartTest, FindsTheUnitContainingADay) {
  EXPECT_EQ(UnitStart(Granularity::kWeek, absl::CivilDay(2024, 1, 7), 1), absl::CivilDay(2024, 1, 1));  // Sunday
  EXPECT_EQ(UnitStart(Granularity::kWeek, absl::CivilDay(2024, 1, 8), 1), absl::CivilDay(2024, 1, 8));  // Monday
  EXPECT_EQ(UnitStart(Granularity::kQuarter, absl::CivilDay(2024, 3, 31), 1), absl::CivilDay(2024, 1, 1));
  EXPECT_EQ(UnitStart(Granularity::kQuarter, absl::CivilDay(2024, 3, 31), 2), absl::CivilDay(2024, 2, 1));
  EXPECT_EQ(UnitStart(Granularity::kYear, absl::CivilDay(2024, 3, 31), 4), absl::CivilDay(2023, 4, 1));
}

TEST(SplitIntoBucketsTest, ClipsTheFirstAndLastBucketToThePeriod) {
  auto buckets =
      SplitIntoBuckets(Utc(2024, 1, 15), Utc(2024, 3, 10), Granularity::kMonth, absl::UTCTimeZone(), 1, 1000);
  ASSERT_TRUE(buckets.ok());
  EXPECT_EQ(Labels(*buckets), (std::vector<std::string>{"2024-01", "2024-02", "2024-03"}));
  EXPECT_EQ(buckets->front().start, Utc(2024, 1, 15));
  EXPECT_EQ(buckets->front().end, Utc(2024, 2, 1));
  EXPECT_EQ(buckets->back().end, Utc(2024, 3, 10));
}

TEST(SplitIntoBucketsTest, CutsInTheTimeZone) {
  absl::TimeZone shanghai;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Shanghai", &shanghai));
  const absl::Time start = ResolveCivil(absl::CivilSecond(2024, 1, 1, 0, 0, 0), shanghai);
  const absl::Time end = ResolveCivil(absl::CivilSecond(2024, 3, 1, 0, 0, 0), shanghai);
  auto buckets = SplitIntoBuckets(start, end, Granularity::kMonth, shanghai, 1, 1000);
  ASSERT_TRUE(buckets.ok());
  ASSERT_EQ(buckets->size(), 2u);
  EXPECT_EQ((*buckets)[1].start, Utc(2024, 1, 31) + absl::Hours(16));
  EXPECT_EQ((*buckets)[1].start_date, absl::CivilDay(2024, 2, 1));
  EXPECT_EQ((*buckets)[1].end_date, absl::CivilDay(2024, 3, 1));
}

TEST(SplitIntoBucketsTest, RefusesTooManyBuckets) {
  EXPECT_FALSE(
      SplitIntoBuckets(Utc(2000, 1, 1), Utc(2020, 1, 1), Granularity::kDay, absl::UTCTimeZone(), 1, 1000).ok());
}

TEST(MakeTimeWindowTest, DateBoundsForNonMidnightEnds) {
  // [10 Jan 00:00, 20 Jan 12:00): dates 10..20 have their midnight inside;
  // a date range ending on the 20th lies inside, one ending on the 21st not.
  const TimeWindow w = MakeTimeWindow(Utc(2024, 1, 10), Utc(2024, 1, 20) + absl::Hours(12), absl::UTCTimeZone());
  EXPECT_EQ(w.start_date, absl::CivilDay(2024, 1, 10));
  EXPECT_EQ(w.end_date, absl::CivilDay(2024, 1, 21));
  EXPECT_EQ(w.max_end_date, absl::CivilDay(2024, 1, 20));
}

}  // namespace
}  // namespace salesmetrics
