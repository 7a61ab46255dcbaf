#include "core/db/connection_pool.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <poll.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/util/status_detail.h"

namespace salesmetrics {
namespace {

constexpr char kConnectTimeoutSeconds[] = "5";

PGconn* PostgresConnection(soci::session& session) {
  // SOCI does not export the backends' type info, so no dynamic_cast.
  if (session.get_backend() == nullptr || session.get_backend_name() != "postgresql") return nullptr;
  return static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
}

// SOCI's header declares the SQLite API inside namespace sqlite_api.
using sqlite_api::sqlite3;
using sqlite_api::sqlite3_progress_handler;

sqlite3* SqliteConnection(soci::session& session) {
  if (session.get_backend() == nullptr || session.get_backend_name() != "sqlite3") return nullptr;
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

void IgnoreNotice(void*, const char*) {}

absl::Status Unavailable(absl::string_view detail) {
  return WithLogDetail(absl::UnavailableError("the database is unavailable"), detail);
}

// Whether the database is a file that can be deleted or replaced (not an
// in-memory database or a URI).
bool IsFileDatabase(const DatabaseUrl& url) {
  return url.backend == Backend::kSqlite && url.path != ":memory:" && !absl::StartsWith(url.path, "file:");
}

// Whether the file at `path` is another than `seen` (which it becomes);
// UNAVAILABLE when there is none.
absl::StatusOr<bool> FileChanged(const std::string& path, FileIdentity& seen) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    return Unavailable(absl::StrCat("the SQLite file ", path, " is gone: ", strerrordesc_np(errno)));
  }
  const FileIdentity now{info.st_dev, info.st_ino};
  const bool changed = now != seen;
  seen = now;
  return changed;
}

// SQLite answers "database is locked" while a writer holds the file: busy,
// not gone.
bool IsBusy(const std::exception& error) { return absl::StrContains(error.what(), "database is locked"); }

// "SELECT 1" without blocking past `deadline`, even on a server that
// accepts connections but never answers.
absl::Status PingPostgres(PGconn* conn, absl::Time deadline) {
  if (PQsendQuery(conn, "SELECT 1") != 1) return Unavailable(PQerrorMessage(conn));
  for (;;) {
    if (PQconsumeInput(conn) != 1) return Unavailable(PQerrorMessage(conn));
    if (!PQisBusy(conn)) break;
    const int64_t ms = absl::ToInt64Milliseconds(deadline - absl::Now());
    if (ms <= 0) return Unavailable("the database did not answer a probe in time");
    pollfd fd{PQsocket(conn), POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(ms)) < 0 && errno != EINTR) return Unavailable(strerrordesc_np(errno));
  }
  bool answered = true;
  while (PGresult* result = PQgetResult(conn)) {
    answered = answered && PQresultStatus(result) == PGRES_TUPLES_OK;
    PQclear(result);
  }
  return answered ? absl::OkStatus() : Unavailable(PQerrorMessage(conn));
}

// SQLite calls this every few thousand instructions; non-zero interrupts.
int StopPastDeadline(void* deadline) { return absl::Now() >= *static_cast<absl::Time*>(deadline) ? 1 : 0; }

std::string WithConnectTimeout(const std::string& conninfo) {
  if (absl::StrContains(conninfo, "connect_timeout=")) return conninfo;
  return absl::StrCat(conninfo, absl::StrContains(conninfo, "?") ? "&" : "?", "connect_timeout=",
                      kConnectTimeoutSeconds);
}

// What the database said, without the statement SOCI adds as context or
// the line of it PostgreSQL quotes: the log gets no SQL.
std::string DatabaseMessage(const std::exception& error, const std::string& sqlstate) {
  const auto* soci_error = dynamic_cast<const soci::soci_error*>(&error);
  std::string message = soci_error != nullptr ? soci_error->get_error_message() : error.what();
  message = message.substr(0, message.find("\nLINE "));
  absl::StripTrailingAsciiWhitespace(&message);
  if (!sqlstate.empty()) absl::StrAppend(&message, " (SQLSTATE ", sqlstate, ")");
  return message;
}

}  // namespace

