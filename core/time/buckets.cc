#include "core/time/buckets.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "core/time/civil_time.h"

namespace salesmetrics {
namespace {

// Months from the fiscal year's first month to `month` (0..11).
int FiscalMonthIndex(int month, int fiscal_year_start_month) {
  return (month - fiscal_year_start_month + 12) % 12;
}

int IsoWeekYear(absl::CivilDay monday) { return static_cast<int>((monday + 3).year()); }

int IsoWeekNumber(absl::CivilDay monday) {
  const absl::CivilDay thursday = monday + 3;
  return (absl::GetYearDay(thursday) - 1) / 7 + 1;
}

}  // namespace

TimeWindow MakeTimeWindow(absl::Time start, absl::Time end, absl::TimeZone zone, std::string label) {
  return TimeWindow{std::move(label),
                    start,
                    end,
                    FirstDayStartingAtOrAfter(start, zone),
                    FirstDayStartingAtOrAfter(end, zone),
                    LastDayStartingAtOrBefore(end, zone)};
}

absl::CivilDay UnitStart(Granularity granularity, absl::CivilDay day, int fiscal_year_start_month) {
  const absl::CivilMonth month(day);
  switch (granularity) {
    case Granularity::kNone:
    case Granularity::kDay:
      return day;
    case Granularity::kWeek:
      return absl::PrevWeekday(day + 1, absl::Weekday::monday);
    case Granularity::kMonth:
      return absl::CivilDay(month);
    case Granularity::kQuarter:
      return absl::CivilDay(month - FiscalMonthIndex(month.month(), fiscal_year_start_month) % 3);
    case Granularity::kYear:
      return absl::CivilDay(month - FiscalMonthIndex(month.month(), fiscal_year_start_month));
  }
  return day;
}

absl::CivilDay NextUnitStart(Granularity granularity, absl::CivilDay unit_start) {
  const absl::CivilMonth month(unit_start);
  switch (granularity) {
    case Granularity::kNone:
    case Granularity::kDay:
      return unit_start + 1;
    case Granularity::kWeek:
      return unit_start + 7;
    case Granularity::kMonth:
      return absl::CivilDay(month + 1);
    case Granularity::kQuarter:
      return absl::CivilDay(month + 3);
    case Granularity::kYear:
      return absl::CivilDay(month + 12);
  }
  return unit_start + 1;
}

std::string BucketLabel(Granularity granularity, absl::CivilDay first_day, int fiscal_year_start_month) {
  const int month_index = FiscalMonthIndex(first_day.month(), fiscal_year_start_month);
  const bool fiscal = fiscal_year_start_month != 1;
  // A fiscal year is named by the calendar year it ends in.
  const int64_t fiscal_year = first_day.year() + (fiscal && first_day.month() >= fiscal_year_start_month ? 1 : 0);
  switch (granularity) {
    case Granularity::kNone:
    case Granularity::kDay:
      return FormatDate(first_day);
    case Granularity::kWeek:
      return absl::StrFormat("%04d-W%02d", IsoWeekYear(first_day), IsoWeekNumber(first_day));
    case Granularity::kMonth:
      return absl::StrFormat("%04d-%02d", first_day.year(), first_day.month());
    case Granularity::kQuarter:
      return fiscal ? absl::StrFormat("FY%04d-Q%d", fiscal_year, month_index / 3 + 1)
                    : absl::StrFormat("%04d-Q%d", first_day.year(), month_index / 3 + 1);
    case Granularity::kYear:
      return fiscal ? absl::StrFormat("FY%04d", fiscal_year) : absl::StrFormat("%04d", first_day.year());
  }
  return FormatDate(first_day);
}

absl::StatusOr<std::vector<TimeWindow>> SplitIntoBuckets(absl::Time start, absl::Time end,
                                                         Granularity granularity, absl::TimeZone zone,
                                                         int fiscal_year_start_month, int max_buckets) {
  std::vector<TimeWindow> buckets;
  absl::CivilDay unit =
      UnitStart(granularity, absl::CivilDay(absl::ToCivilSecond(start, zone)), fiscal_year_start_month);
  while (ResolveCivil(unit, zone) < end) {
    const absl::CivilDay next = NextUnitStart(granularity, unit);
    const absl::Time bucket_start = std::max(start, ResolveCivil(unit, zone));
    const absl::Time bucket_end = std::min(end, ResolveCivil(next, zone));
    if (bucket_start < bucket_end) {
      if (buckets.size() == static_cast<size_t>(max_buckets)) {
        return absl::InvalidArgumentError(
            absl::StrFormat("the period holds more than %d buckets of this granularity", max_buckets));
      }
      buckets.push_back(MakeTimeWindow(bucket_start, bucket_end, zone,
                                       BucketLabel(granularity, unit, fiscal_year_start_month)));
    }
    unit = next;
  }
  return buckets;
}

}  // namespace salesmetrics
