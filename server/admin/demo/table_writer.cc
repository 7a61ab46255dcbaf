#include "server/admin/demo/table_writer.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/time/civil_time.h"

namespace salesmetrics::demo {
namespace {

// SQLite's historical limit of parameters per statement.
constexpr size_t kMaxParameters = 999;

}  // namespace

SqlValue::SqlValue(absl::Time t) : value_(FormatSqlTimestamp(t)) {}
SqlValue::SqlValue(absl::CivilDay day) : value_(FormatDate(day)) {}

TableWriter::TableWriter(soci::session& session, std::string table, std::vector<Column> columns)
    : session_(session),
      table_(std::move(table)),
      columns_(std::move(columns)),
      batch_rows_(std::max<size_t>(1, kMaxParameters / columns_.size())),
      slots_(batch_rows_ * columns_.size()) {}

void TableWriter::Add(std::initializer_list<SqlValue> row) {
  if (row.size() != columns_.size()) throw std::logic_error(absl::StrCat("a row of ", table_, " has the wrong size"));
  Slot* row_slots = &slots_[buffered_rows_ * columns_.size()];
  size_t column = 0;
  for (const SqlValue& value : row) {
    row_slots[column].Set(value, columns_[column].kind);
    ++column;
  }
  ++rows_;
  if (++buffered_rows_ == batch_rows_) Flush();
}

void TableWriter::Flush() {
  if (buffered_rows_ == 0) return;
  if (buffered_rows_ == batch_rows_) {
    if (full_batch_insert_ == nullptr) full_batch_insert_ = PrepareInsert(batch_rows_);
    full_batch_insert_->execute(true);
  } else {
    PrepareInsert(buffered_rows_)->execute(true);
  }
  buffered_rows_ = 0;
}

void TableWriter::Slot::Set(const SqlValue& value, ColumnKind kind) {
  indicator = value.is_null() ? soci::i_null : soci::i_ok;
  if (value.is_null()) return;
  if (value.is_integer() != (kind == ColumnKind::kInteger)) throw std::logic_error("a value has the wrong type");
  if (value.is_integer()) {
    integer = value.integer();
  } else {
    text = value.text();
  }
}

std::string TableWriter::InsertSql(size_t rows) const {
  std::vector<std::string> tuples;
  for (size_t row = 0; row < rows; ++row) {
    std::vector<std::string> placeholders;
    for (size_t column = 0; column < columns_.size(); ++column) {
      placeholders.push_back(absl::StrCat(":p", row * columns_.size() + column));
    }
    tuples.push_back(absl::StrCat("(", absl::StrJoin(placeholders, ", "), ")"));
  }
  const std::string names =
      absl::StrJoin(columns_, ", ", [](std::string* out, const Column& column) { absl::StrAppend(out, column.name); });
  return absl::StrCat("INSERT INTO ", table_, " (", names, ") VALUES ", absl::StrJoin(tuples, ", "));
}

std::unique_ptr<soci::statement> TableWriter::PrepareInsert(size_t rows) {
  auto statement = std::make_unique<soci::statement>(session_);
  for (size_t i = 0; i < rows * columns_.size(); ++i) {
    Slot& slot = slots_[i];
    if (columns_[i % columns_.size()].kind == ColumnKind::kInteger) {
      statement->exchange(soci::use(slot.integer, slot.indicator));
    } else {
      statement->exchange(soci::use(slot.text, slot.indicator));
    }
  }
  statement->alloc();
  statement->prepare(InsertSql(rows));
  statement->define_and_bind();
  return statement;
}

}  // namespace salesmetrics::demo