absl::StatusOr<std::unique_ptr<soci::session>> OpenSession(const DatabaseUrl& url, bool read_only) {
  try {
    auto session = std::make_unique<soci::session>();
    if (url.backend == Backend::kSqlite) {
      session->open(soci::sqlite3, absl::StrCat("db=", url.path, " timeout=5", read_only ? " readonly=1" : ""));
      *session << "PRAGMA foreign_keys = OFF";
      if (read_only) *session << "PRAGMA query_only = ON";
    } else {
      session->open(soci::postgresql, WithConnectTimeout(url.conninfo));
      PQsetNoticeProcessor(PostgresConnection(*session), &IgnoreNotice, nullptr);
      *session << "SET TIME ZONE 'UTC'";
      // The declarative SQL check reads strings as the standard says.
      *session << "SET standard_conforming_strings = on";
      if (read_only) *session << "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY";
    }
    return session;
  } catch (const std::exception& e) {
    return WithLogDetail(absl::UnavailableError("the database is unavailable"),
                         absl::StrCat("cannot connect to the database ", url.redacted, ": ", e.what()));
  }
}

bool IsConnected(soci::session& session) {
  if (PGconn* conn = PostgresConnection(session)) return PQstatus(conn) == CONNECTION_OK;
  return SqliteConnection(session) != nullptr;
}

absl::Status StatusFromDatabaseError(soci::session& session, const std::exception& error,
                                     absl::Time deadline) {
  std::string sqlstate;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) sqlstate = pg->sqlstate();
  if (absl::Now() >= deadline || sqlstate == "57014") {
    return absl::DeadlineExceededError("the deadline passed while the database was computing");
  }
  if (!IsConnected(session) || absl::StartsWith(sqlstate, "08") || absl::StartsWith(sqlstate, "57P")) {
    return WithLogDetail(absl::UnavailableError("the database connection was lost"),
                         DatabaseMessage(error, sqlstate));
  }
  return WithLogDetail(absl::InternalError("the database refused a query"), DatabaseMessage(error, sqlstate));
}

ConnectionPool::ConnectionPool(Options options)
    : options_(std::move(options)), dialect_(options_.url.backend) {
  sessions_.resize(std::max(1, options_.size));
  in_use_.assign(sessions_.size(), false);
  deadlines_.assign(sessions_.size(), absl::InfiniteFuture());
  files_.resize(sessions_.size());
  generations_.assign(sessions_.size(), 0);
}

ConnectionPool::~ConnectionPool() = default;

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire(absl::Time deadline) {
  if (in_outage_.load()) {
    absl::MutexLock lock(&outage_mu_);
    if (!outage_.ok()) return outage_;
  }
  size_t slot = 0;
  std::unique_ptr<soci::session> session;
  {
    absl::MutexLock lock(&mu_);
    auto has_free = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return std::find(in_use_.begin(), in_use_.end(), false) != in_use_.end();
    };
    if (!mu_.AwaitWithDeadline(absl::Condition(&has_free), deadline)) {
      return absl::DeadlineExceededError("the deadline passed while waiting for a database connection");
    }
    slot = std::find(in_use_.begin(), in_use_.end(), false) - in_use_.begin();
    in_use_[slot] = true;
    session = std::move(sessions_[slot]);
  }
  // Connecting happens outside the lock; the slot is ours meanwhile.
  if (IsFileDatabase(options_.url)) {
    absl::StatusOr<bool> replaced = FileChanged(options_.url.path, files_[slot]);
    if (!replaced.ok()) {
      Release(slot, /*broken=*/true);
      return replaced.status();
    }
    if (*replaced) session.reset();  // read the new file
  }
  const int64_t generation = outages_.load();
  if (generations_[slot] != generation) session.reset();  // connected before an outage: likely dead
  if (session == nullptr || !IsConnected(*session)) {
    absl::StatusOr<std::unique_ptr<soci::session>> opened = OpenSession(options_.url, options_.read_only);
    if (!opened.ok()) {
      Release(slot, /*broken=*/true);
      return opened.status();
    }
    session = std::move(*opened);
    generations_[slot] = generation;
  }
  soci::session* raw = session.get();
  absl::MutexLock lock(&mu_);
  sessions_[slot] = std::move(session);
  return Lease(this, slot, raw);
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::AcquireReader(absl::Time deadline) {
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<Lease> lease = Acquire(deadline);
    if (!lease.ok()) return lease.status();
    const absl::Status status = lease->BeginRead(deadline);
    if (status.ok()) return lease;
    if (!absl::IsUnavailable(status) || attempt == 2) return status;
  }
}

