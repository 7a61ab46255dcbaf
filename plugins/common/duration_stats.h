// Count, mean, median and 90th percentile of durations, in SQL that gives
// the same numbers on SQLite and PostgreSQL: the percentiles interpolate
// linearly exactly as PostgreSQL's percentile_cont (kpis.md §8), in exact
// tenths of a second. Shared by sales_cycle_days and stage_dwell.
#ifndef SALESMETRICS_PLUGINS_COMMON_DURATION_STATS_H_
#define SALESMETRICS_PLUGINS_COMMON_DURATION_STATS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "salesmetrics/sdk.h"

namespace salesmetrics::duration_stats {

namespace sdk = salesmetrics::sdk;

namespace internal {

// The buckets and `samples` as the CTE duration_samples(bucket, part, seconds).
inline std::string WithSamples(std::string_view samples) {
  return "WITH {{buckets}},\nduration_samples (bucket, part, seconds) AS (" + std::string(samples) + ")\n";
}

}  // namespace internal

// The statistics of the durations that `samples` selects: a SELECT of
// (bucket, part, seconds) rows, seconds being whole seconds, which may use
// the buckets CTE. The query returns one row per bucket and part with
// those columns: bucket, part, sample_count, total_seconds, median_tenths,
// p90_tenths (the percentiles in tenths of a second, as the host's
// {{duration_stats}} computes them on each engine).
inline std::string StatsSql(std::string_view samples) {
  return internal::WithSamples(samples) + "{{duration_stats(duration_samples)}}\n";
}

// The count and the total of the durations `samples` selects (as StatsSql
// takes them), without the percentiles' sort: what a mean needs. One row
// per bucket and part: bucket, part, sample_count, total_seconds.
inline std::string CountAndTotalSql(std::string_view samples) {
  return internal::WithSamples(samples) + R"sql(
SELECT bucket, part, COUNT(*) AS sample_count, SUM(seconds) AS total_seconds
FROM duration_samples
GROUP BY bucket, part
)sql";
}

struct DurationStats {
  int64_t count = 0;
  int64_t total_seconds = 0;
  int64_t median_tenths = 0;  // tenths of a second
  int64_t p90_tenths = 0;
};

// Reads the rows of a StatsSql query into `stats`, each at the cell of its
// bucket with its part as the group.
inline void ReadStats(sdk::Request& request, const std::string& stats_sql, sdk::CellMap<DurationStats>& stats) {
  for (const auto& [bucket, part, count, total, median, p90] :
       request.Query<int64_t, sdk::GroupKey, int64_t, int64_t, int64_t, int64_t>(stats_sql)) {
    stats[{bucket, part}] = {count, total, median, p90};
  }
}

constexpr double kSecondsPerDay = 86400;

// The mean, the median and the 90th percentile in days; absent with
// `reason` when there are no durations.
inline sdk::Value MeanDays(const DurationStats& s, const std::string& reason) {
  return s.count == 0 ? sdk::Absent(reason)
                      : sdk::Days(static_cast<double>(s.total_seconds) / static_cast<double>(s.count) / kSecondsPerDay);
}
inline sdk::Value MedianDays(const DurationStats& s, const std::string& reason) {
  return s.count == 0 ? sdk::Absent(reason) : sdk::Days(static_cast<double>(s.median_tenths) / 10 / kSecondsPerDay);
}
inline sdk::Value P90Days(const DurationStats& s, const std::string& reason) {
  return s.count == 0 ? sdk::Absent(reason) : sdk::Days(static_cast<double>(s.p90_tenths) / 10 / kSecondsPerDay);
}

}  // namespace salesmetrics::duration_stats

#endif  // SALESMETRICS_PLUGINS_COMMON_DURATION_STATS_H_
