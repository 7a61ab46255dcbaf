#include "server/cache/data_version.h"

#include <soci/soci.h>
#include <sys/stat.h>

#include "absl/strings/str_cat.h"

namespace salesmetrics {

DataVersion::DataVersion(const ConnectionPool* pool) : pool_(pool) {}

DataVersion::~DataVersion() = default;

absl::StatusOr<std::string> DataVersion::Current() {
  if (pool_->in_outage()) return absl::UnavailableError("the database is unavailable");
  const std::string outages = absl::StrCat(pool_->outages());
  if (pool_->url().backend != Backend::kSqlite) return outages;
  // The file's identity first: a file replaced or gone is another version,
  // or none, even while the connection still reads the old one.
  struct stat file;
  if (stat(pool_->url().path.c_str(), &file) != 0) return absl::UnavailableError("the database file is gone");
  absl::MutexLock lock(&mu_);
  if (session_ == nullptr || file.st_dev != file_dev_ || file.st_ino != file_ino_) {
    absl::StatusOr<std::unique_ptr<soci::session>> opened = OpenSession(pool_->url(), /*read_only=*/true);
    if (!opened.ok()) return opened.status();
    session_ = *std::move(opened);
    ++opens_;  // a new connection counts data_version from its own start
    // Never wait for a writer's lock: no version then, and the answer is
    // computed.
    try {
      *session_ << "PRAGMA busy_timeout = 0";
    } catch (const std::exception&) {
      session_.reset();
      return absl::UnavailableError("the database's data version cannot be read");
    }
    file_dev_ = file.st_dev;
    file_ino_ = file.st_ino;
  }
  try {
    long long version = 0;
    *session_ << "PRAGMA data_version", soci::into(version);
    return absl::StrCat(outages, ".", file_dev_, ":", file_ino_, ".", opens_, ".", version);
  } catch (const std::exception& e) {
    session_.reset();  // opened afresh next time
    return absl::UnavailableError("the database's data version cannot be read");
  }
}

}  // namespace salesmetrics