absl::Status ConnectionPool::Probe(absl::Duration timeout) {
  absl::MutexLock lock(&probe_mu_);
  const absl::Status status = ProbeLocked(timeout);
  if (!status.ok()) probe_session_.reset();
  return status;
}

void ConnectionPool::SetOutage(absl::Status outage) {
  absl::MutexLock lock(&outage_mu_);
  if (outage_.ok() && !outage.ok()) ++outages_;
  outage_ = std::move(outage);
  in_outage_ = !outage_.ok();
}

absl::Status ConnectionPool::ProbeLocked(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  if (IsFileDatabase(options_.url)) {
    absl::StatusOr<bool> replaced = FileChanged(options_.url.path, probe_file_);
    if (!replaced.ok()) return replaced.status();
    if (*replaced) probe_session_.reset();
  }
  if (probe_session_ == nullptr || !IsConnected(*probe_session_)) {
    absl::StatusOr<std::unique_ptr<soci::session>> opened = OpenSession(options_.url, options_.read_only);
    if (!opened.ok()) return opened.status();
    probe_session_ = std::move(*opened);
  }
  if (PGconn* conn = PostgresConnection(*probe_session_)) return PingPostgres(conn, deadline);
  try {
    int tables = 0;
    *probe_session_ << "SELECT COUNT(*) FROM sqlite_master", soci::into(tables);
  } catch (const std::exception& e) {
    if (!IsBusy(e)) return Unavailable(e.what());
  }
  return absl::OkStatus();
}

void ConnectionPool::Release(size_t slot, bool broken) {
  absl::MutexLock lock(&mu_);
  if (broken) sessions_[slot].reset();
  in_use_[slot] = false;
}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_),
      slot_(other.slot_),
      session_(std::exchange(other.session_, nullptr)),
      in_transaction_(std::exchange(other.in_transaction_, false)),
      broken_(other.broken_),
      deadline_(other.deadline_) {}

ConnectionPool::Lease::~Lease() {
  if (session_ == nullptr) return;
  EndRead();
  pool_->Release(slot_, broken_);
}

absl::Status ConnectionPool::Lease::BeginRead(absl::Time deadline) {
  deadline_ = deadline;
  pool_->deadlines_[slot_] = deadline;
  try {
    if (sqlite3* db = SqliteConnection(*session_)) {
      sqlite3_progress_handler(db, 4000, &StopPastDeadline, &pool_->deadlines_[slot_]);
      *session_ << "BEGIN";
    } else {
      // One round trip: a query without parameters may hold two statements.
      std::string begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
      if (deadline != absl::InfiniteFuture()) {
        const int64_t ms = std::max<int64_t>(1, absl::ToInt64Milliseconds(deadline - absl::Now()));
        absl::StrAppend(&begin, "; SET LOCAL statement_timeout = ", ms);
      }
      *session_ << begin;
    }
    in_transaction_ = true;
    return absl::OkStatus();
  } catch (const std::exception& e) {
    // A transaction half begun must not go back to the pool.
    broken_ = true;
    return Fail(e);
  }
}

void ConnectionPool::Lease::EndRead() {
  if (session_ == nullptr) return;
  // Cleared even when BEGIN failed, so a later lease of this connection
  // never runs under this one's deadline.
  if (sqlite3* db = SqliteConnection(*session_)) sqlite3_progress_handler(db, 0, nullptr, nullptr);
  if (!in_transaction_) return;
  in_transaction_ = false;
  try {
    *session_ << "ROLLBACK";
  } catch (const std::exception&) {
    broken_ = true;
  }
}

absl::Status ConnectionPool::Lease::Fail(const std::exception& error) {
  absl::Status status = StatusFromDatabaseError(*session_, error, deadline_);
  if (absl::IsUnavailable(status)) broken_ = true;
  return status;
}

}  // namespace salesmetrics
