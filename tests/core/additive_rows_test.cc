// The cells of an additive query added up, as the host does for a query
// written with {{additive_buckets}}: over the buckets for the whole period,
// over the group keys for the ungrouped answer.
#include "core/engine/additive_rows.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <tuple>
#include <vector>

namespace salesmetrics {
namespace {

using Row = std::tuple<int64_t, std::string, int64_t, bool>;  // bucket, key ("" for none), n, whether n is NULL

constexpr char kCells[] =
    "SELECT 1, 'west', 3 UNION ALL SELECT 2, 'west', 4 UNION ALL SELECT 1, 'east', 5 "
    "UNION ALL SELECT 2, NULL, 7 UNION ALL SELECT 3, NULL, 1";

// Reads the cells `sql` gives (bucket, group_key, n) and derives a pass's rows.
std::vector<Row> Derived(const std::string& sql, bool by_group, bool add_whole_period) {
  soci::session session(soci::sqlite3, ":memory:");
  ResultCursor cursor(session, BoundSql{sql, {}}, "iti");
  AdditiveRows read(3);
  EXPECT_TRUE(read.ReadAll(cursor).ok());
  AdditiveRows pass(3);
  EXPECT_TRUE(pass.Derive(read, by_group, add_whole_period).ok());
  std::vector<Row> rows;
  while (pass.Next()) {
    EXPECT_EQ(pass.IsNull(1), pass.Text(1).empty());
    rows.emplace_back(pass.Int64(0), pass.Text(1), pass.Int64(2), pass.IsNull(2));
  }
  EXPECT_FALSE(pass.Next());
  return rows;
}

TEST(AdditiveRowsTest, GivesTheCellsAsReadByGroup) {
  EXPECT_EQ(Derived(kCells, /*by_group=*/true, /*add_whole_period=*/false),
            (std::vector<Row>{{1, "east", 5, false}, {1, "west", 3, false}, {2, "", 7, false},
                              {2, "west", 4, false}, {3, "", 1, false}}));
}

TEST(AdditiveRowsTest, AddsEachGroupsBucketsUpToTheWholePeriod) {
  EXPECT_EQ(Derived(kCells, /*by_group=*/true, /*add_whole_period=*/true),
            (std::vector<Row>{{0, "", 8, false}, {0, "east", 5, false}, {0, "west", 7, false}, {1, "east", 5, false},
                              {1, "west", 3, false}, {2, "", 7, false}, {2, "west", 4, false}, {3, "", 1, false}}));
}

TEST(AdditiveRowsTest, AddsTheGroupsUpToEachBucketsTotal) {
  EXPECT_EQ(Derived(kCells, /*by_group=*/false, /*add_whole_period=*/false),
            (std::vector<Row>{{1, "", 8, false}, {2, "", 11, false}, {3, "", 1, false}}));
  EXPECT_EQ(Derived(kCells, /*by_group=*/false, /*add_whole_period=*/true),
            (std::vector<Row>{{0, "", 20, false}, {1, "", 8, false}, {2, "", 11, false}, {3, "", 1, false}}));
}

TEST(AdditiveRowsTest, GivesNoRowsWhenTheQueryGaveNone) {
  EXPECT_TRUE(Derived("SELECT 1, 'west', 3 WHERE 0", true, true).empty());
}

TEST(AdditiveRowsTest, AColumnNoCellGaveIsNull) {
  EXPECT_EQ(Derived("SELECT 1, 'west', NULL UNION ALL SELECT 2, 'west', NULL", true, true),
            (std::vector<Row>{{0, "west", 0, true}, {1, "west", 0, true}, {2, "west", 0, true}}));
  EXPECT_EQ(Derived("SELECT 1, 'west', NULL UNION ALL SELECT 2, 'west', 4", true, true),
            (std::vector<Row>{{0, "west", 4, false}, {1, "west", 0, true}, {2, "west", 4, false}}));
}

TEST(AdditiveRowsTest, RefusesASumThatOverflows) {
  soci::session session(soci::sqlite3, ":memory:");
  ResultCursor cursor(session, BoundSql{"SELECT 1, 'west', 9223372036854775807 UNION ALL SELECT 2, 'west', 1", {}},
                      "iti");
  AdditiveRows read(3);
  ASSERT_TRUE(read.ReadAll(cursor).ok());
  AdditiveRows pass(3);
  EXPECT_EQ(pass.Derive(read, /*by_group=*/true, /*add_whole_period=*/true).code(), absl::StatusCode::kOutOfRange);
}

TEST(AdditiveRowsTest, TakesOnlyBucketKeyAndIntegers) {
  EXPECT_TRUE(AdditiveRows::CheckColumnTypes("iti").ok());
  EXPECT_TRUE(AdditiveRows::CheckColumnTypes("itiiii").ok());
  EXPECT_FALSE(AdditiveRows::CheckColumnTypes("it").ok());
  EXPECT_FALSE(AdditiveRows::CheckColumnTypes("itid").ok());
  EXPECT_FALSE(AdditiveRows::CheckColumnTypes("itti").ok());
  EXPECT_FALSE(AdditiveRows::CheckColumnTypes("iit").ok());
}

}  // namespace
}  // namespace salesmetrics
