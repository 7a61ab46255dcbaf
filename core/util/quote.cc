#include "core/util/quote.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace salesmetrics {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0.
size_t Utf8SequenceLength(absl::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = 0;
  unsigned char min_second = 0x80, max_second = 0xBF;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (size_t k = i + 2; k < i + length; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return length;
}

// Appends text[0, limit) with control characters and invalid UTF-8
// escaped, and for a quoted value its quotes and backslashes too; returns
// how many bytes of text it used.
size_t AppendEscaped(absl::string_view text, size_t limit, bool quoted, std::string& out) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = Utf8SequenceLength(text, i);
    if (i + std::max<size_t>(length, 1) > limit) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (length == 0) {
      absl::StrAppendFormat(&out, "\\x%02x", c);
      ++i;
      continue;
    }
    if (length == 1) {
      switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\\': out += quoted ? "\\\\" : "\\"; break;
        case '"': out += quoted ? "\\\"" : "\""; break;
        default:
          if (c < 0x20 || c == 0x7F) {
            absl::StrAppendFormat(&out, "\\x%02x", c);
          } else {
            out += static_cast<char>(c);
          }
      }
    } else {
      out.append(text.data() + i, length);
    }
    i += length;
  }
  return i;
}

}  // namespace

std::string Quote(absl::string_view value) {
  std::string out = "\"";
  const size_t used = AppendEscaped(value, kQuotedPrefixBytes, /*quoted=*/true, out);
  out += "\"";
  if (used < value.size()) absl::StrAppend(&out, "... (", value.size(), " bytes)");
  return out;
}

std::string EscapedPrefix(absl::string_view value) {
  std::string out;
  const size_t used = AppendEscaped(value, kQuotedPrefixBytes, /*quoted=*/true, out);
  if (used < value.size()) absl::StrAppend(&out, "... (", value.size(), " bytes)");
  return out;
}

std::string EscapeForLog(absl::string_view text, size_t max_bytes) {
  std::string out;
  const size_t used = AppendEscaped(text, max_bytes, /*quoted=*/false, out);
  if (used < text.size()) absl::StrAppend(&out, "... (", text.size() - used, " more bytes)");
  return out;
}

}  // namespace salesmetrics
