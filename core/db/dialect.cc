#include "core/db/dialect.h"

#include "absl/strings/str_cat.h"

namespace salesmetrics {

std::string Dialect::Placeholder(absl::string_view name, SqlType type) const {
  if (backend_ == Backend::kSqlite) return absl::StrCat(":", name);
  switch (type) {
    case SqlType::kInt64:
      return absl::StrCat("CAST(:", name, " AS BIGINT)");
    case SqlType::kDouble:
      return absl::StrCat("CAST(:", name, " AS DOUBLE PRECISION)");
    case SqlType::kText:
      return absl::StrCat("CAST(:", name, " AS TEXT)");
    case SqlType::kDate:
      return absl::StrCat("CAST(:", name, " AS DATE)");
    case SqlType::kTimestamp:
      return absl::StrCat("CAST(:", name, " AS TIMESTAMP)");
  }
  return absl::StrCat(":", name);
}

std::string Dialect::EpochSeconds(absl::string_view expr) const {
  // unixepoch (SQLite 3.38) is strftime('%s') as an integer, a fifth cheaper.
  if (backend_ == Backend::kSqlite) return absl::StrCat("unixepoch(", expr, ")");
  // FLOOR, as SQLite's unixepoch drops fractional seconds too.
  // date_part gives a double where EXTRACT gives a numeric, which costs
  // twice as much over many rows; a double holds a timestamp's microseconds
  // exactly enough for FLOOR until 2106.
  return absl::StrCat("CAST(FLOOR(date_part('epoch', ", expr, ")) AS BIGINT)");
}

std::string Dialect::CollateC() const { return backend_ == Backend::kSqlite ? "" : " COLLATE \"C\""; }

}  // namespace salesmetrics
