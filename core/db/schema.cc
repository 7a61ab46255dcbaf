#include "core/db/schema.h"

#include <soci/soci.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "core/db/schema_ddl.h"

namespace salesmetrics {

const std::vector<std::string>& CanonicalTables() {
  static const auto* tables = new std::vector<std::string>{
      "teams",       "sales_reps", "accounts", "leads",    "pipeline_stages", "opportunities", "opportunity_stage_history",
      "opportunity_competitors", "tasks", "expenses", "payments", "targets"};
  return *tables;
}

absl::string_view SchemaDdl(Backend backend) {
  return backend == Backend::kSqlite ? kSqliteSchemaDdl : kPostgresqlSchemaDdl;
}

std::vector<std::string> SchemaStatements(Backend backend) {
  std::vector<std::string> code_lines;
  for (absl::string_view line : absl::StrSplit(SchemaDdl(backend), '\n')) {
    if (!absl::StartsWith(absl::StripLeadingAsciiWhitespace(line), "--")) code_lines.emplace_back(line);
  }
  std::vector<std::string> statements;
  for (absl::string_view part : absl::StrSplit(absl::StrJoin(code_lines, "\n"), ';')) {
    const absl::string_view statement = absl::StripAsciiWhitespace(part);
    if (!statement.empty()) statements.emplace_back(statement);
  }
  return statements;
}

std::vector<std::string> ExistingCanonicalTables(soci::session& session, Backend backend) {
  const std::string query =
      backend == Backend::kSqlite
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = :name"
          : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = :name";
  std::vector<std::string> existing;
  for (const std::string& table : CanonicalTables()) {
    long long count = 0;
    std::string name = table;
    session << query, soci::use(name, "name"), soci::into(count);
    if (count > 0) existing.push_back(table);
  }
  return existing;
}

absl::Status CreateSchema(soci::session& session, Backend backend) {
  try {
    const std::vector<std::string> existing = ExistingCanonicalTables(session, backend);
    if (!existing.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the database already has tables of the canonical schema (", absl::StrJoin(existing, ", "),
                       "); nothing was changed. Use an empty database."));
    }
    soci::transaction transaction(session);
    for (const std::string& statement : SchemaStatements(backend)) session << statement;
    transaction.commit();
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("creating the schema failed (nothing was changed): ", e.what()));
  }
}

}  // namespace salesmetrics
