// Tells whether a tenant's data may have changed since an answer was
// computed, for the result cache.
//
// SQLite: PRAGMA data_version, on a connection of its own, changes with
// every commit by any other connection or process; and the file's identity
// changes when another file takes its place. PostgreSQL has nothing
// as cheap and as sure without changes to the CRM database, so there an
// answer is bounded by its age alone (ResultCache::Options::max_age).
// On both, an outage of the database changes the version, and during one
// there is none: requests are computed, and fail as they should.
#ifndef SALESMETRICS_SERVER_CACHE_DATA_VERSION_H_
#define SALESMETRICS_SERVER_CACHE_DATA_VERSION_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/db/connection_pool.h"

namespace soci {
class session;
}

namespace salesmetrics {

class DataVersion {
 public:
  // `pool` is the tenant's, whose outages it follows.
  explicit DataVersion(const ConnectionPool* pool);
  ~DataVersion();
  DataVersion(const DataVersion&) = delete;
  DataVersion& operator=(const DataVersion&) = delete;

  // The data's version now: equal versions mean unchanged data. An error
  // when it cannot be read (the answer is then computed, not cached).
  absl::StatusOr<std::string> Current();

 private:
  const ConnectionPool* pool_;
  absl::Mutex mu_;
  // SQLite: a connection of its own, to the file identified by dev and ino.
  std::unique_ptr<soci::session> session_ ABSL_GUARDED_BY(mu_);
  dev_t file_dev_ ABSL_GUARDED_BY(mu_) = 0;
  ino_t file_ino_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t opens_ ABSL_GUARDED_BY(mu_) = 0;  // of session_: part of the version
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_CACHE_DATA_VERSION_H_
