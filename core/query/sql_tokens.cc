#include "core/query/sql_tokens.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace salesmetrics {
namespace {

constexpr size_t kNone = absl::string_view::npos;

bool IsNonAscii(char c) { return static_cast<unsigned char>(c) >= 0x80; }
// What :name is made of.
bool IsNameStart(char c) { return absl::ascii_isalpha(c) || c == '_'; }
bool IsNameChar(char c) { return absl::ascii_isalnum(c) || c == '_'; }
// What a word is made of, on both databases.
bool IsWordStart(char c) { return IsNameStart(c) || IsNonAscii(c); }
bool IsWordChar(char c) { return IsNameChar(c) || c == '$' || IsNonAscii(c); }

absl::Status Unterminated(absl::string_view what, size_t offset) {
  return absl::InvalidArgumentError(absl::StrCat("unterminated ", what, " at offset ", offset));
}

class Tokenizer {
 public:
  Tokenizer(absl::string_view sql, Backend backend) : sql_(sql), postgres_(backend == Backend::kPostgres) {}

  absl::StatusOr<std::vector<SqlToken>> Tokens() const {
    std::vector<SqlToken> tokens;
    size_t at = 0;
    while (true) {
      while (at < sql_.size() && absl::ascii_isspace(sql_[at])) ++at;
      if (at == sql_.size()) return tokens;
      absl::StatusOr<SqlToken> token = TokenAt(at);
      if (!token.ok()) return token.status();
      at += token->text.size();
      tokens.push_back(*token);
    }
  }

 private:
  using Kind = SqlTokenKind;

  char At(size_t i) const { return i < sql_.size() ? sql_[i] : '\0'; }
  bool StartsAt(size_t i, absl::string_view text) const { return absl::StartsWith(sql_.substr(i), text); }

  SqlToken Make(Kind kind, size_t start, size_t end) const { return {kind, sql_.substr(start, end - start)}; }
  absl::StatusOr<SqlToken> Make(Kind kind, size_t start, const absl::StatusOr<size_t>& end) const {
    if (!end.ok()) return end.status();
    return Make(kind, start, *end);
  }

  absl::StatusOr<SqlToken> TokenAt(size_t i) const {
    const char c = sql_[i];
    if (StartsAt(i, "--")) return Make(Kind::kComment, i, LineCommentEnd(i));
    if (StartsAt(i, "/*")) return Make(Kind::kComment, i, BlockCommentEnd(i));
    if (c == '\'') return Make(Kind::kString, i, StringEnd(i, /*backslash_escapes=*/false));
    if (c == '"') return Make(Kind::kQuotedIdentifier, i, QuotedEnd(i, "quoted identifier", false));
    if (postgres_) {
      if ((c == 'e' || c == 'E') && At(i + 1) == '\'') return Make(Kind::kString, i, StringEnd(i + 1, true));
      if ((c == 'u' || c == 'U') && At(i + 1) == '&' && At(i + 2) == '\'') {
        return Make(Kind::kString, i, StringEnd(i + 2, false));
      }
      if ((c == 'u' || c == 'U') && At(i + 1) == '&' && At(i + 2) == '"') {
        return Make(Kind::kQuotedIdentifier, i, QuotedEnd(i + 2, "quoted identifier", false));
      }
      if (c == '$' && absl::ascii_isdigit(At(i + 1))) return Make(Kind::kOtherParameter, i, DigitsEnd(i + 1));
      if (c == '$' && DollarTagEnd(i) != kNone) return Make(Kind::kString, i, DollarQuoteEnd(i));
    } else {
      if (c == '[') return Make(Kind::kQuotedIdentifier, i, BracketEnd(i));
      if (c == '`') return Make(Kind::kQuotedIdentifier, i, QuotedEnd(i, "quoted identifier", false));
      if (c == '?') return Make(Kind::kOtherParameter, i, DigitsEnd(i + 1));
      if ((c == ':' && !StartsAt(i, "::")) || c == '@' || c == '$') {
        absl::StatusOr<size_t> end = SqliteVariableEnd(i);
        if (!end.ok()) return end.status();
        if (*end > i + 1) {
          const bool bound = c == ':' && IsNameStart(sql_[i + 1]) && NameEnd(i + 1) == *end;
          return Make(bound ? Kind::kParameter : Kind::kOtherParameter, i, *end);
        }
      }
    }
    if (c == '$') {
      return absl::InvalidArgumentError(absl::StrCat("a '$' that starts nothing at offset ", i));
    }
    if (absl::ascii_isdigit(c) || (c == '.' && absl::ascii_isdigit(At(i + 1)))) {
      return Make(Kind::kNumber, i, NumberEnd(i));
    }
    if (IsWordStart(c)) {
      size_t end = i + 1;
      while (IsWordChar(At(end))) ++end;
      return Make(Kind::kWord, i, end);
    }
    if (StartsAt(i, "::")) return Make(Kind::kPunctuation, i, i + 2);
    if (c == ':' && IsNameStart(At(i + 1))) return Make(Kind::kParameter, i, NameEnd(i + 1));
    return Make(Kind::kPunctuation, i, i + 1);
  }

  size_t NameEnd(size_t i) const {
    while (IsNameChar(At(i))) ++i;
    return i;
  }

  size_t DigitsEnd(size_t i) const {
    while (absl::ascii_isdigit(At(i))) ++i;
    return i;
  }

