// The one database URL form for both backends:
//   sqlite3:///absolute/path/demo.db   or   sqlite3:relative/path/demo.db
//   postgresql://user[:password]@host[:port]/dbname[?param=value...]
#ifndef SALESMETRICS_CORE_DB_DATABASE_URL_H_
#define SALESMETRICS_CORE_DB_DATABASE_URL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace salesmetrics {

enum class Backend { kSqlite, kPostgres };

struct DatabaseUrl {
  Backend backend;
  std::string path;      // SQLite: the database file
  std::string conninfo;  // PostgreSQL: the URL, as libpq takes it
  std::string redacted;  // for logs: the URL without its password
};

absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(absl::string_view url);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DB_DATABASE_URL_H_
