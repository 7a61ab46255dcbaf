// The rows of a query written with {{additive_buckets}}, added up by the
// host instead of aggregated again by the database.
//
// Such a query gives (bucket, group_key, sums...): every column after the
// group key is a sum or a count over the rows of its cell. Cells add up:
// the buckets of a series partition the period, so a group's whole period
// (bucket 0) is the sum of its buckets; and when every row has exactly one
// group key (the missing key being one), a bucket's ungrouped total is the
// sum of its groups. So a series need not aggregate each row twice, and a
// grouped request need not run the query ungrouped as well.
#ifndef SALESMETRICS_CORE_ENGINE_ADDITIVE_ROWS_H_
#define SALESMETRICS_CORE_ENGINE_ADDITIVE_ROWS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/query/result_cursor.h"

namespace salesmetrics {

class AdditiveRows {
 public:
  // Whether a query of these column types adds up: "it" then 'i's.
  static absl::Status CheckColumnTypes(absl::string_view column_types);

  explicit AdditiveRows(size_t column_count) : column_count_(column_count) {}

  // Reads every row of `cursor`, adding up rows of the same cell. Throws
  // like ResultCursor::Next; fails when a sum overflows 64 bits.
  absl::Status ReadAll(ResultCursor& cursor);

  // The rows a pass reads, from the rows read: by group key or summed over
  // the keys (key NULL), and with `add_whole_period` also bucket 0, the sum
  // of the buckets. Fails when a sum overflows 64 bits.
  absl::Status Derive(const AdditiveRows& read, bool by_group, bool add_whole_period);

  // Moves to the next derived row.
  bool Next();
  bool IsNull(size_t column) const;
  int64_t Int64(size_t column) const;
  const std::string& Text(size_t column) const;

 private:
  using Cell = std::pair<int64_t, std::optional<std::string>>;  // bucket, group key
  struct Sums {
    std::vector<int64_t> values;
    std::vector<bool> present;  // NULL while no row gave the column a value
  };
  absl::Status AddTo(const Cell& cell, const Sums& sums);

  size_t column_count_;
  std::map<Cell, Sums> cells_;
  std::map<Cell, Sums>::const_iterator current_;
  bool reading_ = false;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_ADDITIVE_ROWS_H_
