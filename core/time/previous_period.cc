#include "core/time/previous_period.h"

#include "core/time/civil_time.h"

namespace salesmetrics {
namespace {

// The unit starting on `first_day` and `months` long, when it is exactly
// [start, end).
bool IsExactly(const TimeWindow& period, absl::CivilMonth first, int months, absl::TimeZone zone) {
  return ResolveCivil(absl::CivilDay(first), zone) == period.start &&
         ResolveCivil(absl::CivilDay(first + months), zone) == period.end;
}

}  // namespace

TimeWindow PreviousPeriod(const TimeWindow& period, absl::TimeZone zone, int fiscal_year_start_month) {
  const absl::CivilMonth first(absl::ToCivilSecond(period.start, zone));
  for (const auto& [granularity, months] : {std::pair{Granularity::kMonth, 1}, std::pair{Granularity::kQuarter, 3},
                                           std::pair{Granularity::kYear, 12}}) {
    const bool aligned = absl::CivilMonth(UnitStart(granularity, absl::CivilDay(first), fiscal_year_start_month)) == first;
    if (aligned && IsExactly(period, first, months, zone)) {
      return MakeTimeWindow(ResolveCivil(absl::CivilDay(first - months), zone), period.start, zone);
    }
  }
  return MakeTimeWindow(period.start - (period.end - period.start), period.start, zone);
}

}  // namespace salesmetrics
