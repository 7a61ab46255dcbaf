// A fixed number of database connections shared by concurrent requests.
//
// Connections open lazily and reopen after a failure, so the server starts
// while the database is down and recovers when it returns. In read-only
// mode (the service) every connection refuses writes: SQLite through
// PRAGMA query_only, PostgreSQL through read-only transactions.
//
// A SQLite file deleted or replaced under the same name is noticed at the
// next lease: deleted, the lease fails UNAVAILABLE (rather than read the
// deleted copy); replaced, the connection reopens on the new file.
//
//   ConnectionPool pool({.url = *ParseDatabaseUrl(url), .size = 4});
//   absl::StatusOr<ConnectionPool::Lease> lease = pool.AcquireReader(deadline);
//   if (!lease.ok()) return lease.status();  // UNAVAILABLE, DEADLINE_EXCEEDED
//   ... lease->session() ...
#ifndef SALESMETRICS_CORE_DB_CONNECTION_POOL_H_
#define SALESMETRICS_CORE_DB_CONNECTION_POOL_H_

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/db/database_url.h"
#include "core/db/dialect.h"

namespace soci {
class session;
}

namespace salesmetrics {

// Opens one connection; read_only makes it refuse writes.
absl::StatusOr<std::unique_ptr<soci::session>> OpenSession(const DatabaseUrl& url, bool read_only);

// The status for an exception thrown by SOCI on `session`: UNAVAILABLE when
// the connection is lost, DEADLINE_EXCEEDED past `deadline` (or when the
// database cancelled the statement for it), INTERNAL otherwise.
absl::Status StatusFromDatabaseError(soci::session& session, const std::exception& error,
                                     absl::Time deadline);

// Whether `session` still has a working connection.
bool IsConnected(soci::session& session);

// What tells one SQLite file from another put in its place.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  bool operator==(const FileIdentity&) const = default;
};

class ConnectionPool {
 public:
  struct Options {
    DatabaseUrl url;
    int size = 4;
    bool read_only = true;
  };

  explicit ConnectionPool(Options options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A connection held by one user until the lease is destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    soci::session& session() { return *session_; }
    const Dialect& dialect() const { return pool_->dialect_; }

    // Starts a read-only transaction whose statements stop at `deadline`.
    absl::Status BeginRead(absl::Time deadline);
    // When the statements of this lease's transaction stop.
    absl::Time deadline() const { return deadline_; }
    // Ends the transaction started by BeginRead. Called by the destructor.
    void EndRead();
    // Maps an exception from this lease's session to a status, and drops
    // the connection when it is lost.
    absl::Status Fail(const std::exception& error);

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, size_t slot, soci::session* session)
        : pool_(pool), slot_(slot), session_(session) {}
    ConnectionPool* pool_;
    size_t slot_;
    soci::session* session_;
    bool in_transaction_ = false;
    bool broken_ = false;
    absl::Time deadline_ = absl::InfiniteFuture();
  };

  // Waits until a connection is free (or `deadline`), connecting it if
  // needed: UNAVAILABLE when the database cannot be reached.
  absl::StatusOr<Lease> Acquire(absl::Time deadline);

  // Acquire, then BeginRead. A pooled connection that the database dropped
  // (a restart, a failover) only fails at its first statement; then one
  // fresh connection is tried before giving up.
  absl::StatusOr<Lease> AcquireReader(absl::Time deadline);

  // Whether the database answers, on a connection of its own (so that a
  // busy pool does not look like an outage): OK, or UNAVAILABLE with the
  // reason in its log detail.
  absl::Status Probe(absl::Duration timeout);

  // Starts an outage (`outage` not OK) or ends one (OK), as whoever probes
  // decides. During an outage leases fail at once with it, instead of each
  // waiting for a connection attempt; connections made before it are
  // replaced at their next use, as a restarted server has dropped them.
  void SetOutage(absl::Status outage);
  bool in_outage() const { return in_outage_.load(); }
  // How many outages began: what was read before one may be gone after it.
  int64_t outages() const { return outages_.load(); }

  const Dialect& dialect() const { return dialect_; }
  const DatabaseUrl& url() const { return options_.url; }
  int size() const { return options_.size; }

 private:
  void Release(size_t slot, bool broken);
  absl::Status ProbeLocked(absl::Duration timeout) ABSL_EXCLUSIVE_LOCKS_REQUIRED(probe_mu_);

  const Options options_;
  const Dialect dialect_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<soci::session>> sessions_ ABSL_GUARDED_BY(mu_);
  std::vector<bool> in_use_ ABSL_GUARDED_BY(mu_);
  // Each slot's statement deadline, for SQLite's progress handler: it
  // keeps a pointer, so the deadline must not move with its lease. Only
  // the slot's lease holder touches its entry.
  std::vector<absl::Time> deadlines_;
  // The SQLite file each slot's connection opened, and the outage count
  // when it connected; only the slot's lease holder touches its entries.
  std::vector<FileIdentity> files_;
  std::vector<int64_t> generations_;

  absl::Mutex probe_mu_;
  std::unique_ptr<soci::session> probe_session_ ABSL_GUARDED_BY(probe_mu_);
  FileIdentity probe_file_ ABSL_GUARDED_BY(probe_mu_);

  absl::Mutex outage_mu_;
  absl::Status outage_ ABSL_GUARDED_BY(outage_mu_);  // OK: none
  std::atomic<bool> in_outage_{false};  // outage_ is not OK; read without the lock
  std::atomic<int64_t> outages_{0};     // how many began
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DB_CONNECTION_POOL_H_
