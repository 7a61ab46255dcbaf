// The macros the host expands in a metric's SQL, where the answer's shape
// decides what they become.
#include "core/engine/metric_sql.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace salesmetrics {
namespace {

constexpr char kSql[] =
    "WITH {{buckets}} SELECT b.bucket, {{group_key(opportunity, o)}} AS group_key, COUNT(*) AS n "
    "FROM buckets b JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at "
    "{{group_join(opportunity, o)}} WHERE 1 = 1{{filters(opportunity, o)}} {{group_by_cell(b.bucket, group_key)}}";

// kSql expanded for `buckets` windows, grouped by `group_by`, on `backend`.
std::string Expanded(Backend backend, int buckets, const std::string& group_by = "") {
  const std::vector<TimeWindow> windows(buckets, TimeWindow{});
  const std::vector<DimensionFilter> filters;
  absl::StatusOr<BoundSql> bound =
      PrepareSql(kSql, SqlScope{&windows, &filters, group_by, absl::UnixEpoch(), {}}, Dialect(backend), {});
  EXPECT_TRUE(bound.ok()) << bound.status();
  return bound.ok() ? bound->text : "";
}

TEST(GroupByCellTest, SqliteAggregatesOneCellWithoutGrouping) {
  EXPECT_TRUE(absl::EndsWith(Expanded(Backend::kSqlite, 1), " HAVING COUNT(*) > 0"));
  EXPECT_TRUE(absl::EndsWith(Expanded(Backend::kSqlite, 3), " GROUP BY b.bucket, group_key"));
  EXPECT_TRUE(absl::EndsWith(Expanded(Backend::kSqlite, 1, "region"), " GROUP BY b.bucket, group_key"));
}

TEST(GroupByCellTest, PostgresqlAlwaysGroups) {
  EXPECT_TRUE(absl::EndsWith(Expanded(Backend::kPostgres, 1), " GROUP BY b.bucket, group_key"));
}

}  // namespace
}  // namespace salesmetrics