  // 12, 1.5, .5, 1e-3: a letter after it starts a word.
  size_t NumberEnd(size_t i) const {
    i = DigitsEnd(i);
    if (At(i) == '.') i = DigitsEnd(i + 1);
    if (At(i) == 'e' || At(i) == 'E') {
      const size_t sign = (At(i + 1) == '+' || At(i + 1) == '-') ? 1 : 0;
      if (absl::ascii_isdigit(At(i + 1 + sign))) i = DigitsEnd(i + 1 + sign);
    }
    return i;
  }

  // PostgreSQL also ends a -- comment at a carriage return.
  size_t LineCommentEnd(size_t i) const {
    i += 2;
    while (i < sql_.size() && sql_[i] != '\n' && !(postgres_ && sql_[i] == '\r')) ++i;
    return i;
  }

  absl::StatusOr<size_t> BlockCommentEnd(size_t start) const {
    int depth = 0;
    for (size_t i = start; i < sql_.size();) {
      if (StartsAt(i, "/*") && (depth == 0 || postgres_)) {
        ++depth;
        i += 2;
      } else if (StartsAt(i, "*/")) {
        i += 2;
        if (--depth == 0) return i;
      } else {
        ++i;
      }
    }
    return Unterminated("comment", start);
  }

  // The end of the text quoted from sql_[open] to the same character,
  // doubled inside it to stand for itself.
  absl::StatusOr<size_t> QuotedEnd(size_t open, absl::string_view what, bool backslash_escapes) const {
    const char quote = sql_[open];
    for (size_t i = open + 1; i < sql_.size(); ++i) {
      if (backslash_escapes && sql_[i] == '\\') {
        ++i;
      } else if (sql_[i] == quote) {
        if (At(i + 1) != quote) return i + 1;
        ++i;
      }
    }
    return Unterminated(what, open);
  }

  absl::StatusOr<size_t> BracketEnd(size_t open) const {
    const size_t close = sql_.find(']', open);
    if (close == kNone) return Unterminated("quoted identifier", open);
    return close + 1;
  }

  // A string from the quote at sql_[open]. On PostgreSQL, a quote after
  // whitespace holding a newline continues it, read the same way.
  absl::StatusOr<size_t> StringEnd(size_t open, bool backslash_escapes) const {
    absl::StatusOr<size_t> end = QuotedEnd(open, "string", backslash_escapes);
    while (postgres_ && end.ok()) {
      const size_t next = ContinuingQuote(*end);
      if (next == kNone) break;
      end = QuotedEnd(next, "string", backslash_escapes);
    }
    return end;
  }

  // The quote that continues the string ending at `i`, if any: after
  // spaces and -- comments with at least one newline among them.
  size_t ContinuingQuote(size_t i) const {
    bool newline = false;
    while (i < sql_.size()) {
      const char c = sql_[i];
      if (c == '\n' || c == '\r') {
        newline = true;
        ++i;
      } else if (c == ' ' || c == '\t' || c == '\f' || (newline && c == '\v')) {
        ++i;
      } else if (StartsAt(i, "--")) {
        i = LineCommentEnd(i);
      } else {
        break;
      }
    }
    return newline && At(i) == '\'' ? i : kNone;
  }

  // The end of the $tag$ (tag empty, or a word without '$') at sql_[i], or
  // kNone when none starts there.
  size_t DollarTagEnd(size_t i) const {
    size_t end = i + 1;
    if (IsWordStart(At(end))) {
      while (IsNameChar(At(end)) || IsNonAscii(At(end))) ++end;
    }
    return At(end) == '$' ? end + 1 : kNone;
  }

  absl::StatusOr<size_t> DollarQuoteEnd(size_t open) const {
    const absl::string_view tag = sql_.substr(open, DollarTagEnd(open) - open);
    const size_t close = sql_.find(tag, open + tag.size());
    if (close == kNone) return Unterminated("dollar-quoted string", open);
    return close + tag.size();
  }

  // SQLite reads a parameter from ':', '@' or '$' through word characters
  // and "::", and a "(...)" without whitespace after them. `i` when no
  // word character follows.
  absl::StatusOr<size_t> SqliteVariableEnd(size_t i) const {
    size_t end = i + 1;
    bool named = false;
    while (end < sql_.size()) {
      if (IsWordChar(sql_[end])) {
        named = true;
        ++end;
      } else if (sql_[end] == '(' && named) {
        ++end;
        while (end < sql_.size() && sql_[end] != ')' && !absl::ascii_isspace(sql_[end])) ++end;
        if (At(end) != ')') return Unterminated("parameter", i);
        return end + 1;
      } else if (StartsAt(end, "::")) {
        end += 2;
      } else {
        break;
      }
    }
    return named ? end : i;
  }

  absl::string_view sql_;
  bool postgres_;
};

}  // namespace

absl::StatusOr<std::vector<SqlToken>> TokenizeSql(absl::string_view sql, Backend backend) {
  return Tokenizer(sql, backend).Tokens();
}

std::string IdentifierName(const SqlToken& token) {
  absl::string_view text = token.text;
  if (token.kind != SqlTokenKind::kQuotedIdentifier) return absl::AsciiStrToLower(text);
  if (absl::StartsWithIgnoreCase(text, "u&")) text.remove_prefix(2);
  const std::string quote(1, text.front());
  const absl::string_view inside = text.substr(1, text.size() - 2);
  if (quote == "[") return absl::AsciiStrToLower(inside);
  return absl::AsciiStrToLower(absl::StrReplaceAll(inside, {{quote + quote, quote}}));
}

}  // namespace salesmetrics
