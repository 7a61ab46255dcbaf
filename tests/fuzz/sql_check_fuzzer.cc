// Fuzzes the SQL tokenizer, parameter binding and the read-only check, as
// SQLite and PostgreSQL read SQL. Besides not crashing: the tokens are
// pieces of the input, in order, with only whitespace between them; what
// the check accepts tokenizes; binding every :name leaves the SQL with as
// many :parameters, so that it never turns text into code or code into text.
#include <cstddef>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/query/read_only_select.h"
#include "core/query/sql_template.h"
#include "core/query/sql_tokens.h"
#include "tests/fuzz/fuzz_support.h"

namespace salesmetrics::fuzzing {
namespace {

// Definitions are small; longer inputs only slow the search.
constexpr size_t kMaxInputBytes = 4096;

void RequireTokensCoverTheText(absl::string_view sql, const std::vector<SqlToken>& tokens) {
  size_t end = 0;  // of the previous token
  for (const SqlToken& token : tokens) {
    Require(!token.text.empty(), "an empty token");
    const size_t start = OffsetIn(sql, token);
    Require(start >= end && start + token.text.size() <= sql.size(), "a token outside the text or out of order");
    for (char c : sql.substr(end, start - end)) Require(absl::ascii_isspace(c), "text between tokens");
    end = start + token.text.size();
  }
  for (char c : sql.substr(end)) Require(absl::ascii_isspace(c), "text after the last token");
}

size_t CountParameters(const std::vector<SqlToken>& tokens) {
  size_t n = 0;
  for (const SqlToken& token : tokens) n += token.kind == SqlTokenKind::kParameter ? 1 : 0;
  return n;
}

void Fuzz(absl::string_view sql, Backend backend) {
  const Dialect dialect(backend);
  absl::StatusOr<std::vector<SqlToken>> tokens = TokenizeSql(sql, backend);
  const absl::Status check = CheckReadOnlySelect(sql, dialect);
  if (!tokens.ok()) {
    Require(!check.ok(), "the check accepted SQL that does not tokenize");
    return;
  }
  RequireTokensCoverTheText(sql, *tokens);
  for (const SqlToken& token : *tokens) (void)IdentifierName(token);

  SqlParams params;
  for (const std::string& name : ParameterNames(sql, dialect)) params[name] = SqlValue::Int64(0);
  absl::StatusOr<BoundSql> bound = BindParameters(sql, params, dialect);
  Require(bound.ok(), absl::StrCat("binding failed: ", bound.status().ToString()));
  absl::StatusOr<std::vector<SqlToken>> bound_tokens = TokenizeSql(bound->text, backend);
  Require(bound_tokens.ok() && CountParameters(*bound_tokens) == CountParameters(*tokens),
          absl::StrCat("binding changed how \"", absl::CEscape(sql), "\" reads: \"", absl::CEscape(bound->text), "\""));
}

}  // namespace
}  // namespace salesmetrics::fuzzing

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace salesmetrics::fuzzing;
  if (size > kMaxInputBytes) return 0;
  const absl::string_view sql = AsText(data, size);
  Fuzz(sql, salesmetrics::Backend::kSqlite);
  Fuzz(sql, salesmetrics::Backend::kPostgres);
  return 0;
}
