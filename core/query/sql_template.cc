#include "core/query/sql_template.h"

#include <cctype>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace salesmetrics {
namespace {

bool IsIdentifierStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentifierChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Length of the literal, quoted identifier or comment starting at sql[i], or
// 0 when none starts there.
size_t SkippableLength(absl::string_view sql, size_t i) {
  const char c = sql[i];
  if (c == '\'' || c == '"') {
    size_t j = i + 1;
    while (j < sql.size()) {
      if (sql[j] == c) {
        if (j + 1 < sql.size() && sql[j + 1] == c) {  // doubled quote
          j += 2;
          continue;
        }
        return j + 1 - i;
      }
      ++j;
    }
    return sql.size() - i;
  }
  if (sql.substr(i, 2) == "--") {
    const size_t end = sql.find('\n', i);
    return (end == absl::string_view::npos ? sql.size() : end) - i;
  }
  if (sql.substr(i, 2) == "/*") {
    const size_t end = sql.find("*/", i + 2);
    return (end == absl::string_view::npos ? sql.size() : end + 2) - i;
  }
  return 0;
}

// Calls on_parameter(position, name) for every :name outside literals,
// comments and :: casts; returns the text with each replaced by what
// on_parameter returns.
template <typename OnParameter>
absl::StatusOr<std::string> RewriteParameters(absl::string_view sql, OnParameter on_parameter) {
  std::string out;
  size_t i = 0;
  while (i < sql.size()) {
    if (const size_t skip = SkippableLength(sql, i); skip > 0) {
      absl::StrAppend(&out, sql.substr(i, skip));
      i += skip;
      continue;
    }
    if (sql[i] == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      out += "::";
      i += 2;
      continue;
    }
    if (sql[i] == ':' && i + 1 < sql.size() && IsIdentifierStart(sql[i + 1])) {
      size_t j = i + 1;
      while (j < sql.size() && IsIdentifierChar(sql[j])) ++j;
      absl::StatusOr<std::string> replacement = on_parameter(std::string(sql.substr(i + 1, j - i - 1)));
      if (!replacement.ok()) return replacement.status();
      out += *replacement;
      i = j;
      continue;
    }
    out += sql[i++];
  }
  return out;
}

std::vector<std::string> SplitArguments(absl::string_view text) {
  std::vector<std::string> args;
  int depth = 0;
  std::string current;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      args.push_back(std::string(absl::StripAsciiWhitespace(current)));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!absl::StripAsciiWhitespace(current).empty() || !args.empty()) {
    args.push_back(std::string(absl::StripAsciiWhitespace(current)));
  }
  return args;
}

}  // namespace

absl::StatusOr<std::string> ExpandMacros(absl::string_view sql, const MacroExpander& expand, SqlParams& params) {
  std::string out;
  size_t i = 0;
  while (i < sql.size()) {
    const size_t open = sql.find("{{", i);
    if (open == absl::string_view::npos) {
      absl::StrAppend(&out, sql.substr(i));
      break;
    }
    absl::StrAppend(&out, sql.substr(i, open - i));
    const size_t close = sql.find("}}", open + 2);
    if (close == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat("unterminated macro at offset ", open));
    }
    const absl::string_view body = absl::StripAsciiWhitespace(sql.substr(open + 2, close - open - 2));
    const size_t paren = body.find('(');
    absl::string_view name = body;
    std::vector<std::string> args;
    if (paren != absl::string_view::npos) {
      if (body.back() != ')') return absl::InvalidArgumentError(absl::StrCat("malformed macro {{", body, "}}"));
      name = absl::StripAsciiWhitespace(body.substr(0, paren));
      args = SplitArguments(body.substr(paren + 1, body.size() - paren - 2));
    }
    absl::StatusOr<std::string> expansion = expand(name, args, params);
    if (!expansion.ok()) return expansion.status();
    out += *expansion;
    i = close + 2;
  }
  return out;
}

absl::StatusOr<BoundSql> BindParameters(absl::string_view sql, const SqlParams& params, const Dialect& dialect) {
  BoundSql bound;
  absl::StatusOr<std::string> text =
      RewriteParameters(sql, [&](const std::string& name) -> absl::StatusOr<std::string> {
        const auto it = params.find(name);
        if (it == params.end()) return absl::InvalidArgumentError(absl::StrCat("unknown parameter :", name));
        bound.values.push_back(it->second);
        return dialect.Placeholder(absl::StrCat("p", bound.values.size()), it->second.type);
      });
  if (!text.ok()) return text.status();
  bound.text = *std::move(text);
  return bound;
}

absl::Status CheckReadOnlySelect(absl::string_view sql) {
  // The code with every literal and comment blanked out.
  std::string code;
  for (size_t i = 0; i < sql.size();) {
    if (const size_t skip = SkippableLength(sql, i); skip > 0) {
      code += ' ';
      i += skip;
    } else {
      code += sql[i++];
    }
  }
  const std::string trimmed(absl::StripTrailingAsciiWhitespace(absl::StripSuffix(
      absl::StripTrailingAsciiWhitespace(code), ";")));
  if (trimmed.find(';') != std::string::npos) {
    return absl::InvalidArgumentError("holds more than one statement");
  }
  std::vector<std::string> words;
  std::string word;
  for (char c : trimmed + " ") {
    if (IsIdentifierChar(c)) {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (words.empty() || (words[0] != "SELECT" && words[0] != "WITH")) {
    return absl::InvalidArgumentError("is not a SELECT statement");
  }
  static const auto* kWriting = new std::set<std::string>{
      "INSERT", "UPDATE", "DELETE", "MERGE", "DROP", "CREATE", "ALTER", "TRUNCATE",
      "GRANT",  "REVOKE", "COPY",   "ATTACH",  "DETACH", "PRAGMA",  "VACUUM", "REINDEX", "CALL", "EXECUTE",
      "LOCK",   "COMMIT", "ROLLBACK", "BEGIN", "SAVEPOINT", "RELEASE", "INTO", "SET", "RESET", "DO"};
  for (const std::string& w : words) {
    if (kWriting->count(w) > 0) {
      return absl::InvalidArgumentError(absl::StrCat("is not read-only: it uses ", w));
    }
  }
  return absl::OkStatus();
}

std::vector<std::string> ParameterNames(absl::string_view sql) {
  std::vector<std::string> names;
  (void)RewriteParameters(sql, [&](const std::string& name) -> absl::StatusOr<std::string> {
    names.push_back(name);
    return std::string();
  });
  return names;
}

}  // namespace salesmetrics
