// The service only reads: a PostgreSQL role that is a superuser, or that
// may change a CRM table, gives a compromised server more than it needs.
#ifndef SALESMETRICS_CORE_DB_ROLE_CHECK_H_
#define SALESMETRICS_CORE_DB_ROLE_CHECK_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/db/connection_pool.h"

namespace salesmetrics {

// FAILED_PRECONDITION naming the role and what it may do when the pool's
// PostgreSQL role is a superuser or has INSERT, UPDATE, DELETE or TRUNCATE
// on a canonical table; OK on SQLite (connections are query-only) and for
// a role that only reads. UNAVAILABLE when the database cannot be asked.
absl::Status CheckReadOnlyRole(ConnectionPool& pool, absl::Time deadline);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DB_ROLE_CHECK_H_
