#include "core/query/sql_tokens.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace salesmetrics {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// In the order of SqlTokenKind.
constexpr const char* kKindNames[] = {"word", "quoted", "string", "number", "parameter", "other", "punct", "comment"};

// Each token as "KIND TEXT".
std::vector<std::string> Tokens(absl::string_view sql, Backend backend) {
  absl::StatusOr<std::vector<SqlToken>> tokens = TokenizeSql(sql, backend);
  EXPECT_TRUE(tokens.ok()) << tokens.status();
  std::vector<std::string> described;
  for (const SqlToken& token : tokens.value_or(std::vector<SqlToken>{})) {
    described.push_back(kKindNames[static_cast<int>(token.kind)] + (" " + std::string(token.text)));
  }
  return described;
}

std::vector<std::string> Sqlite(absl::string_view sql) { return Tokens(sql, Backend::kSqlite); }
std::vector<std::string> Postgres(absl::string_view sql) { return Tokens(sql, Backend::kPostgres); }

std::string Error(absl::string_view sql, Backend backend) {
  absl::StatusOr<std::vector<SqlToken>> tokens = TokenizeSql(sql, backend);
  EXPECT_FALSE(tokens.ok()) << sql;
  return tokens.ok() ? "" : std::string(tokens.status().message());
}

TEST(SqlTokensTest, EveryKindOnBothDatabases) {
  const char* sql = "SELECT a_1, \"b\"\"c\", 'it''s', 42, 3.5e-2, .5, :as_of, x::int -- note\n/* block */;";
  const std::vector<std::string> expected = {
      "word SELECT",    "word a_1",  "punct ,",   "quoted \"b\"\"c\"", "punct ,",
      "string 'it''s'", "punct ,",   "number 42", "punct ,",           "number 3.5e-2",
      "punct ,",        "number .5", "punct ,",   "parameter :as_of",  "punct ,",
      "word x",         "punct ::",  "word int",  "comment -- note",   "comment /* block */",
      "punct ;"};
  EXPECT_EQ(Sqlite(sql), expected);
  EXPECT_EQ(Postgres(sql), expected);
}

TEST(SqlTokensTest, TokensViewTheSqlAndSkipWhitespace) {
  const absl::string_view sql = "  SELECT\t\n1  ";
  absl::StatusOr<std::vector<SqlToken>> tokens = TokenizeSql(sql, Backend::kSqlite);
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ(OffsetIn(sql, (*tokens)[0]), 2u);
  EXPECT_EQ(OffsetIn(sql, (*tokens)[1]), 10u);
  EXPECT_TRUE(TokenizeSql("", Backend::kPostgres)->empty());
}

TEST(SqlTokensTest, WordsAndNumbers) {
  // A letter after a number starts a word; '$' continues one.
  EXPECT_THAT(Postgres("1e 1E+5 1.x a$b éclair"),
              ElementsAre("number 1", "word e", "number 1E+5", "number 1.", "word x", "word a$b", "word éclair"));
  EXPECT_THAT(Sqlite("t.col"), ElementsAre("word t", "punct .", "word col"));
}

TEST(SqlTokensTest, ParametersAndCasts) {
  // What BindParameters binds: ':' and an ASCII name; '::' is a cast.
  EXPECT_THAT(Postgres("a::b :x1_y :1 : x"), ElementsAre("word a", "punct ::", "word b", "parameter :x1_y",
                                                         "punct :", "number 1", "punct :", "word x"));
}

TEST(SqlTokensTest, PostgresDollarQuotes) {
  EXPECT_THAT(
      Postgres("SELECT $$a;'b$$, $tag$ $$ ; $tag$, $1"),
      ElementsAre("word SELECT", "string $$a;'b$$", "punct ,", "string $tag$ $$ ; $tag$", "punct ,", "other $1"));
  // The tag ends at the first '$$' of the same tag, case and all.
  EXPECT_THAT(Postgres("$a$x$A$y$a$z"), ElementsAre("string $a$x$A$y$a$", "word z"));
  EXPECT_THAT(Error("SELECT $t$ never closed $T$", Backend::kPostgres),
              HasSubstr("unterminated dollar-quoted string at offset 7"));
  EXPECT_THAT(Error("SELECT $ 1", Backend::kPostgres), HasSubstr("'$' that starts nothing at offset 7"));
}

TEST(SqlTokensTest, PostgresEscapeStrings) {
  // Backslash escapes only in E'...': \' does not end it.
  EXPECT_THAT(Postgres("E'\\';' e'\\\\' 'a\\'"), ElementsAre("string E'\\';'", "string e'\\\\'", "string 'a\\'"));
  EXPECT_THAT(Error("E'\\'", Backend::kPostgres), HasSubstr("unterminated string at offset 1"));
  // SQLite has no escape strings: E is a word.
  EXPECT_THAT(Sqlite("E'\\'"), ElementsAre("word E", "string '\\'"));
}

