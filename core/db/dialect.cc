#include "core/db/dialect.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace salesmetrics {

std::string Dialect::Placeholder(absl::string_view name, SqlType type) const {
  if (backend_ == Backend::kSqlite) return absl::StrCat(":", name);
  switch (type) {
    case SqlType::kInt64:
      return absl::StrCat("CAST(:", name, " AS BIGINT)");
    case SqlType::kDouble:
      return absl::StrCat("CAST(:", name, " AS DOUBLE PRECISION)");
    case SqlType::kText:
      return absl::StrCat("CAST(:", name, " AS TEXT)");
    case SqlType::kDate:
      return absl::StrCat("CAST(:", name, " AS DATE)");
    case SqlType::kTimestamp:
      return absl::StrCat("CAST(:", name, " AS TIMESTAMP)");
  }
  return absl::StrCat(":", name);
}

std::string Dialect::EpochSeconds(absl::string_view expr) const {
  // unixepoch (SQLite 3.38) is strftime('%s') as an integer, a fifth cheaper.
  if (backend_ == Backend::kSqlite) return absl::StrCat("unixepoch(", expr, ")");
  // FLOOR, as SQLite's unixepoch drops fractional seconds too.
  // date_part gives a double where EXTRACT gives a numeric, which costs
  // twice as much over many rows; a double holds a timestamp's microseconds
  // exactly enough for FLOOR until 2106.
  return absl::StrCat("CAST(FLOOR(date_part('epoch', ", expr, ")) AS BIGINT)");
}

namespace {

// SQLite has no percentile_cont: the k/10 percentile, in tenths, from each
// partition's ranks i (0-based) and size n, in integer arithmetic.
std::string RankedPercentileTenths(int k) {
  const std::string scaled = absl::StrCat("(", k, " * (n - 1))");
  return absl::StrCat("SUM(CASE WHEN i = ", scaled, " / 10 THEN seconds * (10 - ", scaled, " % 10)\n",
                      "                WHEN i = ", scaled, " / 10 + 1 THEN seconds * (", scaled, " % 10)\n",
                      "                ELSE 0 END)");
}

// percentile_cont(k/10) of whole seconds is v[lo] + (v[lo+1] - v[lo]) r/10;
// ten times that, rounded, is the exact integer above as long as the error
// of its fraction (computed in doubles, at most about n 2^-53) times the gap
// v[lo+1] - v[lo] times ten stays under one half: gap x n < 4.5e14, e.g. a
// million durations less than 14 years apart.
std::string PercentileContTenths(int k) {
  return absl::StrCat("CAST(ROUND(percentile_cont(", absl::StrFormat("%.1f", k / 10.0),
                      ") WITHIN GROUP (ORDER BY seconds) * 10) AS BIGINT)");
}

}  // namespace

std::string Dialect::DurationStats(absl::string_view samples) const {
  if (backend_ == Backend::kPostgres) {
    return absl::StrCat("SELECT bucket, part, COUNT(*) AS sample_count, SUM(seconds) AS total_seconds,\n       ",
                        PercentileContTenths(5), " AS median_tenths,\n       ", PercentileContTenths(9),
                        " AS p90_tenths\nFROM ", samples, "\nGROUP BY bucket, part");
  }
  return absl::StrCat(
      "SELECT bucket, part, COUNT(*) AS sample_count, SUM(seconds) AS total_seconds,\n       ",
      RankedPercentileTenths(5), " AS median_tenths,\n       ", RankedPercentileTenths(9), " AS p90_tenths\n",
      "FROM (SELECT bucket, part, seconds,\n",
      "             ROW_NUMBER() OVER (PARTITION BY bucket, part ORDER BY seconds) - 1 AS i,\n",
      "             COUNT(*) OVER (PARTITION BY bucket, part) AS n\n",
      "      FROM ", samples, ")\nGROUP BY bucket, part");
}

std::string Dialect::CollateC() const { return backend_ == Backend::kSqlite ? "" : " COLLATE \"C\""; }

}  // namespace salesmetrics
