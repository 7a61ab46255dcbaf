// Read-only connections, bounded pool size, deadlines, and recovery from
// lost connections, on both backends.
#include "core/db/connection_pool.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "core/util/status_detail.h"
#include "core/query/result_cursor.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

class ConnectionPoolTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    pool_ = std::make_unique<ConnectionPool>(
        ConnectionPool::Options{.url = *ParseDatabaseUrl(db_->url()), .size = 2, .read_only = true});
  }

  // Runs a query returning one integer column; the status the engine
  // would report.
  absl::Status Query(ConnectionPool::Lease& lease, const std::string& sql) {
    try {
      ResultCursor cursor(lease.session(), BoundSql{sql, {}}, "i");
      while (cursor.Next()) {
      }
      return absl::OkStatus();
    } catch (const std::exception& e) {
      return lease.Fail(e);
    }
  }

  // Runs a statement that returns nothing.
  absl::Status Execute(ConnectionPool::Lease& lease, const std::string& sql) {
    try {
      lease.session() << sql;
      return absl::OkStatus();
    } catch (const std::exception& e) {
      return lease.Fail(e);
    }
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_P(ConnectionPoolTest, RefusesWrites) {
  auto lease = pool_->Acquire(absl::InfiniteFuture());
  ASSERT_TRUE(lease.ok()) << lease.status();
  ASSERT_TRUE(lease->BeginRead(absl::InfiniteFuture()).ok());
  EXPECT_FALSE(Execute(*lease, "INSERT INTO teams (id, name) VALUES ('t', 'T')").ok());
  lease->EndRead();
  EXPECT_FALSE(Execute(*lease, "INSERT INTO teams (id, name) VALUES ('t', 'T')").ok());
  EXPECT_FALSE(Execute(*lease, "DROP TABLE teams").ok());
}

TEST_P(ConnectionPoolTest, PostgresqlReadsStringsAsTheStandardSays) {
  // The declarative SQL check (core/query/sql_tokens.h) reads '\' as a
  // whole string, as PostgreSQL does only with standard_conforming_strings.
  if (GetParam() != Backend::kPostgres) GTEST_SKIP() << "PostgreSQL only";
  const std::string url = db_->url();
  const std::string name = url.substr(url.rfind('/') + 1, url.find('?') - url.rfind('/') - 1);
  const absl::Status altered = db_->Execute("ALTER DATABASE \"" + name + "\" SET standard_conforming_strings = off");
  ASSERT_TRUE(altered.ok()) << altered;
  ConnectionPool fresh(ConnectionPool::Options{.url = *ParseDatabaseUrl(db_->url()), .size = 1, .read_only = true});
  auto lease = fresh.Acquire(absl::InfiniteFuture());
  ASSERT_TRUE(lease.ok()) << lease.status();
  std::string setting;
  lease->session() << "SELECT current_setting('standard_conforming_strings')", soci::into(setting);
  EXPECT_EQ(setting, "on");
}

TEST_P(ConnectionPoolTest, AFailedQueryIsLoggedWithoutItsStatement) {
  auto lease = pool_->AcquireReader(absl::InfiniteFuture());
  ASSERT_TRUE(lease.ok()) << lease.status();
  const absl::Status failed = Query(*lease, "SELECT secret_column FROM teams WHERE name = 'hidden'");
  EXPECT_EQ(failed.code(), absl::StatusCode::kInternal);
  const std::string detail = LogDetailOf(failed);
  EXPECT_TRUE(absl::StrContains(detail, "secret_column")) << detail;  // the database's own words
  EXPECT_FALSE(absl::StrContains(detail, "SELECT")) << detail;
  EXPECT_FALSE(absl::StrContains(detail, "hidden")) << detail;
  if (GetParam() == Backend::kPostgres) {
    EXPECT_TRUE(absl::StrContains(detail, "(SQLSTATE 42703)")) << detail;
  }
}

TEST_P(ConnectionPoolTest, WaitsForAFreeConnectionUntilTheDeadline) {
  auto first = pool_->Acquire(absl::InfiniteFuture());
  auto second = pool_->Acquire(absl::InfiniteFuture());
  ASSERT_TRUE(first.ok() && second.ok());
  auto third = pool_->Acquire(absl::Now() + absl::Milliseconds(50));
  EXPECT_EQ(third.status().code(), absl::StatusCode::kDeadlineExceeded);
  { auto released = std::move(*first); }
  EXPECT_TRUE(pool_->Acquire(absl::Now() + absl::Milliseconds(50)).ok());
}

TEST_P(ConnectionPoolTest, StopsAQueryAtTheDeadline) {
  auto lease = pool_->Acquire(absl::InfiniteFuture());
  ASSERT_TRUE(lease.ok());
  ASSERT_TRUE(lease->BeginRead(absl::Now() + absl::Milliseconds(200)).ok());
  const std::string slow = GetParam() == Backend::kSqlite
                               ? "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n"
                               : "SELECT COUNT(*) FROM (SELECT pg_sleep(30)) AS s";
  const absl::Time started = absl::Now();
  EXPECT_EQ(Query(*lease, slow).code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(absl::Now() - started, absl::Seconds(5));
}

TEST_P(ConnectionPoolTest, AReaderKeepsItsDeadlineWhenMoved) {
  // AcquireReader begins the transaction, then moves the lease to the
  // caller: the deadline must travel with it, not stay behind.
  const std::string counting =
      GetParam() == Backend::kSqlite
          ? "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) SELECT COUNT(*) FROM n"
          : "SELECT COUNT(*) FROM generate_series(1, 300000)";
  auto relaxed = pool_->AcquireReader(absl::Now() + absl::Seconds(60));
  ASSERT_TRUE(relaxed.ok()) << relaxed.status();
  EXPECT_TRUE(Query(*relaxed, counting).ok());
  auto hurried = std::move(*relaxed);
  EXPECT_TRUE(Query(hurried, counting).ok());
}

TEST(ConnectionPoolOutageTest, UnreachableDatabaseIsUnavailable) {
  ConnectionPool pool({.url = *ParseDatabaseUrl("postgresql://postgres@127.0.0.1:1/none"), .size = 1});
  EXPECT_EQ(pool.Acquire(absl::InfiniteFuture()).status().code(), absl::StatusCode::kUnavailable);
  ConnectionPool missing({.url = *ParseDatabaseUrl("sqlite3:///nonexistent/dir/crm.db"), .size = 1});
  EXPECT_EQ(missing.Acquire(absl::InfiniteFuture()).status().code(), absl::StatusCode::kUnavailable);
}

TEST(ConnectionPoolOutageTest, RecoversWhenPostgresqlComesBack) {
  auto db = TestDatabase::Create(Backend::kPostgres);
  ASSERT_TRUE(db.ok()) << db.status();
  ConnectionPool pool({.url = *ParseDatabaseUrl((*db)->url()), .size = 1});
  {
    auto lease = pool.Acquire(absl::InfiniteFuture());
    ASSERT_TRUE(lease.ok()) << lease.status();
  }
  ASSERT_TRUE((*db)->DropConnections().ok());
  {
    auto lease = pool.Acquire(absl::InfiniteFuture());
    ASSERT_TRUE(lease.ok());
    absl::Status status = lease->BeginRead(absl::InfiniteFuture());
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  }
  // The broken connection was dropped; the next lease reconnects.
  auto lease = pool.Acquire(absl::InfiniteFuture());
  ASSERT_TRUE(lease.ok()) << lease.status();
  EXPECT_TRUE(lease->BeginRead(absl::InfiniteFuture()).ok());
}

TEST(ConnectionPoolOutageTest, AReaderRetriesOnceOnADroppedConnection) {
  auto db = TestDatabase::Create(Backend::kPostgres);
  ASSERT_TRUE(db.ok()) << db.status();
  ConnectionPool pool({.url = *ParseDatabaseUrl((*db)->url()), .size = 1});
  ASSERT_TRUE(pool.AcquireReader(absl::InfiniteFuture()).ok());
  ASSERT_TRUE((*db)->DropConnections().ok());
  auto lease = pool.AcquireReader(absl::InfiniteFuture());
  EXPECT_TRUE(lease.ok()) << lease.status();
}

INSTANTIATE_TEST_SUITE_P(Backends, ConnectionPoolTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace salesmetrics::testing
