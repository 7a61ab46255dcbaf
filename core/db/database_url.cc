#include "core/db/database_url.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace salesmetrics {
namespace {

// The URL with its passwords as ***: the one in "user:secret@host", and
// libpq's "password" parameter ("...?sslmode=require&password=secret"). It
// reads the URL as libpq does: the user info ends at the first '@' before
// any '/', and the query starts at the first '?' after it.
std::string RedactPassword(absl::string_view url) {
  std::string out(url);
  const size_t scheme_end = out.find("://");
  size_t host = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const size_t info_end = out.find_first_of("@/", host);
  if (info_end != std::string::npos && out[info_end] == '@') {
    const size_t colon = out.find(':', host);
    if (colon < info_end) out.replace(colon + 1, info_end - colon - 1, "***");
    host = out.find('@', host) + 1;
  }
  const size_t query = out.find('?', host);
  if (query == std::string::npos) return out;
  std::vector<std::string> parameters = absl::StrSplit(out.substr(query + 1), '&');
  for (std::string& parameter : parameters) {
    if (absl::StartsWith(parameter, "password=")) parameter = "password=***";
  }
  return absl::StrCat(out.substr(0, query + 1), absl::StrJoin(parameters, "&"));
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
    return DatabaseUrl{Backend::kPostgres, "", std::string(url), RedactPassword(url)};
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "database URL \"", RedactPassword(url),
      "\" is neither sqlite3:///path/to.db nor postgresql://user@host:port/dbname"));
}

}  // namespace salesmetrics
