#include "core/db/role_check.h"

#include <soci/soci.h>

#include <exception>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/db/schema.h"

namespace salesmetrics {

absl::Status CheckReadOnlyRole(ConnectionPool& pool, absl::Time deadline) {
  if (pool.dialect().backend() != Backend::kPostgres) return absl::OkStatus();
  absl::StatusOr<ConnectionPool::Lease> lease = pool.AcquireReader(deadline);
  if (!lease.ok()) return lease.status();
  try {
    std::string role;
    int superuser = 0;
    lease->session() << "SELECT current_user, rolsuper::int FROM pg_roles WHERE rolname = current_user",
        soci::into(role), soci::into(superuser);
    if (superuser != 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the PostgreSQL role ", role,
          " is a superuser; the server only reads: give it a role with SELECT on the CRM tables (docs/security.md)"));
    }
    for (const std::string& table : CanonicalTables()) {
      int writes = 0;
      lease->session() << "SELECT COALESCE(has_table_privilege(to_regclass(:t), "
                          "'INSERT, UPDATE, DELETE, TRUNCATE'), false)::int",
          soci::use(table), soci::into(writes);
      if (writes != 0) {
        return absl::FailedPreconditionError(absl::StrCat(
            "the PostgreSQL role ", role, " may write to ", table,
            "; the server only reads: give it a role with SELECT on the CRM tables (docs/security.md)"));
      }
    }
  } catch (const std::exception& e) {
    return lease->Fail(e);
  }
  return absl::OkStatus();
}

}  // namespace salesmetrics
