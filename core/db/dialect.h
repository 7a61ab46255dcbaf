// What differs between the SQL of SQLite and PostgreSQL, in one place.
#ifndef SALESMETRICS_CORE_DB_DIALECT_H_
#define SALESMETRICS_CORE_DB_DIALECT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "core/db/database_url.h"

namespace salesmetrics {

// The SQL type of a bound value.
enum class SqlType { kInt64, kDouble, kText, kDate, kTimestamp };

class Dialect {
 public:
  explicit Dialect(Backend backend) : backend_(backend) {}
  Backend backend() const { return backend_; }

  // A placeholder for a parameter of the given type. PostgreSQL infers an
  // untyped parameter's type from its context, which fails in VALUES or
  // arithmetic, so dates and timestamps get an explicit CAST there. SQLite
  // compares them as text and must not CAST them (CAST(text AS TIMESTAMP)
  // keeps only the leading number).
  std::string Placeholder(absl::string_view name, SqlType type) const;

  // Whole seconds since the Unix epoch of a timestamp expression (UTC),
  // fractions dropped.
  std::string EpochSeconds(absl::string_view expr) const;

  // The suffix that orders text by code point, as COLLATE "C" does.
  std::string CollateC() const;

  // A SELECT of the statistics of the durations in the relation `samples`
  // (columns bucket, part, seconds; whole seconds), one row per bucket and
  // part: bucket, part, sample_count, total_seconds, median_tenths,
  // p90_tenths. The percentiles interpolate linearly as PostgreSQL's
  // percentile_cont does, in exact tenths of a second: at position
  // p = k(n-1)/10 of the n sorted values v, with lo = k(n-1) div 10 and
  // r = k(n-1) mod 10, v[lo] (10 - r) + v[lo+1] r.
  std::string DurationStats(absl::string_view samples) const;

 private:
  Backend backend_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DB_DIALECT_H_
