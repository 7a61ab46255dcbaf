#include "core/engine/additive_rows.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace salesmetrics {

absl::Status AdditiveRows::CheckColumnTypes(absl::string_view column_types) {
  if (column_types.size() >= 3 && absl::StartsWith(column_types, "it") &&
      column_types.find_first_not_of('i', 2) == absl::string_view::npos) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat("a query with {{additive_buckets}} gives (bucket, group_key, sums...) "
                                                 "with column types \"it\" then 'i's, not \"",
                                                 column_types, "\""));
}

absl::Status AdditiveRows::ReadAll(ResultCursor& cursor) {
  Sums row;
  while (cursor.Next()) {
    row.values.assign(column_count_, 0);
    row.present.assign(column_count_, false);
    for (size_t c = 2; c < column_count_; ++c) {
      if (cursor.IsNull(c)) continue;
      row.values[c] = cursor.Int64(c);
      row.present[c] = true;
    }
    const Cell cell = {cursor.Int64(0), cursor.IsNull(1) ? std::nullopt : std::optional(cursor.Text(1))};
    if (absl::Status s = AddTo(cell, row); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status AdditiveRows::AddTo(const Cell& cell, const Sums& sums) {
  Sums& to = cells_[cell];
  if (to.values.empty()) {
    to.values.assign(column_count_, 0);
    to.present.assign(column_count_, false);
  }
  for (size_t c = 2; c < column_count_; ++c) {
    if (!sums.present[c]) continue;
    if (__builtin_add_overflow(to.values[c], sums.values[c], &to.values[c])) {
      return absl::OutOfRangeError("a sum of the cells of an additive query overflows 64 bits");
    }
    to.present[c] = true;
  }
  return absl::OkStatus();
}

absl::Status AdditiveRows::Derive(const AdditiveRows& read, bool by_group, bool add_whole_period) {
  for (const auto& [cell, sums] : read.cells_) {
    const std::optional<std::string>& key = by_group ? cell.second : std::nullopt;
    if (absl::Status s = AddTo({cell.first, key}, sums); !s.ok()) return s;
    if (add_whole_period) {
      if (absl::Status s = AddTo({0, key}, sums); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

bool AdditiveRows::Next() {
  if (!reading_) {
    reading_ = true;
    current_ = cells_.begin();
  } else if (current_ != cells_.end()) {
    ++current_;
  }
  return current_ != cells_.end();
}

bool AdditiveRows::IsNull(size_t column) const {
  if (column == 0) return false;
  if (column == 1) return !current_->first.second.has_value();
  return column >= column_count_ || !current_->second.present[column];
}

int64_t AdditiveRows::Int64(size_t column) const {
  if (column == 0) return current_->first.first;
  return column >= 2 && column < column_count_ ? current_->second.values[column] : 0;
}

const std::string& AdditiveRows::Text(size_t column) const {
  static const std::string kNone;
  return column == 1 && current_->first.second.has_value() ? *current_->first.second : kNone;
}

}  // namespace salesmetrics
