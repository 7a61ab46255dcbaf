// The canonical CRM schema (spec/crm-schema.md): its DDL per backend, and
// creating it in an empty database.
#ifndef SALESMETRICS_CORE_DB_SCHEMA_H_
#define SALESMETRICS_CORE_DB_SCHEMA_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/db/database_url.h"

namespace soci {
class session;
}

namespace salesmetrics {

// The tables of the canonical schema.
const std::vector<std::string>& CanonicalTables();

// The DDL (tables and indexes) for `backend`.
absl::string_view SchemaDdl(Backend backend);

// The DDL split into single statements.
std::vector<std::string> SchemaStatements(Backend backend);

// Creates the schema in one transaction. When any canonical table (or
// view) already exists it changes nothing and fails with
// FailedPrecondition naming them.
absl::Status CreateSchema(soci::session& session, Backend backend);

// The canonical tables that exist in the database.
std::vector<std::string> ExistingCanonicalTables(soci::session& session, Backend backend);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DB_SCHEMA_H_
