// Splitting SQL text into tokens the way SQLite or PostgreSQL reads it, so
// that what looks into SQL (binding :parameters, the read-only check) never
// takes a literal, a quoted identifier or a comment for code, nor code for
// one of them.
//
// PostgreSQL is read with standard_conforming_strings on (its default):
// backslashes escape only in E'...' strings.
#ifndef SALESMETRICS_CORE_QUERY_SQL_TOKENS_H_
#define SALESMETRICS_CORE_QUERY_SQL_TOKENS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/db/database_url.h"

namespace salesmetrics {

enum class SqlTokenKind {
  // A keyword or a bare identifier: SELECT, leads, pg_read_file.
  kWord,
  // "x" ("" stands for one "); SQLite also [x] and `x`; PostgreSQL also U&"x".
  kQuotedIdentifier,
  // 'x' ('' stands for one '); PostgreSQL also E'x' (with backslash
  // escapes), U&'x', $$x$$ and $tag$x$tag$, and a string continued on
  // another line ('a'<newline>'b').
  kString,
  // 42, 3.5, .5, 1e-3.
  kNumber,
  // :name (ASCII letters, digits and _), which BindParameters binds.
  kParameter,
  // A parameter the database takes but BindParameters does not bind:
  // PostgreSQL's $1; SQLite's ?, ?1, @x, $x, and :x when SQLite reads more
  // of it than :name (:x::y, :x(y)).
  kOtherParameter,
  // One character: ( ) , ; . + { and the like; or the cast ::.
  kPunctuation,
  // -- to the end of the line, or /* */ (nested on PostgreSQL).
  kComment,
};

struct SqlToken {
  SqlTokenKind kind;
  // The token as written: a view of the SQL given to TokenizeSql.
  absl::string_view text;
};

// The tokens of `sql` in order, whitespace left out. InvalidArgument, with
// the offset, when a string, quoted identifier, dollar quote or block
// comment is not terminated, or when a '$' starts nothing.
absl::StatusOr<std::vector<SqlToken>> TokenizeSql(absl::string_view sql, Backend backend);

// Where `token`, one of the tokens of `sql`, starts in it.
inline size_t OffsetIn(absl::string_view sql, const SqlToken& token) {
  return static_cast<size_t>(token.text.data() - sql.data());
}

inline bool IsPunctuation(const SqlToken& token, absl::string_view text) {
  return token.kind == SqlTokenKind::kPunctuation && token.text == text;
}

// The name a word or quoted identifier stands for, in ASCII lower case:
// SELECT, "select" and [Select] all give select. (A U&"..." identifier
// keeps its escapes.)
std::string IdentifierName(const SqlToken& token);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_QUERY_SQL_TOKENS_H_
