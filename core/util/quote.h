// Quoting values in error messages and log lines: at most a short prefix,
// with quotes, backslashes and control characters escaped, so that no value
// can make a message long or forge a log line.
//
//   errors.Add("time_zone", absl::StrCat("unknown time zone ", Quote(name)));
//   // time_zone: unknown time zone "Mars/Olympus\n..." (1048576 bytes)
#ifndef SALESMETRICS_CORE_UTIL_QUOTE_H_
#define SALESMETRICS_CORE_UTIL_QUOTE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace salesmetrics {

// The most bytes of a value that Quote shows.
inline constexpr size_t kQuotedPrefixBytes = 48;

// `value` in double quotes, escaped; a longer value is cut at
// kQuotedPrefixBytes (on a UTF-8 boundary) and its length stated.
std::string Quote(absl::string_view value);
// The same without the quotes: for a value inside a field path, such as
// parameters[NAME].
std::string EscapedPrefix(absl::string_view value);

// `text` with control characters and invalid UTF-8 escaped, cut at
// `max_bytes` with a note of what was left out: for whole messages in a
// log line or an error. It leaves backslashes alone, so escaping twice
// changes nothing.
std::string EscapeForLog(absl::string_view text, size_t max_bytes);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_UTIL_QUOTE_H_
