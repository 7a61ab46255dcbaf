// What a metric's query may not name, and why: the lists behind
// CheckReadOnlySelect (read_only_select.h).
#ifndef SALESMETRICS_CORE_QUERY_REFUSED_SQL_H_
#define SALESMETRICS_CORE_QUERY_REFUSED_SQL_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace salesmetrics {

// Why the bare keyword `word` (any case) is refused, as the end of a
// sentence ("is not read-only: it uses DELETE", "uses COPY, which ..."), or
// nullopt when it is allowed.
std::optional<std::string> RefusedKeyword(absl::string_view word);

// Why calling the function `name` (lower case, without its schema) is
// refused ("calls pg_read_file, which reads the server's files"), or
// nullopt when it is allowed. Refused on both databases: a function of one
// is at best unknown to the other.
std::optional<std::string> RefusedFunction(absl::string_view name);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_QUERY_REFUSED_SQL_H_
