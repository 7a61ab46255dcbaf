// The whole period's rows of a query written with {{additive_buckets}},
// added up from its buckets' rows.
//
// Such a query gives (bucket, group_key, sums...): every column after the
// group key is a sum or a count over the rows of its cell. The buckets of a
// series partition the period, so the whole period's row of a group is the
// sum of that group's bucket rows, and the database need not aggregate every
// row a second time for bucket 0.
#ifndef SALESMETRICS_CORE_ENGINE_WHOLE_PERIOD_SUMS_H_
#define SALESMETRICS_CORE_ENGINE_WHOLE_PERIOD_SUMS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/query/result_cursor.h"

namespace salesmetrics {

class WholePeriodSums {
 public:
  // Whether a query of these column types can be summed: "it" then 'i's.
  static absl::Status CheckColumnTypes(absl::string_view column_types);

  explicit WholePeriodSums(size_t column_count) : column_count_(column_count) {}

  // Adds a bucket's row; fails when a sum would overflow.
  absl::Status Add(const ResultCursor& row);

  // Moves to the next whole-period row (bucket 0), one per group key seen.
  bool Next();
  bool reading() const { return reading_; }

  bool IsNull(size_t column) const;
  int64_t Int64(size_t column) const;
  const std::string& Text(size_t column) const;

 private:
  struct Sums {
    std::vector<int64_t> values;
    std::vector<bool> present;  // a column is NULL while no row gave it a value
  };
  size_t column_count_;
  std::map<std::optional<std::string>, Sums> groups_;
  std::map<std::optional<std::string>, Sums>::const_iterator current_;
  bool reading_ = false;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_WHOLE_PERIOD_SUMS_H_
