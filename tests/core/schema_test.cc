// Creating the canonical schema, and refusing to touch a database that
// already has some of it.
#include "core/db/schema.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "absl/strings/match.h"
#include "core/db/connection_pool.h"
#include "tests/support/test_database.h"

namespace salesmetrics::testing {
namespace {

class SchemaTest : public ::testing::TestWithParam<Backend> {};

TEST_P(SchemaTest, CreatesEveryTableAndRefusesASecondTime) {
  auto db = TestDatabase::Create(GetParam());  // creates the schema
  ASSERT_TRUE(db.ok()) << db.status();
  auto session = OpenSession(*ParseDatabaseUrl((*db)->url()), /*read_only=*/false);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(ExistingCanonicalTables(**session, GetParam()), CanonicalTables());

  const absl::Status again = CreateSchema(**session, GetParam());
  EXPECT_EQ(again.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(again.message(), "opportunities")) << again;
}

TEST_P(SchemaTest, AConflictingTableChangesNothing) {
  auto db = TestDatabase::Create(GetParam());
  ASSERT_TRUE(db.ok()) << db.status();
  auto session = OpenSession(*ParseDatabaseUrl((*db)->url()), /*read_only=*/false);
  ASSERT_TRUE(session.ok());
  for (const std::string& table : CanonicalTables()) {
    if (table != "payments") **session << "DROP TABLE " + table;
  }
  const absl::Status status = CreateSchema(**session, GetParam());
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(status.message(), "payments")) << status;
  EXPECT_EQ(ExistingCanonicalTables(**session, GetParam()), std::vector<std::string>{"payments"});
}

TEST(SchemaDdlTest, SplitsIntoStatements) {
  for (Backend backend : {Backend::kSqlite, Backend::kPostgres}) {
    const std::vector<std::string> statements = SchemaStatements(backend);
    EXPECT_EQ(std::count_if(statements.begin(), statements.end(),
                            [](const std::string& s) { return absl::StartsWith(s, "CREATE TABLE"); }),
              static_cast<long>(CanonicalTables().size()));
    for (const std::string& s : statements) EXPECT_FALSE(absl::StrContains(s, "--")) << s;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SchemaTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace salesmetrics::testing
