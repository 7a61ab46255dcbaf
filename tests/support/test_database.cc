#include "tests/support/test_database.h"

#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/db/connection_pool.h"
#include "core/db/schema.h"

namespace salesmetrics::testing {
namespace {

constexpr char kPostgresUrlVariable[] = "SALESMETRICS_TEST_POSTGRES_URL";

std::string UniqueName() {
  static std::atomic<int> counter{0};
  return absl::StrCat("sm_test_", getpid(), "_", counter++);
}

// The admin URL with its database name replaced.
std::string WithDatabase(const std::string& admin_url, const std::string& database) {
  const size_t query = admin_url.find('?');
  const std::string base = admin_url.substr(0, query);
  const size_t slash = base.rfind('/');
  return absl::StrCat(base.substr(0, slash + 1), database,
                      query == std::string::npos ? "" : admin_url.substr(query));
}

absl::Status ExecuteOn(const std::string& url, const std::string& sql) {
  absl::StatusOr<DatabaseUrl> parsed = ParseDatabaseUrl(url);
  if (!parsed.ok()) return parsed.status();
  absl::StatusOr<std::unique_ptr<soci::session>> session = OpenSession(*parsed, /*read_only=*/false);
  if (!session.ok()) return session.status();
  try {
    for (absl::string_view statement : absl::StrSplit(sql, ';')) {
      if (!absl::StripAsciiWhitespace(statement).empty()) **session << std::string(statement);
    }
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("fixture SQL failed: ", e.what()));
  }
  return absl::OkStatus();
}

}  // namespace

std::string BackendName(Backend backend) { return backend == Backend::kSqlite ? "sqlite" : "postgresql"; }

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::Create(Backend backend) {
  if (backend == Backend::kPostgres) {
    const char* admin = std::getenv(kPostgresUrlVariable);
    if (admin == nullptr || *admin == '\0') {
      return absl::FailedPreconditionError(absl::StrCat(
          kPostgresUrlVariable, " is not set: PostgreSQL tests need a server (run scripts/test.sh, which starts one)"));
    }
    return CreatePostgres(admin);
  }
  const std::string name = UniqueName();
  const std::string path = (std::filesystem::temp_directory_path() / (name + ".db")).string();
  std::filesystem::remove(path);
  return WithSchema(std::unique_ptr<TestDatabase>(new TestDatabase(backend, absl::StrCat("sqlite3://", path), path)));
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::CreatePostgres(const std::string& admin_url) {
  const std::string name = UniqueName();
  // A natural-language collation (where "beta" < "Zeta"), so that a query
  // relying on the database's text order instead of code-point order fails.
  const std::string create = absl::StrCat("CREATE DATABASE ", name,
                                          " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
  if (absl::Status s = ExecuteOn(admin_url, create); !s.ok()) return s;
  auto db = WithSchema(std::unique_ptr<TestDatabase>(
      new TestDatabase(Backend::kPostgres, WithDatabase(admin_url, name), name, admin_url)));
  if (!db.ok()) return db;
  // A role that may read what the owner creates, now and later.
  const std::string reader = name + "_reader";
  if (absl::Status s = (*db)->Execute(absl::StrCat(
          "CREATE ROLE ", reader, " LOGIN; GRANT CONNECT ON DATABASE ", name, " TO ", reader,
          "; GRANT USAGE ON SCHEMA public TO ", reader, "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ", reader,
          "; ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ", reader));
      !s.ok()) {
    return s;
  }
  const std::string database_url = WithDatabase(admin_url, name);
  const size_t user_start = database_url.find("://") + 3;
  const size_t user_end = database_url.find_first_of(":@", user_start);
  (*db)->reader_url_ = absl::StrCat(database_url.substr(0, user_start), reader,
                                    database_url.substr(database_url.find('@', user_end)));
  return db;
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::WithSchema(std::unique_ptr<TestDatabase> db) {
  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl(db->url_);
  absl::StatusOr<std::unique_ptr<soci::session>> session = OpenSession(*url, /*read_only=*/false);
  if (!session.ok()) return session.status();
  if (absl::Status s = CreateSchema(**session, db->backend_); !s.ok()) return s;
  return db;
}

TestDatabase::~TestDatabase() {
  if (backend_ == Backend::kSqlite) {
    std::filesystem::remove(cleanup_);
  } else {
    (void)ExecuteOn(admin_url_, absl::StrCat("DROP DATABASE IF EXISTS ", cleanup_, " WITH (FORCE)"));
    (void)ExecuteOn(admin_url_, absl::StrCat("DROP ROLE IF EXISTS ", cleanup_, "_reader"));
  }
}

absl::Status TestDatabase::Execute(const std::string& sql) const { return ExecuteOn(url_, sql); }

absl::Status TestDatabase::DropConnections() const {
  return ExecuteOn(admin_url_,
                   absl::StrCat("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '", cleanup_, "'"));
}

}  // namespace salesmetrics::testing
