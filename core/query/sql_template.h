// Turning a metric's SQL text into a statement for the configured backend.
//
// Two steps:
//  1. ExpandMacros replaces {{name}} and {{name(arg, ...)}} with SQL
//     (see metric_sql.h for the macros metrics use).
//  2. BindParameters replaces each :name token (sql_tokens.h: not in a
//     literal, quoted identifier or comment) with a numbered placeholder,
//     typed for the backend, and lists the values in order. Every value
//     from a request reaches the database this way, never spliced into the
//     text.
#ifndef SALESMETRICS_CORE_QUERY_SQL_TEMPLATE_H_
#define SALESMETRICS_CORE_QUERY_SQL_TEMPLATE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/db/dialect.h"

namespace salesmetrics {

// A value bound to a statement parameter. Dates and timestamps are held as
// text in the schema's canonical form ("YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS").
struct SqlValue {
  SqlType type = SqlType::kText;
  int64_t integer = 0;
  double real = 0;
  std::string text;

  static SqlValue Int64(int64_t v) { return {SqlType::kInt64, v, 0, ""}; }
  static SqlValue Double(double v) { return {SqlType::kDouble, 0, v, ""}; }
  static SqlValue Text(std::string v) { return {SqlType::kText, 0, 0, std::move(v)}; }
  static SqlValue Date(std::string v) { return {SqlType::kDate, 0, 0, std::move(v)}; }
  static SqlValue Timestamp(std::string v) { return {SqlType::kTimestamp, 0, 0, std::move(v)}; }
};

// Named parameter values, without the colon.
using SqlParams = absl::flat_hash_map<std::string, SqlValue>;

// Expands one macro: its name and trimmed arguments. It may add the
// parameters its SQL uses to `params`.
using MacroExpander = std::function<absl::StatusOr<std::string>(
    absl::string_view name, const std::vector<std::string>& args, SqlParams& params)>;

absl::StatusOr<std::string> ExpandMacros(absl::string_view sql, const MacroExpander& expand, SqlParams& params);

// A {{macro}} as ExpandMacros reads it: from "{{" through "}}" (a view of
// the SQL), its name and its trimmed arguments.
struct MacroCall {
  absl::string_view text;
  std::string name;
  std::vector<std::string> args;
};

// The macros of `sql` in order, wherever they stand (in literals too), as
// ExpandMacros finds them; InvalidArgument when one is not terminated or
// malformed.
absl::StatusOr<std::vector<MacroCall>> FindMacros(absl::string_view sql);

// A statement ready for SOCI: `text` uses :p1, :p2, ... in order of
// appearance, and values[i] belongs to :p{i+1}.
struct BoundSql {
  std::string text;
  std::vector<SqlValue> values;
};

// Fails with InvalidArgument naming a :parameter that `params` lacks, or
// saying what in `sql` is not terminated (sql_tokens.h).
absl::StatusOr<BoundSql> BindParameters(absl::string_view sql, const SqlParams& params, const Dialect& dialect);

// The names of the :parameters in `sql` (outside literals, quoted
// identifiers and comments), as BindParameters binds them; none when `sql`
// does not tokenize.
std::vector<std::string> ParameterNames(absl::string_view sql, const Dialect& dialect);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_QUERY_SQL_TEMPLATE_H_
