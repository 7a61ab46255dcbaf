#include "core/time/previous_period.h"

#include <gtest/gtest.h>

#include "core/time/civil_time.h"

namespace salesmetrics {
namespace {

class PreviousPeriodTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(absl::LoadTimeZone("Asia/Shanghai", &shanghai_)); }

  // The previous period of [start, end), local dates, as "start..end".
  std::string Previous(const char* start, const char* end, int fiscal = 1) {
    const TimeWindow p = MakeTimeWindow(ResolveCivil(*ParseCivilSecond(start), shanghai_),
                                        ResolveCivil(*ParseCivilSecond(end), shanghai_), shanghai_);
    const TimeWindow previous = PreviousPeriod(p, shanghai_, fiscal);
    return FormatDate(absl::CivilDay(absl::ToCivilSecond(previous.start, shanghai_))) + ".." +
           FormatDate(absl::CivilDay(absl::ToCivilSecond(previous.end, shanghai_)));
  }

  absl::TimeZone shanghai_;
};

TEST_F(PreviousPeriodTest, AWholeMonthComparesWithTheMonthBefore) {
  // March (31 days) compares with February (29 days in 2024), not 31 days back.
  EXPECT_EQ(Previous("2024-03-01", "2024-04-01"), "2024-02-01..2024-03-01");
  EXPECT_EQ(Previous("2024-01-01", "2024-02-01"), "2023-12-01..2024-01-01");
}

TEST_F(PreviousPeriodTest, QuartersAndYearsFollowTheFiscalStart) {
  EXPECT_EQ(Previous("2024-04-01", "2024-07-01"), "2024-01-01..2024-04-01");
  EXPECT_EQ(Previous("2024-01-01", "2025-01-01"), "2023-01-01..2024-01-01");
  EXPECT_EQ(Previous("2024-04-01", "2025-04-01", 4), "2023-04-01..2024-04-01");
  // February-April is a fiscal quarter when the year starts in February...
  EXPECT_EQ(Previous("2024-02-01", "2024-05-01", 2), "2023-11-01..2024-02-01");
  // ... but only 90 days otherwise: shifted back by its duration.
  EXPECT_EQ(Previous("2024-02-01", "2024-05-01", 1), "2023-11-03..2024-02-01");
}

TEST_F(PreviousPeriodTest, AnyOtherPeriodShiftsBackByItsDuration) {
  EXPECT_EQ(Previous("2024-03-10", "2024-03-17"), "2024-03-03..2024-03-10");
  EXPECT_EQ(Previous("2024-03-01", "2024-03-31"), "2024-01-31..2024-03-01");
}

}  // namespace
}  // namespace salesmetrics
