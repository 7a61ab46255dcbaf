// Runs a statement on a leased connection and returns its rows as typed
// tuples, for the server's own queries (dashboards, alerts). Results are
// aggregates, so they are read whole.
//
//   absl::StatusOr<std::vector<std::tuple<int64_t, std::optional<std::string>>>> rows =
//       QueryRows<int64_t, std::optional<std::string>>(lease, sql);
#ifndef SALESMETRICS_CORE_QUERY_QUERY_ROWS_H_
#define SALESMETRICS_CORE_QUERY_QUERY_ROWS_H_

#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/db/connection_pool.h"
#include "core/query/result_cursor.h"
#include "core/query/sql_template.h"

namespace salesmetrics {
namespace query_rows_internal {

template <typename T>
struct Column;
template <>
struct Column<int64_t> {
  static constexpr char kType = 'i';
  static int64_t Read(const ResultCursor& c, size_t i) { return c.Int64(i); }
};
template <>
struct Column<double> {
  static constexpr char kType = 'd';
  static double Read(const ResultCursor& c, size_t i) { return c.Double(i); }
};
template <>
struct Column<std::string> {
  static constexpr char kType = 't';
  static std::string Read(const ResultCursor& c, size_t i) { return c.Text(i); }
};
template <typename T>
struct Column<std::optional<T>> {
  static constexpr char kType = Column<T>::kType;
  static std::optional<T> Read(const ResultCursor& c, size_t i) {
    if (c.IsNull(i)) return std::nullopt;
    return Column<T>::Read(c, i);
  }
};

template <typename... Columns, size_t... I>
std::tuple<Columns...> ReadRow(const ResultCursor& cursor, std::index_sequence<I...>) {
  return {Column<Columns>::Read(cursor, I)...};
}

}  // namespace query_rows_internal

// A NULL in a column not read as std::optional reads as 0 or "".
template <typename... Columns>
absl::StatusOr<std::vector<std::tuple<Columns...>>> QueryRows(ConnectionPool::Lease& lease, const BoundSql& sql) {
  static constexpr char kTypes[] = {query_rows_internal::Column<Columns>::kType..., '\0'};
  std::vector<std::tuple<Columns...>> rows;
  try {
    ResultCursor cursor(lease.session(), sql, kTypes);
    while (cursor.Next()) {
      rows.push_back(query_rows_internal::ReadRow<Columns...>(cursor, std::index_sequence_for<Columns...>{}));
    }
  } catch (const std::exception& e) {
    return lease.Fail(e);
  }
  return rows;
}

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_QUERY_QUERY_ROWS_H_
