// The demo data on a temporary SQLite file: the invariants of the canonical
// schema that the KPIs rely on, the variety they need, and determinism.
#include "server/admin/demo_data.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/db/connection_pool.h"
#include "core/db/database_url.h"
#include "core/db/schema.h"
#include "tests/support/test_database.h"

namespace salesmetrics {
namespace {

constexpr int32_t kOpportunities = 600;
constexpr uint64_t kSeed = 7;

// A fresh SQLite database with the canonical schema, and a session on it.
class DemoDatabase {
 public:
  DemoDatabase()
      : database_(testing::TestDatabase::Create(Backend::kSqlite).value()),
        session_(OpenSession(ParseDatabaseUrl(database_->url()).value(), /*read_only=*/false).value()) {}

  soci::session& session() { return *session_; }

  DemoDataSummary Generate(uint64_t seed, int32_t opportunities = kOpportunities) {
    const absl::StatusOr<DemoDataSummary> summary =
        GenerateDemoData(*session_, Backend::kSqlite, {.seed = seed, .opportunities = opportunities});
    EXPECT_TRUE(summary.ok()) << summary.status();
    return summary.value_or(DemoDataSummary{});
  }

  // The rows of `from` (a table, a join or a subquery) where `condition` holds.
  long long CountWhere(const std::string& from, const std::string& condition) {
    long long count = -1;
    *session_ << "SELECT COUNT(*) FROM " << from << " WHERE " << condition, soci::into(count);
    return count;
  }

  // Every table's rows as text, in a fixed order.
  std::map<std::string, std::string> Contents() {
    std::map<std::string, std::string> contents;
    for (const std::string& table : CanonicalTables()) {
      soci::rowset<std::string> names =
          (session_->prepare << "SELECT name FROM pragma_table_info('" << table << "') ORDER BY cid");
      std::vector<std::string> quoted;
      for (const std::string& name : names) quoted.push_back(absl::StrCat("quote(", name, ")"));
      soci::rowset<std::string> rows = (session_->prepare << "SELECT " << absl::StrJoin(quoted, " || '|' || ")
                                                          << " AS line FROM " << table << " ORDER BY line");
      contents[table] = absl::StrJoin(rows.begin(), rows.end(), "\n");
    }
    return contents;
  }

 private:
  std::unique_ptr<testing::TestDatabase> database_;
  std::unique_ptr<soci::session> session_;  // closed before the database goes
};

// One dataset shared by the tests that only read it.
class DemoDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new DemoDatabase();
    summary_ = db_->Generate(kSeed);
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }

  static long long CountWhere(const std::string& from, const std::string& condition) {
    return db_->CountWhere(from, condition);
  }

  static DemoDatabase* db_;
  static DemoDataSummary summary_;
};

DemoDatabase* DemoDataTest::db_ = nullptr;
DemoDataSummary DemoDataTest::summary_;

TEST_F(DemoDataTest, SummaryCountsTheRowsOfEveryTable) {
  EXPECT_EQ(summary_.opportunities, kOpportunities);
  const std::map<std::string, int64_t> expected = {{"teams", summary_.teams},
                                                   {"sales_reps", summary_.reps},
                                                   {"accounts", summary_.accounts},
                                                   {"leads", summary_.leads},
                                                   {"pipeline_stages", summary_.pipeline_stages},
                                                   {"opportunities", summary_.opportunities},
                                                   {"opportunity_stage_history", summary_.stage_history},
                                                   {"opportunity_competitors", summary_.competitors},
                                                   {"tasks", summary_.tasks},
                                                   {"expenses", summary_.expenses},
                                                   {"payments", summary_.payments},
                                                   {"targets", summary_.targets}};
  for (const auto& [table, rows] : expected) {
    EXPECT_EQ(CountWhere(table, "TRUE"), rows) << table;
    EXPECT_GT(rows, 0) << table;
    EXPECT_NE(summary_.ToString().find(absl::StrCat(rows, " ", table)), std::string::npos) << summary_.ToString();
  }
}

// A set of rows, named for failure messages.
struct Rows {
  const char* what;
  const char* from;  // a table, a join or a subquery
  const char* where;
};

