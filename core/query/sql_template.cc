#include "core/query/sql_template.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/query/sql_tokens.h"

namespace salesmetrics {
namespace {

// `sql` with each of `spans` (views of it, in order, apart) replaced by
// what replace(i) returns for spans[i].
template <typename Replace>
absl::StatusOr<std::string> ReplaceSpans(absl::string_view sql, const std::vector<absl::string_view>& spans,
                                         Replace replace) {
  std::string out;
  const char* copied = sql.data();  // what comes before is in out
  for (size_t i = 0; i < spans.size(); ++i) {
    out.append(copied, spans[i].data());
    absl::StatusOr<std::string> replacement = replace(i);
    if (!replacement.ok()) return replacement.status();
    out += *replacement;
    copied = spans[i].data() + spans[i].size();
  }
  out.append(copied, sql.data() + sql.size());
  return out;
}

// Calls on_parameter(name) for every :name token; returns the text with each
// replaced by what on_parameter returns.
template <typename OnParameter>
absl::StatusOr<std::string> RewriteParameters(absl::string_view sql, Backend backend, OnParameter on_parameter) {
  absl::StatusOr<std::vector<SqlToken>> tokens = TokenizeSql(sql, backend);
  if (!tokens.ok()) return tokens.status();
  std::vector<absl::string_view> parameters;
  for (const SqlToken& token : *tokens) {
    if (token.kind == SqlTokenKind::kParameter) parameters.push_back(token.text);
  }
  return ReplaceSpans(sql, parameters, [&](size_t i) { return on_parameter(std::string(parameters[i].substr(1))); });
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

absl::StatusOr<std::vector<MacroCall>> FindMacros(absl::string_view sql) {
  std::vector<MacroCall> macros;
  for (size_t from = 0;;) {
    const size_t open = sql.find("{{", from);
    if (open == absl::string_view::npos) return macros;
    const size_t close = sql.find("}}", open + 2);
    if (close == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat("unterminated macro at offset ", open));
    }
    const absl::string_view body = absl::StripAsciiWhitespace(sql.substr(open + 2, close - open - 2));
    MacroCall macro{.text = sql.substr(open, close + 2 - open), .name = std::string(body)};
    if (const size_t paren = body.find('('); paren != absl::string_view::npos) {
      if (body.back() != ')') return absl::InvalidArgumentError(absl::StrCat("malformed macro {{", body, "}}"));
      macro.name = std::string(absl::StripAsciiWhitespace(body.substr(0, paren)));
      macro.args = SplitArguments(body.substr(paren + 1, body.size() - paren - 2));
    }
    macros.push_back(std::move(macro));
    from = close + 2;
  }
}

absl::StatusOr<std::string> ExpandMacros(absl::string_view sql, const MacroExpander& expand, SqlParams& params) {
  absl::StatusOr<std::vector<MacroCall>> macros = FindMacros(sql);
  if (!macros.ok()) return macros.status();
  std::vector<absl::string_view> spans;
  for (const MacroCall& macro : *macros) spans.push_back(macro.text);
  return ReplaceSpans(sql, spans, [&](size_t i) { return expand((*macros)[i].name, (*macros)[i].args, params); });
}

absl::StatusOr<BoundSql> BindParameters(absl::string_view sql, const SqlParams& params, const Dialect& dialect) {
  BoundSql bound;
  absl::StatusOr<std::string> text =
      RewriteParameters(sql, dialect.backend(), [&](const std::string& name) -> absl::StatusOr<std::string> {
        const auto it = params.find(name);
        if (it == params.end()) return absl::InvalidArgumentError(absl::StrCat("unknown parameter :", name));
        bound.values.push_back(it->second);
        return dialect.Placeholder(absl::StrCat("p", bound.values.size()), it->second.type);
      });
  if (!text.ok()) return text.status();
  bound.text = *std::move(text);
  return bound;
}

std::vector<std::string> ParameterNames(absl::string_view sql, const Dialect& dialect) {
  std::vector<std::string> names;
  (void)RewriteParameters(sql, dialect.backend(), [&](const std::string& name) -> absl::StatusOr<std::string> {
    names.push_back(name);
    return std::string();
  });
  return names;
}

}  // namespace salesmetrics
