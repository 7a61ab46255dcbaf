#include "core/time/time_zones.h"

#include <sys/stat.h>

#include <cstdlib>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/util/quote.h"

namespace salesmetrics {
namespace {

// Where Abseil (cctz) reads zone files from.
std::string ZoneInfoDir() {
  const char* dir = std::getenv("TZDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
}

// A name that can only denote a file below the zone directory.
bool IsWellFormedName(absl::string_view name) {
  if (name.empty() || name.size() > kMaxTimeZoneNameBytes || name.front() == '/' || name.back() == '/') return false;
  if (absl::StrContains(name, "..") || absl::StrContains(name, "//")) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

bool ZoneFileExists(absl::string_view name) {
  struct stat info {};
  return stat(absl::StrCat(ZoneInfoDir(), "/", name).c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

absl::Mutex cache_mu(absl::kConstInit);
absl::flat_hash_map<std::string, absl::TimeZone>& Cache() ABSL_EXCLUSIVE_LOCKS_REQUIRED(cache_mu) {
  static auto* cache = new absl::flat_hash_map<std::string, absl::TimeZone>();
  return *cache;
}

absl::Status Unknown(absl::string_view name) {
  return absl::InvalidArgumentError(
      absl::StrCat("unknown time zone ", Quote(name), "; use an IANA name such as Asia/Shanghai or UTC"));
}

}  // namespace

absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view name) {
  {
    absl::MutexLock lock(&cache_mu);
    if (const auto it = Cache().find(name); it != Cache().end()) return it->second;
  }
  if (!IsWellFormedName(name)) return Unknown(name);
  absl::TimeZone zone;
  if (name != "UTC" && !ZoneFileExists(name)) return Unknown(name);
  if (!absl::LoadTimeZone(std::string(name), &zone)) return Unknown(name);
  absl::MutexLock lock(&cache_mu);
  Cache().emplace(std::string(name), zone);
  return zone;
}

}  // namespace salesmetrics
