#include "core/db/database_url.h"

#include <gtest/gtest.h>

namespace salesmetrics {
namespace {

TEST(DatabaseUrlTest, SqlitePaths) {
  EXPECT_EQ(ParseDatabaseUrl("sqlite3:///var/lib/crm.db")->path, "/var/lib/crm.db");
  EXPECT_EQ(ParseDatabaseUrl("sqlite3:demo.db")->path, "demo.db");
  EXPECT_EQ(ParseDatabaseUrl("sqlite3:///var/lib/crm.db")->backend, Backend::kSqlite);
  EXPECT_FALSE(ParseDatabaseUrl("sqlite3://").ok());
}

TEST(DatabaseUrlTest, PostgresqlUrlsGoToLibpqAsTheyAre) {
  auto url = ParseDatabaseUrl("postgresql://app:s3cret@db.internal:5433/crm?sslmode=require");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->backend, Backend::kPostgres);
  EXPECT_EQ(url->conninfo, "postgresql://app:s3cret@db.internal:5433/crm?sslmode=require");
  EXPECT_EQ(url->redacted, "postgresql://app:***@db.internal:5433/crm?sslmode=require");
}

TEST(DatabaseUrlTest, RedactsEveryPassword) {
  EXPECT_EQ(ParseDatabaseUrl("postgresql://app@db.internal/crm?sslmode=require&password=s3cret")->redacted,
            "postgresql://app@db.internal/crm?sslmode=require&password=***");
  EXPECT_EQ(ParseDatabaseUrl("postgresql://app:pw@db/crm?password=two")->redacted,
            "postgresql://app:***@db/crm?password=***");
  EXPECT_EQ(ParseDatabaseUrl("postgresql://db/crm?user=app")->redacted, "postgresql://db/crm?user=app");
  // libpq's user info runs to the first '@' before any '/', past a '?'.
  EXPECT_EQ(ParseDatabaseUrl("postgresql://app:pw?d@db/crm")->redacted, "postgresql://app:***@db/crm");
  // An @ after the host is not a password's end.
  EXPECT_EQ(ParseDatabaseUrl("postgresql://db:5432/crm?application_name=a@b")->redacted,
            "postgresql://db:5432/crm?application_name=a@b");
}

TEST(DatabaseUrlTest, RefusesOtherSchemesWithoutLeakingPasswords) {
  auto url = ParseDatabaseUrl("mysql://root:hunter2@localhost/crm");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(std::string(url.status().message()).find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace salesmetrics
