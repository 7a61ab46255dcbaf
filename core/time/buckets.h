// Cutting a period into the buckets of a series, in a time zone, with
// quarters and years starting on the fiscal year start month.
#ifndef SALESMETRICS_CORE_TIME_BUCKETS_H_
#define SALESMETRICS_CORE_TIME_BUCKETS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace salesmetrics {

enum class Granularity { kNone, kDay, kWeek, kMonth, kQuarter, kYear };

// A half-open span of time [start, end) as the SQL of a metric sees it: the
// instants, and the dates whose local midnight falls inside it (a DATE
// column value d stands for d 00:00 in the request's time zone).
struct TimeWindow {
  std::string label;  // the bucket label; empty for the whole period
  absl::Time start;
  absl::Time end;
  // Dates d with start <= midnight(d) < end are exactly start_date <= d < end_date.
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  // The last date d with midnight(d) <= end: a date range [a, b) lies inside
  // the window when a >= start_date and b <= max_end_date.
  absl::CivilDay max_end_date;
};

TimeWindow MakeTimeWindow(absl::Time start, absl::Time end, absl::TimeZone zone, std::string label = "");

// The buckets of [start, end), clipped to it, in order. Fails with
// InvalidArgument when there would be more than `max_buckets`.
absl::StatusOr<std::vector<TimeWindow>> SplitIntoBuckets(absl::Time start, absl::Time end,
                                                         Granularity granularity, absl::TimeZone zone,
                                                         int fiscal_year_start_month, int max_buckets);

// The label of the bucket starting on `first_day` (the first day of a
// calendar or fiscal unit): 2024-03-05, 2024-W10, 2024-03, 2024-Q1, 2024,
// or FY2025-Q1 and FY2025 when the fiscal year starts after January (a
// fiscal year is named by the calendar year it ends in).
std::string BucketLabel(Granularity granularity, absl::CivilDay first_day, int fiscal_year_start_month);

// The first day of the calendar or fiscal unit that contains `day`.
absl::CivilDay UnitStart(Granularity granularity, absl::CivilDay day, int fiscal_year_start_month);
// The first day of the unit after the one starting on `unit_start`.
absl::CivilDay NextUnitStart(Granularity granularity, absl::CivilDay unit_start);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_TIME_BUCKETS_H_
