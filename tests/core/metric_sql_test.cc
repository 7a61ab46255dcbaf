// The macros the host expands in a metric's SQL, where the answer's shape
// decides what they become.
#include "core/engine/metric_sql.h"

#include <gtest/gtest.h>

#include <optional>
#include <utility>

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

constexpr char kAdditiveSql[] =
    "WITH {{additive_buckets}} SELECT b.bucket, CAST(NULL AS TEXT) AS group_key, COUNT(*) AS n "
    "FROM buckets b JOIN leads l ON l.mql_at >= b.start_at AND l.mql_at < b.end_at GROUP BY b.bucket";

// kAdditiveSql for `buckets` windows: its text, and whether the whole period
// was left out (nullopt: the caller cannot add it up).
std::pair<std::string, std::optional<bool>> AdditiveExpanded(int buckets, bool caller_adds_up) {
  const std::vector<TimeWindow> windows(buckets, TimeWindow{});
  const std::vector<DimensionFilter> filters;
  AdditiveShape shape;
  absl::StatusOr<BoundSql> bound =
      PrepareSql(kAdditiveSql, SqlScope{&windows, &filters, "", absl::UnixEpoch(), {}}, Dialect(Backend::kSqlite), {},
                 caller_adds_up ? &shape : nullptr);
  EXPECT_TRUE(bound.ok()) << bound.status();
  if (!bound.ok()) return {"", std::nullopt};
  EXPECT_EQ(shape.additive, caller_adds_up);
  return {bound->text, caller_adds_up ? std::optional<bool>(shape.whole_period_left_out) : std::nullopt};
}

TEST(AdditiveBucketsTest, LeaveTheWholePeriodOfASeriesToTheCaller) {
  const auto [series, left_out] = AdditiveExpanded(3, /*caller_adds_up=*/true);
  EXPECT_EQ(left_out, true);
  EXPECT_FALSE(absl::StrContains(series, "(0, ")) << series;
  EXPECT_TRUE(absl::StrContains(series, "(1, ")) << series;
  EXPECT_TRUE(absl::StrContains(series, "(2, ")) << series;
}

TEST(AdditiveBucketsTest, KeepTheWholePeriodWithoutASeries) {
  const auto [one, left_out] = AdditiveExpanded(1, /*caller_adds_up=*/true);
  EXPECT_EQ(left_out, false);
  EXPECT_TRUE(absl::StrContains(one, "(0, ")) << one;
}

TEST(AdditiveBucketsTest, AreBucketsWhenTheCallerCannotAddUp) {
  const auto [series, left_out] = AdditiveExpanded(3, /*caller_adds_up=*/false);
  EXPECT_EQ(left_out, std::nullopt);
  EXPECT_TRUE(absl::StrContains(series, "(0, ")) << series;
  EXPECT_TRUE(absl::StrContains(series, "(2, ")) << series;
}

// kJoinSql expanded with these filters and group-by.
std::string JoinExpanded(const std::vector<DimensionFilter>& filters, const std::string& group_by = "") {
  constexpr char kJoinSql[] =
      "SELECT h.stage_id FROM opportunity_stage_history h {{join_for_filters(opportunity, o, h.opportunity_id)}} "
      "WHERE 1 = 1{{filters(opportunity, o)}}";
  const std::vector<TimeWindow> windows(1, TimeWindow{});
  absl::StatusOr<BoundSql> bound =
      PrepareSql(kJoinSql, SqlScope{&windows, &filters, group_by, absl::UnixEpoch(), {}}, Dialect(Backend::kSqlite), {});
  EXPECT_TRUE(bound.ok()) << bound.status();
  return bound.ok() ? bound->text : "";
}

TEST(JoinForFiltersTest, JoinsOnlyWhenTheRequestHasFiltersOrAGroupBy) {
  EXPECT_FALSE(absl::StrContains(JoinExpanded({}), "JOIN")) << JoinExpanded({});
  const std::string filtered = JoinExpanded({DimensionFilter{.dimension = "region", .values = {"west"}}});
  EXPECT_TRUE(absl::StrContains(filtered, "JOIN opportunities o ON o.id = h.opportunity_id")) << filtered;
  const std::string grouped = JoinExpanded({}, "region");
  EXPECT_TRUE(absl::StrContains(grouped, "JOIN opportunities o ON o.id = h.opportunity_id")) << grouped;
}

}  // namespace
}  // namespace salesmetrics