// What the KPIs rely on: none of these rows may exist.
constexpr Rows kBrokenInvariants[] = {
    {"closed_at set but not won or lost, or the other way round", "opportunities",
     "(status IN ('won', 'lost')) <> (closed_at IS NOT NULL)"},
    {"lost reason on a deal that is not lost", "opportunities", "status <> 'lost' AND lost_reason IS NOT NULL"},
    {"deal in an unknown stage", "opportunities", "stage_id NOT IN (SELECT id FROM pipeline_stages)"},
    {"history in an unknown stage", "opportunity_stage_history", "stage_id NOT IN (SELECT id FROM pipeline_stages)"},
    {"task in an unknown stage", "tasks", "stage_id IS NOT NULL AND stage_id NOT IN (SELECT id FROM pipeline_stages)"},
    {"open deal without exactly one open history row", "opportunities o",
     "status = 'open' AND (SELECT COUNT(*) FROM opportunity_stage_history h "
     "WHERE h.opportunity_id = o.id AND h.exited_at IS NULL) <> 1"},
    {"open history row of a closed deal", "opportunity_stage_history h JOIN opportunities o ON o.id = h.opportunity_id",
     "o.status <> 'open' AND h.exited_at IS NULL"},
    {"closed deal whose last history row does not end at closed_at", "opportunities o",
     "status <> 'open' AND closed_at IS NOT (SELECT exited_at FROM opportunity_stage_history h "
     "WHERE h.opportunity_id = o.id ORDER BY entered_at DESC LIMIT 1)"},
    {"deal whose stage is not that of its last history row", "opportunities o",
     "stage_id IS NOT (SELECT stage_id FROM opportunity_stage_history h "
     "WHERE h.opportunity_id = o.id ORDER BY entered_at DESC LIMIT 1)"},
    {"history row that ends before it starts", "opportunity_stage_history", "exited_at <= entered_at"},
    {"deal with more than three competitors",
     "(SELECT COUNT(*) AS n FROM opportunity_competitors GROUP BY opportunity_id)", "n > 3"},
    {"converted lead whose deal does not name it", "leads l LEFT JOIN opportunities o ON o.id = l.opportunity_id",
     "l.opportunity_id IS NOT NULL AND o.lead_id IS NOT l.id"},
    {"deal whose lead does not name it", "opportunities o LEFT JOIN leads l ON l.id = o.lead_id",
     "o.lead_id IS NOT NULL AND l.opportunity_id IS NOT o.id"},
    {"payment on a deal not won, or before it closed", "payments p JOIN opportunities o ON o.id = p.opportunity_id",
     "o.status <> 'won' OR p.received_at < o.closed_at"},
    {"target that is not a calendar quarter", "targets",
     "date(period_start, '+3 months') <> period_end OR "
     "strftime('%m-%d', period_start) NOT IN ('01-01', '04-01', '07-01', '10-01')"},
};

// What the metrics need to show something: each set must have rows.
constexpr Rows kRequiredVariety[] = {
    {"open deals", "opportunities", "status = 'open'"},
    {"won deals", "opportunities", "status = 'won'"},
    {"lost deals", "opportunities", "status = 'lost'"},
    {"lost deals without a reason", "opportunities", "status = 'lost' AND lost_reason IS NULL"},
    {"lost deals with reason 'unspecified'", "opportunities", "status = 'lost' AND lost_reason = 'unspecified'"},
    {"deals that skip a stage",
     "(SELECT COUNT(DISTINCT s.id) AS visited, MAX(s.position) - MIN(s.position) + 1 AS span "
     "FROM opportunity_stage_history h JOIN pipeline_stages s ON s.id = h.stage_id GROUP BY h.opportunity_id)",
     "visited < span"},
    {"deals that revisit a stage",
     "(SELECT COUNT(*) AS visits FROM opportunity_stage_history GROUP BY opportunity_id, stage_id)", "visits > 1"},
    {"deals without competitors", "opportunities", "id NOT IN (SELECT opportunity_id FROM opportunity_competitors)"},
    {"deals with three competitors", "(SELECT COUNT(*) AS n FROM opportunity_competitors GROUP BY opportunity_id)",
     "n = 3"},
    {"key deals", "opportunities", "is_key = 1"},
    {"tasks done on time", "tasks", "completed_at <= due_at"},
    {"tasks done late", "tasks", "completed_at > due_at"},
    {"tasks not done", "tasks", "completed_at IS NULL"},
    {"tasks without a stage", "tasks", "stage_id IS NULL"},
    {"leads that are not MQLs", "leads", "mql_at IS NULL"},
    {"MQLs that are not SQLs", "leads", "mql_at IS NOT NULL AND sql_at IS NULL"},
    {"SQLs", "leads", "sql_at IS NOT NULL"},
    {"SQLs accepted before they became MQLs", "leads", "sql_at < mql_at"},
    {"disqualified leads", "leads", "disqualified_at IS NOT NULL"},
    {"converted leads", "leads", "opportunity_id IS NOT NULL"},
    {"reps who left", "sales_reps", "left_at IS NOT NULL"},
    {"reps hired during the data", "sales_reps", "hired_at > (SELECT MIN(created_at) FROM opportunities)"},
    {"customers who won deals in two quarters",
     "(SELECT COUNT(DISTINCT substr(closed_at, 1, 4) || ((CAST(substr(closed_at, 6, 2) AS INTEGER) + 2) / 3)) "
     "AS quarters FROM opportunities WHERE status = 'won' GROUP BY account_id)",
     "quarters >= 2"},
    {"refunds", "payments", "amount_minor < 0"},
    {"payments without a deal", "payments", "opportunity_id IS NULL"},
    {"marketing expenses by channel", "expenses", "category = 'marketing' AND channel IS NOT NULL"},
    {"sales expenses", "expenses", "category = 'sales' AND channel IS NULL"},
    {"company sales targets", "targets", "scope = 'company' AND metric = 'total_sales'"},
    {"company MQL targets", "targets", "scope = 'company' AND metric = 'mql_count'"},
    {"team sales targets", "targets", "scope = 'team' AND scope_id IN (SELECT id FROM teams)"},
    {"rep sales targets", "targets", "scope = 'rep' AND scope_id IN (SELECT id FROM sales_reps)"},
};

