// Runs a bound statement and reads its rows with typed columns.
//
// Column types are given up front ('i' int64, 'd' double, 't' text) because
// SOCI's dynamic rows lose exactness: PostgreSQL's SUM(bigint) is numeric
// and arrives as a double, and SQLite reports expressions as text. Typed
// reads are exact on both backends.
#ifndef SALESMETRICS_CORE_QUERY_RESULT_CURSOR_H_
#define SALESMETRICS_CORE_QUERY_RESULT_CURSOR_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "core/query/sql_template.h"

namespace soci {
class session;
}  // namespace soci

namespace salesmetrics {

class ResultCursor {
 public:
  // Prepares and executes `sql`. Throws soci::soci_error (the caller maps
  // it to a status with the session at hand) or std::invalid_argument for
  // a bad column type.
  ResultCursor(soci::session& session, const BoundSql& sql, absl::string_view column_types);
  ~ResultCursor();

  // Moves to the next row; false when there are no more. Throws like the
  // constructor.
  bool Next();

  size_t column_count() const { return types_.size(); }
  bool IsNull(size_t column) const;
  int64_t Int64(size_t column) const;
  double Double(size_t column) const;
  const std::string& Text(size_t column) const;

 private:
  struct Buffers;
  std::string types_;
  std::unique_ptr<Buffers> buffers_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_QUERY_RESULT_CURSOR_H_
