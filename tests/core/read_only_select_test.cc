#include "core/query/read_only_select.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "core/declarative/sql_metric.pb.h"
#include "core/util/text_proto_file.h"

namespace salesmetrics {
namespace {

using ::testing::HasSubstr;

constexpr Backend kBothBackends[] = {Backend::kSqlite, Backend::kPostgres};

// Why `sql` is refused when read as `backend`'s; empty when it is not.
std::string Refusal(absl::string_view sql, Backend backend) {
  return std::string(CheckReadOnlySelect(sql, Dialect(backend)).message());
}

// The refusal of a parameter that BindParameters does not bind.
std::string Unbound(absl::string_view parameter) {
  return absl::StrCat("uses the parameter ", parameter, ", which nothing binds (parameters are :name)");
}

void ExpectAccepted(absl::string_view sql, Backend backend) {
  EXPECT_EQ(Refusal(sql, backend), "") << sql << (backend == Backend::kSqlite ? " (SQLite)" : " (PostgreSQL)");
}

void ExpectRefusedOnBoth(absl::string_view sql, absl::string_view why) {
  for (Backend backend : kBothBackends) EXPECT_EQ(Refusal(sql, backend), why) << sql;
}

TEST(CheckReadOnlySelectTest, AcceptsTheShippedDefinitions) {
  int definitions = 0;
  for (const auto& entry : std::filesystem::directory_iterator(EXAMPLE_DEFINITIONS_DIR)) {
    absl::StatusOr<std::string> text = ReadFile(entry.path().string());
    ASSERT_TRUE(text.ok()) << text.status();
    declarative::SqlMetricDefinition definition;
    ASSERT_TRUE(TextProtoFile().Parse(*text, entry.path().string(), &definition).ok()) << entry.path();
    for (Backend backend : kBothBackends) ExpectAccepted(definition.sql(), backend);
    ++definitions;
  }
  EXPECT_GE(definitions, 2);
}

TEST(CheckReadOnlySelectTest, AcceptsSelectsWhateverTheirLiteralsAndCommentsHold) {
  for (Backend backend : kBothBackends) {
    ExpectAccepted("SELECT 'DELETE; DROP', \"delete\", 'it''s' FROM t -- ; DELETE FROM leads\n;", backend);
    ExpectAccepted("/* DELETE */ with x AS (SELECT 1 AS n) select n FROM x;  ", backend);
    ExpectAccepted("(SELECT 1) UNION (SELECT 2)", backend);
    ExpectAccepted("SELECT lower(name), log(2), local_amount, \"edit\", t.readfile FROM t WHERE a = :n", backend);
    ExpectAccepted(
        "WITH {{buckets}} SELECT b.bucket, {{epoch_seconds(MAX(o.closed_at))}}, {{group_key(opportunity, o)}} "
        "FROM buckets b JOIN opportunities o ON o.status = 'won'{{filters(opportunity, o)}} GROUP BY 1, 3",
        backend);
  }
  ExpectAccepted("SELECT $$it's; DELETE$$, E'it\\'s', x::date, current_setting('TimeZone') FROM t", Backend::kPostgres);
  ExpectAccepted("SELECT [order], `group` FROM t", Backend::kSqlite);
}

TEST(CheckReadOnlySelectTest, RefusesMoreThanOneStatement) {
  ExpectRefusedOnBoth("SELECT 1; DELETE FROM leads", "holds more than one statement");
  ExpectRefusedOnBoth("SELECT \"x\"; DROP TABLE leads", "holds more than one statement");
  ExpectRefusedOnBoth("SELECT 1;;", "holds more than one statement");
  // A dollar quote, an escaped quote of an E'...' string, a comment that
  // nests: PostgreSQL reads the ';' after them as code.
  EXPECT_EQ(Refusal("SELECT $$;$$; DELETE FROM leads", Backend::kPostgres), "holds more than one statement");
  EXPECT_EQ(Refusal("SELECT E'\\\\';DELETE FROM leads --'", Backend::kPostgres), "holds more than one statement");
  EXPECT_EQ(Refusal("SELECT E'\\'';DELETE FROM leads --'", Backend::kPostgres), "holds more than one statement");
  EXPECT_EQ(Refusal("SELECT E'x'\n'\\'';DELETE FROM leads --'", Backend::kPostgres), "holds more than one statement");
  EXPECT_EQ(Refusal("SELECT 1 /* /* */ '*/ ; DELETE FROM leads --'", Backend::kPostgres),
            "holds more than one statement");
  EXPECT_EQ(Refusal("SELECT 1 --\r; DELETE FROM leads", Backend::kPostgres), "holds more than one statement");
  // SQLite's comments do not nest, and the same text hides nothing there.
  EXPECT_EQ(Refusal("SELECT 1 /* /* */ ; DELETE FROM leads */", Backend::kSqlite), "holds more than one statement");
  ExpectAccepted("SELECT 1 /* /* */ '*/ ; DELETE FROM leads --'", Backend::kSqlite);
}

TEST(CheckReadOnlySelectTest, RefusesAnythingButSelect) {
  ExpectRefusedOnBoth("UPDATE leads SET status = 'lost'", "is not a SELECT statement");
  ExpectRefusedOnBoth("COPY leads TO PROGRAM 'curl example.com'", "is not a SELECT statement");
  ExpectRefusedOnBoth("-- only a comment", "is not a SELECT statement");
  ExpectRefusedOnBoth("\"SELECT\" 1", "is not a SELECT statement");
}

TEST(CheckReadOnlySelectTest, RefusesWritingKeywordsOutsideLiterals) {
  ExpectRefusedOnBoth("WITH d AS (DELETE FROM leads RETURNING *) SELECT * FROM d", "is not read-only: it uses DELETE");
  ExpectRefusedOnBoth("SELECT * INTO copied FROM leads", "is not read-only: it uses INTO");
  ExpectRefusedOnBoth("SELECT * FROM leads FOR update", "is not read-only: it uses UPDATE");
  ExpectRefusedOnBoth("SELECT 1 FROM t WHERE copy",
                      "uses COPY, which reads and writes the server's files and runs programs");
  ExpectRefusedOnBoth("SELECT pragma FROM t", "uses PRAGMA, which reads and changes the database's settings");
  ExpectRefusedOnBoth("SELECT attach FROM t", "uses ATTACH, which opens other database files");
}

TEST(CheckReadOnlySelectTest, RefusesFunctionsThatReachBeyondTheTables) {
  ExpectRefusedOnBoth("SELECT pg_read_file('/etc/passwd')", "calls pg_read_file, which reads the server's files");
  ExpectRefusedOnBoth("SELECT \"pg_read_file\"('/etc/passwd')", "calls pg_read_file, which reads the server's files");
  ExpectRefusedOnBoth("SELECT pg_catalog.PG_LS_DIR('.')", "calls pg_ls_dir, which lists the server's files");
  ExpectRefusedOnBoth("SELECT \"pg_catalog\".\"pg_read_binary_file\" /* x */ ('/etc/passwd')",
                      "calls pg_read_binary_file, which reads the server's files");
  ExpectRefusedOnBoth("SELECT lo_import('/etc/passwd')", "calls lo_import, which reads the server's files");
  ExpectRefusedOnBoth("SELECT lo_export(1, '/tmp/x')", "calls lo_export, which writes the server's files");
  ExpectRefusedOnBoth("SELECT lo_get(1)", "calls lo_get, which reads or writes large objects");
  ExpectRefusedOnBoth("SELECT lo_from_bytea(0, 'x')", "calls lo_from_bytea, which reads or writes large objects");
  ExpectRefusedOnBoth("SELECT * FROM dblink('host=x', 'SELECT 1') AS t(n int)",
                      "calls dblink, which connects to other databases");
  ExpectRefusedOnBoth("SELECT query_to_xml('DELETE FROM leads', true, false, '')",
                      "calls query_to_xml, which runs a string as SQL");
  ExpectRefusedOnBoth("SELECT table_to_xml('leads', true, false, '')", "calls table_to_xml, which reads whole tables");
  ExpectRefusedOnBoth("SELECT set_config('role', 'admin', false)",
                      "calls set_config, which changes the server's settings");
  ExpectRefusedOnBoth("SELECT pg_sleep(1e9)", "calls pg_sleep, which makes the query wait, holding a connection");
  ExpectRefusedOnBoth("SELECT load_extension('x')", "calls load_extension, which loads a library into the database");
  ExpectRefusedOnBoth("SELECT readfile('/etc/passwd')", "calls readfile, which reads the server's files");
  ExpectRefusedOnBoth("SELECT writefile('/tmp/x', 'y')", "calls writefile, which writes the server's files");
  ExpectRefusedOnBoth("SELECT * FROM fsdir('/')", "calls fsdir, which lists the server's files");
  ExpectRefusedOnBoth("SELECT edit('x', 'vi')", "calls edit, which runs an editor program");
  EXPECT_EQ(Refusal("SELECT [ReadFile]('/etc/passwd')", Backend::kSqlite),
            "calls readfile, which reads the server's files");
  EXPECT_EQ(Refusal("SELECT `readfile`('/etc/passwd')", Backend::kSqlite),
            "calls readfile, which reads the server's files");
}

TEST(CheckReadOnlySelectTest, RefusesWhatTheDatabaseOrItsDriverReadsOtherwise) {
  EXPECT_EQ(Refusal("SELECT U&\"pg\\005fread\\005ffile\"('/etc/passwd')", Backend::kPostgres),
            "uses a U&\"...\" identifier, whose escapes this check does not read");
  EXPECT_EQ(Refusal("SELECT $1", Backend::kPostgres), Unbound("$1"));
  EXPECT_EQ(Refusal("SELECT @x", Backend::kSqlite), Unbound("@x"));
  // SQLite reads :a(') as one parameter, and the DELETE after it as code.
  EXPECT_EQ(Refusal("SELECT max(:a(');DELETE FROM leads;--'),1)", Backend::kSqlite), "holds more than one statement");
  EXPECT_EQ(Refusal("SELECT :a::b", Backend::kSqlite), Unbound(":a::b"));
  EXPECT_EQ(Refusal("SELECT $$x$$", Backend::kSqlite), Unbound("$$x$$"));
  // The driver puts $1 for :x, and "$$1" ends the quote.
  EXPECT_EQ(Refusal("SELECT $$ $:x $$", Backend::kPostgres),
            "has a :name in a dollar-quoted string, which the database driver would take for a parameter");
}

TEST(CheckReadOnlySelectTest, RefusesWhatCannotBeRead) {
  ExpectRefusedOnBoth("SELECT 'abc", "cannot be read: unterminated string at offset 7");
  ExpectRefusedOnBoth("SELECT \"abc", "cannot be read: unterminated quoted identifier at offset 7");
  ExpectRefusedOnBoth("SELECT 1 /* abc", "cannot be read: unterminated comment at offset 9");
  EXPECT_EQ(Refusal("SELECT $a$ abc", Backend::kPostgres),
            "cannot be read: unterminated dollar-quoted string at offset 7");
  ExpectRefusedOnBoth("SELECT $ 1", "cannot be read: a '$' that starts nothing at offset 7");
  EXPECT_EQ(Refusal("SELECT [abc", Backend::kSqlite), "cannot be read: unterminated quoted identifier at offset 7");
}

TEST(CheckReadOnlySelectTest, RefusesMacrosThatWouldChangeWhatWasChecked) {
  // Ungrouped, {{group_key}} leaves its alias out, and with it the quote
  // that hides the DELETE here.
  ExpectRefusedOnBoth("SELECT {{group_key(opportunity, ')}} FROM t; DELETE FROM leads; --')}}",
                      "has the macro {{group_key}} in a literal, a quoted identifier or a comment");
  ExpectRefusedOnBoth("SELECT '{{buckets}}'",
                      "has the macro {{buckets}} in a literal, a quoted identifier or a comment");
  ExpectRefusedOnBoth("SELECT {{epoch_seconds(o.closed_at -- x\n)}} FROM t",
                      "has an argument of {{epoch_seconds}} that is not a plain expression (whole literals, no "
                      "comment, no ';')");
  ExpectRefusedOnBoth("SELECT {{group_key(opportunity, 'a,b')}} FROM t",
                      "has an argument of {{group_key}} that is not a plain expression (whole literals, no "
                      "comment, no ';')");
  ExpectRefusedOnBoth("SELECT {{buckets", "has a macro that cannot be read: unterminated macro at offset 7");
}

}  // namespace
}  // namespace salesmetrics