TEST_F(DemoDataTest, InvariantsHold) {
  for (const Rows& rows : kBrokenInvariants) EXPECT_EQ(CountWhere(rows.from, rows.where), 0) << rows.what;
}

TEST_F(DemoDataTest, HasTheVarietyTheMetricsNeed) {
  for (const Rows& rows : kRequiredVariety) EXPECT_GT(CountWhere(rows.from, rows.where), 0) << rows.what;
}

TEST_F(DemoDataTest, NothingHappensAfterTheEndDate) {
  const std::string end = absl::StrCat("'", absl::FormatCivilTime(DemoDataOptions().end_date), "'");
  const std::pair<const char*, const char*> columns[] = {{"opportunities", "created_at"},
                                                         {"opportunities", "closed_at"},
                                                         {"leads", "created_at"},
                                                         {"leads", "mql_at"},
                                                         {"leads", "sql_at"},
                                                         {"leads", "disqualified_at"},
                                                         {"opportunity_stage_history", "exited_at"},
                                                         {"tasks", "created_at"},
                                                         {"tasks", "completed_at"},
                                                         {"payments", "received_at"},
                                                         {"expenses", "incurred_on"}};
  for (const auto& [table, column] : columns) {
    EXPECT_EQ(CountWhere(table, absl::StrCat(column, " >= ", end)), 0) << table << "." << column;
  }
}

TEST(DemoDataDeterminismTest, TheSameSeedGivesTheSameRows) {
  DemoDatabase first;
  DemoDatabase second;
  first.Generate(kSeed);
  second.Generate(kSeed);
  const std::map<std::string, std::string> first_contents = first.Contents();
  const std::map<std::string, std::string> second_contents = second.Contents();
  for (const auto& [table, rows] : first_contents) {
    EXPECT_TRUE(rows == second_contents.at(table)) << table << " differs";
  }
}

TEST(DemoDataDeterminismTest, AnotherSeedGivesOtherRows) {
  DemoDatabase first;
  DemoDatabase second;
  first.Generate(kSeed);
  second.Generate(kSeed + 1);
  const std::map<std::string, std::string> first_contents = first.Contents();
  const std::map<std::string, std::string> second_contents = second.Contents();
  EXPECT_FALSE(first_contents.at("opportunities") == second_contents.at("opportunities"));
  EXPECT_FALSE(first_contents.at("leads") == second_contents.at("leads"));
}

TEST(DemoDataOptionsTest, RefusesNoOpportunities) {
  DemoDatabase db;
  const absl::StatusOr<DemoDataSummary> summary =
      GenerateDemoData(db.session(), Backend::kSqlite, {.opportunities = 0});
  EXPECT_EQ(summary.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(db.CountWhere("opportunities", "TRUE"), 0);
}

}  // namespace
}  // namespace salesmetrics
