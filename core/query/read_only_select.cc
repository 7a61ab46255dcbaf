#include "core/query/read_only_select.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/query/refused_sql.h"
#include "core/query/sql_template.h"
#include "core/query/sql_tokens.h"
#include "core/util/quote.h"

namespace salesmetrics {
namespace {

absl::Status Refused(absl::string_view why) { return absl::InvalidArgumentError(why); }

// Whether `text` is whole tokens without a comment or a ';'. A macro's
// expansion may repeat an argument or leave it out; arguments like these
// keep the expanded SQL made of the tokens checked here.
bool IsPlainExpression(absl::string_view text, Backend backend) {
  absl::StatusOr<std::vector<SqlToken>> tokens = TokenizeSql(text, backend);
  if (!tokens.ok()) return false;
  for (const SqlToken& token : *tokens) {
    if (token.kind == SqlTokenKind::kComment || IsPunctuation(token, ";")) return false;
  }
  return true;
}

// ExpandMacros finds macros in the text, literals and comments included; a
// macro counts only where its braces are code.
absl::Status CheckMacros(absl::string_view sql, const std::vector<SqlToken>& tokens, Backend backend) {
  absl::StatusOr<std::vector<MacroCall>> macros = FindMacros(sql);
  if (!macros.ok()) return Refused(absl::StrCat("has a macro that cannot be read: ", macros.status().message()));
  absl::flat_hash_set<const char*> code_starts;
  for (const SqlToken& token : tokens) {
    if (token.kind == SqlTokenKind::kPunctuation) code_starts.insert(token.text.data());
  }
  for (const MacroCall& macro : *macros) {
    const std::string name = EscapedPrefix(macro.name);
    const char* close = macro.text.data() + macro.text.size() - 2;
    if (!code_starts.contains(macro.text.data()) || !code_starts.contains(close)) {
      return Refused(absl::StrCat("has the macro {{", name, "}} in a literal, a quoted identifier or a comment"));
    }
    for (const std::string& arg : macro.args) {
      if (!IsPlainExpression(arg, backend)) {
        return Refused(absl::StrCat("has an argument of {{", name,
                                    "}} that is not a plain expression (whole literals, no comment, no ';')"));
      }
    }
  }
  return absl::OkStatus();
}

// On PostgreSQL the database driver reads a :name even inside a dollar
// quote, and puts $1 there, which can end the quote early ($$ $:x $$).
bool HoldsDriverParameter(absl::string_view dollar_quoted) {
  for (size_t colon = dollar_quoted.find(':'); colon != absl::string_view::npos;
       colon = dollar_quoted.find(':', colon + 1)) {
    const char next = colon + 1 < dollar_quoted.size() ? dollar_quoted[colon + 1] : '\0';
    if (absl::ascii_isalnum(next) || next == '_') return true;
  }
  return false;
}

// Refuses what code[i] (comments left out) may not be.
absl::Status CheckToken(const std::vector<SqlToken>& code, size_t i, Backend backend) {
  const SqlToken& token = code[i];
  const bool postgres = backend == Backend::kPostgres;
  if (token.kind == SqlTokenKind::kWord) {
    if (std::optional<std::string> why = RefusedKeyword(token.text)) return Refused(*why);
  }
  const bool named = token.kind == SqlTokenKind::kWord || token.kind == SqlTokenKind::kQuotedIdentifier;
  if (named && i + 1 < code.size() && IsPunctuation(code[i + 1], "(")) {
    if (std::optional<std::string> why = RefusedFunction(IdentifierName(token))) return Refused(*why);
  }
  if (postgres && token.kind == SqlTokenKind::kQuotedIdentifier && absl::StartsWithIgnoreCase(token.text, "u&")) {
    return Refused("uses a U&\"...\" identifier, whose escapes this check does not read");
  }
  if (token.kind == SqlTokenKind::kOtherParameter) {
    return Refused(
        absl::StrCat("uses the parameter ", EscapedPrefix(token.text), ", which nothing binds (parameters are :name)"));
  }
  if (postgres && token.kind == SqlTokenKind::kString && token.text.front() == '$' &&
      HoldsDriverParameter(token.text)) {
    return Refused("has a :name in a dollar-quoted string, which the database driver would take for a parameter");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckReadOnlySelect(absl::string_view sql, const Dialect& dialect) {
  const Backend backend = dialect.backend();
  absl::StatusOr<std::vector<SqlToken>> tokens = TokenizeSql(sql, backend);
  if (!tokens.ok()) return Refused(absl::StrCat("cannot be read: ", tokens.status().message()));
  if (absl::Status s = CheckMacros(sql, *tokens, backend); !s.ok()) return s;
  std::vector<SqlToken> code;
  for (const SqlToken& token : *tokens) {
    if (token.kind != SqlTokenKind::kComment) code.push_back(token);
  }
  if (!code.empty() && IsPunctuation(code.back(), ";")) code.pop_back();
  for (const SqlToken& token : code) {
    if (IsPunctuation(token, ";")) return Refused("holds more than one statement");
  }
  size_t first = 0;
  while (first < code.size() && IsPunctuation(code[first], "(")) ++first;
  if (first == code.size() || code[first].kind != SqlTokenKind::kWord ||
      (IdentifierName(code[first]) != "select" && IdentifierName(code[first]) != "with")) {
    return Refused("is not a SELECT statement");
  }
  for (size_t i = 0; i < code.size(); ++i) {
    if (absl::Status s = CheckToken(code, i, backend); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace salesmetrics
