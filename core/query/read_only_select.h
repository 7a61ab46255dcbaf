// The check of a declarative metric's query when it is loaded: one SELECT
// that changes nothing and reaches nothing beyond the database's tables.
//
// The database is what stops writes: every query runs in a read-only
// transaction on a read-only connection. This check gives a clear early
// error, and refuses what a read-only transaction lets through: functions
// that read the server's files, run programs, connect elsewhere, run a
// string as SQL or wait (refused_sql.h lists them).
#ifndef SALESMETRICS_CORE_QUERY_READ_ONLY_SELECT_H_
#define SALESMETRICS_CORE_QUERY_READ_ONLY_SELECT_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/db/dialect.h"

namespace salesmetrics {

// OK when `sql`, read as `dialect`'s database reads it (sql_tokens.h), is
// one statement (a trailing ';' allowed) that starts with SELECT or WITH
// (or parentheses around one), names no refused keyword or function
// outside literals, quoted identifiers and comments, and uses no parameter
// but :name. Its {{macros}} must stand outside literals and comments, with
// arguments of whole tokens. Else InvalidArgument saying why, in words
// that follow "sql ": "holds more than one statement", "is not read-only:
// it uses DELETE", "calls pg_read_file, which reads the server's files".
absl::Status CheckReadOnlySelect(absl::string_view sql, const Dialect& dialect);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_QUERY_READ_ONLY_SELECT_H_
