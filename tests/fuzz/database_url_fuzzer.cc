// Fuzzes ParseDatabaseUrl, and checks that the form of a URL meant for logs
// never holds a password libpq would use: the one after "user:" in the
// authority, or a password= parameter.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/db/database_url.h"
#include "tests/fuzz/fuzz_support.h"

namespace salesmetrics::fuzzing {
namespace {

// The passwords libpq reads from a postgresql:// URL (RFC 3986 as libpq
// reads it: user info ends at the first '@' before any '/').
std::vector<std::string> Passwords(absl::string_view url) {
  std::vector<std::string> passwords;
  absl::string_view rest = url.substr(url.find("://") + 3);
  const size_t info_end = rest.find_first_of("@/");
  if (info_end != absl::string_view::npos && rest[info_end] == '@') {
    absl::string_view info = rest.substr(0, info_end);
    if (const size_t colon = info.find(':'); colon != absl::string_view::npos) {
      passwords.emplace_back(info.substr(colon + 1));
    }
    rest.remove_prefix(info_end + 1);
  }
  if (const size_t query = rest.find('?'); query != absl::string_view::npos) {
    for (absl::string_view param : absl::StrSplit(rest.substr(query + 1), '&')) {
      if (absl::ConsumePrefix(&param, "password=")) passwords.emplace_back(param);
    }
  }
  return passwords;
}

// Occurrences of `needle` in `text`, overlapping ones included.
int Count(absl::string_view text, absl::string_view needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != absl::string_view::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace
}  // namespace salesmetrics::fuzzing

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace salesmetrics::fuzzing;
  const absl::string_view text = AsText(data, size);
  absl::StatusOr<salesmetrics::DatabaseUrl> url = salesmetrics::ParseDatabaseUrl(text);
  if (!url.ok()) return 0;
  if (url->backend == salesmetrics::Backend::kSqlite) {
    Require(!url->path.empty(), "a SQLite URL without a file was accepted");
    return 0;
  }
  Require(url->conninfo == text, "a PostgreSQL URL does not reach libpq as it was given");
  // Redacting removes each password where it stands, so the redacted URL
  // holds it fewer times than the URL, by at least the times it is a
  // password. (One holding '*' could be made up by the "***" put in.)
  const std::vector<std::string> passwords = Passwords(text);
  for (const std::string& password : passwords) {
    if (password.empty() || absl::StrContains(password, '*')) continue;
    const int uses = static_cast<int>(std::count(passwords.begin(), passwords.end(), password));
    Require(Count(url->redacted, password) <= Count(text, password) - uses,
            absl::StrCat("the password \"", absl::CEscape(password), "\" is in the redacted URL \"",
                         absl::CEscape(url->redacted), "\""));
  }
  return 0;
}