TEST(SqlTokensTest, PostgresContinuesAStringOnTheNextLine) {
  // A quote after whitespace holding a newline (and -- comments) continues
  // the string, an E'...' one with its escapes.
  EXPECT_THAT(Postgres("E'a'\n'\\'; x' y"), ElementsAre("string E'a'\n'\\'; x'", "word y"));
  EXPECT_THAT(Postgres("'a' -- c\n  'b'"), ElementsAre("string 'a' -- c\n  'b'"));
  EXPECT_THAT(Postgres("'a' 'b'"), ElementsAre("string 'a'", "string 'b'"));
  EXPECT_THAT(Postgres("'a' /* c */\n'b'"), ElementsAre("string 'a'", "comment /* c */", "string 'b'"));
  EXPECT_THAT(Sqlite("'a'\n'b'"), ElementsAre("string 'a'", "string 'b'"));
}

TEST(SqlTokensTest, PostgresUnicodeEscapes) {
  EXPECT_THAT(Postgres("U&\"d\\0061t\" u&'x' menu&'y'"),
              ElementsAre("quoted U&\"d\\0061t\"", "string u&'x'", "word menu", "punct &", "string 'y'"));
}

TEST(SqlTokensTest, BlockCommentsNestOnPostgresOnly) {
  EXPECT_THAT(Postgres("/* a /* b */ ; */ 1"), ElementsAre("comment /* a /* b */ ; */", "number 1"));
  EXPECT_THAT(Sqlite("/* a /* b */ ; */ 1"),
              ElementsAre("comment /* a /* b */", "punct ;", "punct *", "punct /", "number 1"));
  EXPECT_THAT(Error("/* a /* b */", Backend::kPostgres), HasSubstr("unterminated comment at offset 0"));
  EXPECT_THAT(Error("1 /* a", Backend::kSqlite), HasSubstr("unterminated comment at offset 2"));
}

TEST(SqlTokensTest, LineCommentsEndAtACarriageReturnOnPostgresOnly) {
  EXPECT_THAT(Postgres("1 --a\r; 2"), ElementsAre("number 1", "comment --a", "punct ;", "number 2"));
  EXPECT_THAT(Sqlite("1 --a\r; 2\n3"), ElementsAre("number 1", "comment --a\r; 2", "number 3"));
}

TEST(SqlTokensTest, SqliteQuotedIdentifiers) {
  EXPECT_THAT(Sqlite("[a;b] `c``d` \"e\""), ElementsAre("quoted [a;b]", "quoted `c``d`", "quoted \"e\""));
  // On PostgreSQL brackets are subscripts.
  EXPECT_THAT(Postgres("a[1]"), ElementsAre("word a", "punct [", "number 1", "punct ]"));
  EXPECT_THAT(Error("[a", Backend::kSqlite), HasSubstr("unterminated quoted identifier at offset 0"));
  EXPECT_THAT(Error("`a``", Backend::kSqlite), HasSubstr("unterminated quoted identifier at offset 0"));
}

TEST(SqlTokensTest, SqliteParametersAsSqliteReadsThem) {
  // SQLite reads more after ':' than :name: "::" and a "(...)" too.
  EXPECT_THAT(Sqlite("? ?2 @a $b :c :d::e :f(') ; 'x' :g$"),
              ElementsAre("other ?", "other ?2", "other @a", "other $b", "parameter :c", "other :d::e", "other :f(')",
                          "punct ;", "string 'x'", "other :g$"));
  EXPECT_THAT(Error(":a(b c)", Backend::kSqlite), HasSubstr("unterminated parameter at offset 0"));
  EXPECT_THAT(Error("SELECT $", Backend::kSqlite), HasSubstr("'$' that starts nothing"));
  // On PostgreSQL, '?' and '@' are operators.
  EXPECT_THAT(Postgres("a ? b @ c"), ElementsAre("word a", "punct ?", "word b", "punct @", "word c"));
}

TEST(SqlTokensTest, UnterminatedLiterals) {
  for (Backend backend : {Backend::kSqlite, Backend::kPostgres}) {
    EXPECT_THAT(Error("SELECT 'it''s", backend), HasSubstr("unterminated string at offset 7"));
    EXPECT_THAT(Error("SELECT \"a", backend), HasSubstr("unterminated quoted identifier at offset 7"));
  }
}

TEST(SqlTokensTest, IdentifierNames) {
  absl::StatusOr<std::vector<SqlToken>> tokens =
      TokenizeSql("Pg_Read_File \"PG_READ_FILE\" \"a\"\"b\" [X Y] `c``d`", Backend::kSqlite);
  ASSERT_TRUE(tokens.ok());
  std::vector<std::string> names;
  for (const SqlToken& token : *tokens) names.push_back(IdentifierName(token));
  EXPECT_THAT(names, ElementsAre("pg_read_file", "pg_read_file", "a\"b", "x y", "c`d"));
}

}  // namespace
}  // namespace salesmetrics
