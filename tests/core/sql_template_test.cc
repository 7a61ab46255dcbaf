#include "core/query/sql_template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace salesmetrics {
namespace {

absl::StatusOr<std::string> Echo(absl::string_view name, const std::vector<std::string>& args, SqlParams& params) {
  if (name == "param") {
    params["from_macro"] = SqlValue::Int64(7);
    return std::string(":from_macro");
  }
  std::string out = std::string(name) + "[";
  for (const auto& a : args) out += a + "|";
  return out + "]";
}

TEST(ExpandMacrosTest, ExpandsNamesAndArguments) {
  SqlParams params;
  auto sql = ExpandMacros("SELECT {{a}}, {{b(x, f(y, z))}} FROM t WHERE {{param}}", Echo, params);
  ASSERT_TRUE(sql.ok());
  EXPECT_EQ(*sql, "SELECT a[], b[x|f(y, z)|] FROM t WHERE :from_macro");
  EXPECT_EQ(params.at("from_macro").integer, 7);
  EXPECT_FALSE(ExpandMacros("SELECT {{oops", Echo, params).ok());
}

TEST(FindMacrosTest, FindsMacrosWhereverTheyStand) {
  auto macros = FindMacros("SELECT {{a}}, '{{ b(x, f(y, z)) }}'");
  ASSERT_TRUE(macros.ok()) << macros.status();
  ASSERT_EQ(macros->size(), 2u);
  EXPECT_EQ((*macros)[0].text, "{{a}}");
  EXPECT_EQ((*macros)[1].text, "{{ b(x, f(y, z)) }}");
  EXPECT_EQ((*macros)[1].name, "b");
  EXPECT_EQ((*macros)[1].args, (std::vector<std::string>{"x", "f(y, z)"}));
  EXPECT_EQ(FindMacros("SELECT {{a").status().message(), "unterminated macro at offset 7");
  EXPECT_EQ(FindMacros("SELECT {{a(b}}").status().message(), "malformed macro {{a(b}}");
}

TEST(BindParametersTest, NumbersPlaceholdersInOrderAndSkipsLiteralsAndCasts) {
  SqlParams params{{"as_of", SqlValue::Timestamp("2024-01-01 00:00:00")}, {"n", SqlValue::Int64(3)}};
  const char* sql = "SELECT ':not_a_param', \"col:x\", x::int -- :comment\n FROM t WHERE a <= :as_of AND b = :n AND c = :as_of";
  auto sqlite = BindParameters(sql, params, Dialect(Backend::kSqlite));
  ASSERT_TRUE(sqlite.ok()) << sqlite.status();
  EXPECT_EQ(sqlite->text,
            "SELECT ':not_a_param', \"col:x\", x::int -- :comment\n FROM t WHERE a <= :p1 AND b = :p2 AND c = :p3");
  ASSERT_EQ(sqlite->values.size(), 3u);
  EXPECT_EQ(sqlite->values[1].integer, 3);
  auto postgres = BindParameters("SELECT :as_of, :n", params, Dialect(Backend::kPostgres));
  ASSERT_TRUE(postgres.ok());
  EXPECT_EQ(postgres->text, "SELECT CAST(:p1 AS TIMESTAMP), CAST(:p2 AS BIGINT)");
}

TEST(BindParametersTest, ReadsTheSqlAsItsDatabaseDoes) {
  SqlParams params{{"n", SqlValue::Int64(3)}};
  auto postgres = BindParameters("SELECT $$:n$$, E'\\':n', :n /* /* :n */ :n */", params, Dialect(Backend::kPostgres));
  ASSERT_TRUE(postgres.ok()) << postgres.status();
  EXPECT_EQ(postgres->text, "SELECT $$:n$$, E'\\':n', CAST(:p1 AS BIGINT) /* /* :n */ :n */");
  auto sqlite = BindParameters("SELECT [:n], `:n`, :n", params, Dialect(Backend::kSqlite));
  ASSERT_TRUE(sqlite.ok()) << sqlite.status();
  EXPECT_EQ(sqlite->text, "SELECT [:n], `:n`, :p1");
  EXPECT_THAT(BindParameters("SELECT :n, ':n", params, Dialect(Backend::kSqlite)).status().message(),
              ::testing::HasSubstr("unterminated string"));
  EXPECT_TRUE(ParameterNames("SELECT :n, ':n", Dialect(Backend::kSqlite)).empty());
}

TEST(BindParametersTest, RefusesUnknownParameters) {
  auto bound = BindParameters("SELECT :missing", {}, Dialect(Backend::kSqlite));
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.status().message(), "unknown parameter :missing");
  EXPECT_EQ(ParameterNames("SELECT :a, ':b', :c", Dialect(Backend::kSqlite)), (std::vector<std::string>{"a", "c"}));
}

}  // namespace
}  // namespace salesmetrics
