// The whole period added up from a series' bucket rows, as the host does
// for a query written with {{additive_buckets}}.
#include "core/engine/whole_period_sums.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <tuple>
#include <vector>

namespace salesmetrics {
namespace {

using Row = std::tuple<std::string, int64_t, bool>;  // group key ("" for none), sum, whether it is NULL

// Adds up the rows `sql` gives (bucket, group_key, n) and reads the whole
// period's rows back.
std::vector<Row> WholePeriodOf(const std::string& sql) {
  soci::session session(soci::sqlite3, ":memory:");
  ResultCursor cursor(session, BoundSql{sql, {}}, "iti");
  WholePeriodSums sums(3);
  while (cursor.Next()) EXPECT_TRUE(sums.Add(cursor).ok());
  std::vector<Row> rows;
  while (sums.Next()) {
    EXPECT_EQ(sums.Int64(0), 0);
    EXPECT_EQ(sums.IsNull(1), sums.Text(1).empty());
    rows.emplace_back(sums.Text(1), sums.Int64(2), sums.IsNull(2));
  }
  EXPECT_FALSE(sums.Next());
  return rows;
}

TEST(WholePeriodSumsTest, AddsUpEachGroupsBuckets) {
  EXPECT_EQ(WholePeriodOf("SELECT 1, 'west', 3 UNION ALL SELECT 2, 'west', 4 UNION ALL SELECT 1, 'east', 5 "
                          "UNION ALL SELECT 2, NULL, 7 UNION ALL SELECT 3, NULL, 1"),
            (std::vector<Row>{{"", 8, false}, {"east", 5, false}, {"west", 7, false}}));
}

TEST(WholePeriodSumsTest, GivesNoRowsWhenNoBucketHasOne) {
  EXPECT_TRUE(WholePeriodOf("SELECT 1, 'west', 3 WHERE 0").empty());
}

TEST(WholePeriodSumsTest, AColumnNoBucketGaveIsNull) {
  EXPECT_EQ(WholePeriodOf("SELECT 1, 'west', NULL UNION ALL SELECT 2, 'west', NULL"),
            (std::vector<Row>{{"west", 0, true}}));
  EXPECT_EQ(WholePeriodOf("SELECT 1, 'west', NULL UNION ALL SELECT 2, 'west', 4"),
            (std::vector<Row>{{"west", 4, false}}));
}

TEST(WholePeriodSumsTest, RefusesASumThatOverflows) {
  soci::session session(soci::sqlite3, ":memory:");
  ResultCursor cursor(session, BoundSql{"SELECT 1, 'west', 9223372036854775807 UNION ALL SELECT 2, 'west', 1", {}},
                      "iti");
  WholePeriodSums sums(3);
  ASSERT_TRUE(cursor.Next());
  EXPECT_TRUE(sums.Add(cursor).ok());
  ASSERT_TRUE(cursor.Next());
  EXPECT_EQ(sums.Add(cursor).code(), absl::StatusCode::kOutOfRange);
}

TEST(WholePeriodSumsTest, TakesOnlyBucketKeyAndIntegers) {
  EXPECT_TRUE(WholePeriodSums::CheckColumnTypes("iti").ok());
  EXPECT_TRUE(WholePeriodSums::CheckColumnTypes("itiiii").ok());
  EXPECT_FALSE(WholePeriodSums::CheckColumnTypes("it").ok());
  EXPECT_FALSE(WholePeriodSums::CheckColumnTypes("itid").ok());
  EXPECT_FALSE(WholePeriodSums::CheckColumnTypes("itti").ok());
  EXPECT_FALSE(WholePeriodSums::CheckColumnTypes("iit").ok());
}

}  // namespace
}  // namespace salesmetrics
