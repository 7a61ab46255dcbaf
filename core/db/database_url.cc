#include "core/db/database_url.h"

#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace salesmetrics {
namespace {

// "scheme://user:secret@host" becomes "scheme://user:***@host".
std::string RedactPassword(const std::string& url) {
  static const std::regex kPassword("(://[^:/@]*:)[^@/]*@");
  return std::regex_replace(url, kPassword, "$1***@");
}

}  // namespace

absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(absl::string_view url) {
  absl::string_view rest = url;
  if (absl::ConsumePrefix(&rest, "sqlite3:") || absl::ConsumePrefix(&rest, "sqlite:")) {
    absl::ConsumePrefix(&rest, "//");
    if (rest.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("database URL \"", url, "\" names no SQLite file"));
    }
    return DatabaseUrl{Backend::kSqlite, std::string(rest), "", std::string(url)};
  }
  if (absl::StartsWith(url, "postgresql://") || absl::StartsWith(url, "postgres://")) {
    return DatabaseUrl{Backend::kPostgres, "", std::string(url), RedactPassword(std::string(url))};
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "database URL \"", RedactPassword(std::string(url)),
      "\" is neither sqlite3:///path/to.db nor postgresql://user@host:port/dbname"));
}

}  // namespace salesmetrics
