// The period a dashboard compares with (kpis.md, sales_briefing): when P is
// exactly one calendar month, quarter or year (quarters and years per the
// fiscal year start month) in the time zone, the one before it; otherwise P
// shifted back by its duration.
#ifndef SALESMETRICS_CORE_TIME_PREVIOUS_PERIOD_H_
#define SALESMETRICS_CORE_TIME_PREVIOUS_PERIOD_H_

#include "absl/time/time.h"
#include "core/time/buckets.h"

namespace salesmetrics {

TimeWindow PreviousPeriod(const TimeWindow& period, absl::TimeZone zone, int fiscal_year_start_month);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_TIME_PREVIOUS_PERIOD_H_
