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
  if (backend_ == Backend::kSqlite) return absl::StrCat("CAST(strftime('%s', ", expr, ") AS INTEGER)");
  // FLOOR, as SQLite's strftime('%s') drops fractional seconds too.
  return absl::StrCat("CAST(FLOOR(EXTRACT(EPOCH FROM ", expr, ")) AS BIGINT)");
}

std::string Dialect::CollateC() const { return backend_ == Backend::kSqlite ? "" : " COLLATE \"C\""; }

}  // namespace salesmetrics
