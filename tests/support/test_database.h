// A fresh database with the canonical schema, on SQLite or on a real
// PostgreSQL server, dropped when the test ends.
//
// PostgreSQL tests need SALESMETRICS_TEST_POSTGRES_URL (an admin URL such
// as postgresql://postgres@127.0.0.1:55432/postgres; scripts/test.sh and
// .ci/run set it). Without it they fail: a PostgreSQL test never silently
// skips.
#ifndef SALESMETRICS_TESTS_SUPPORT_TEST_DATABASE_H_
#define SALESMETRICS_TESTS_SUPPORT_TEST_DATABASE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "core/db/database_url.h"

namespace salesmetrics::testing {

class TestDatabase {
 public:
  // A new empty database with the schema created.
  static absl::StatusOr<std::unique_ptr<TestDatabase>> Create(Backend backend);
  // The same on the PostgreSQL server of `admin_url` (a test's own server).
  static absl::StatusOr<std::unique_ptr<TestDatabase>> CreatePostgres(const std::string& admin_url);
  ~TestDatabase();

  // The owner's URL: it may write (fixtures).
  const std::string& url() const { return url_; }
  // What a server is given: on PostgreSQL a role that may only read (the
  // server refuses to start with one that may write); on SQLite url().
  const std::string& reader_url() const { return reader_url_; }
  Backend backend() const { return backend_; }

  // Runs SQL statements separated by ';' (fixture inserts), read-write.
  absl::Status Execute(const std::string& sql) const;

  // PostgreSQL: ends every connection to this database, as a server
  // restart would.
  absl::Status DropConnections() const;

 private:
  TestDatabase(Backend backend, std::string url, std::string cleanup, std::string admin_url = "")
      : backend_(backend),
        url_(std::move(url)),
        reader_url_(url_),
        cleanup_(std::move(cleanup)),
        admin_url_(std::move(admin_url)) {}
  static absl::StatusOr<std::unique_ptr<TestDatabase>> WithSchema(std::unique_ptr<TestDatabase> db);

  Backend backend_;
  std::string url_;
  std::string reader_url_;
  std::string cleanup_;  // SQLite: the file to delete; PostgreSQL: the database to drop
  std::string admin_url_;  // PostgreSQL
};

// "sqlite" or "postgresql", for test names.
std::string BackendName(Backend backend);

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_SUPPORT_TEST_DATABASE_H_
