#include "core/engine/whole_period_sums.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace salesmetrics {

absl::Status WholePeriodSums::CheckColumnTypes(absl::string_view column_types) {
  if (column_types.size() >= 3 && absl::StartsWith(column_types, "it") &&
      column_types.find_first_not_of('i', 2) == absl::string_view::npos) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat("a query with {{additive_buckets}} gives (bucket, group_key, sums...) "
                                                 "with column types \"it\" then 'i's, not \"",
                                                 column_types, "\""));
}

absl::Status WholePeriodSums::Add(const ResultCursor& row) {
  std::optional<std::string> key;
  if (!row.IsNull(1)) key = row.Text(1);
  Sums& sums = groups_[std::move(key)];
  if (sums.values.empty()) {
    sums.values.assign(column_count_, 0);
    sums.present.assign(column_count_, false);
  }
  for (size_t c = 2; c < column_count_; ++c) {
    if (row.IsNull(c)) continue;
    if (__builtin_add_overflow(sums.values[c], row.Int64(c), &sums.values[c])) {
      return absl::OutOfRangeError("a sum over the whole period overflows 64 bits");
    }
    sums.present[c] = true;
  }
  return absl::OkStatus();
}

bool WholePeriodSums::Next() {
  if (!reading_) {
    reading_ = true;
    current_ = groups_.begin();
  } else if (current_ != groups_.end()) {
    ++current_;
  }
  return current_ != groups_.end();
}

bool WholePeriodSums::IsNull(size_t column) const {
  if (column == 0) return false;
  if (column == 1) return !current_->first.has_value();
  return column >= column_count_ || !current_->second.present[column];
}

int64_t WholePeriodSums::Int64(size_t column) const {
  return column >= 2 && column < column_count_ ? current_->second.values[column] : 0;
}

const std::string& WholePeriodSums::Text(size_t column) const {
  static const std::string kNone;
  return column == 1 && current_->first.has_value() ? *current_->first : kNone;
}

}  // namespace salesmetrics
