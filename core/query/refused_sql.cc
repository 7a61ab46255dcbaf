#include "core/query/refused_sql.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/util/quote.h"

namespace salesmetrics {
namespace {

struct Refusal {
  // A name; with a '*' at the end, every name that starts with the rest.
  absl::string_view name;
  absl::string_view reason;
};

bool Matches(const Refusal& refusal, absl::string_view name) {
  absl::string_view pattern = refusal.name;
  if (absl::ConsumeSuffix(&pattern, "*")) return absl::StartsWith(name, pattern);
  return name == pattern;
}

// Statements and clauses that write or change the session or transaction.
constexpr absl::string_view kWritingKeywords[] = {
    "INSERT", "UPDATE",    "DELETE",  "MERGE",   "DROP", "CREATE",  "ALTER", "TRUNCATE", "GRANT",
    "REVOKE", "DETACH",    "VACUUM",  "REINDEX", "CALL", "EXECUTE", "LOCK",  "COMMIT",   "ROLLBACK",
    "BEGIN",  "SAVEPOINT", "RELEASE", "INTO",    "SET",  "RESET",   "DO"};

constexpr Refusal kKeywords[] = {
    {"COPY", "reads and writes the server's files and runs programs"},
    {"ATTACH", "opens other database files"},
    {"PRAGMA", "reads and changes the database's settings"},
};

constexpr absl::string_view kReadsFiles = "reads the server's files";
constexpr absl::string_view kListsFiles = "lists the server's files";
constexpr absl::string_view kWritesFiles = "writes the server's files";
constexpr absl::string_view kRunsSql = "runs a string as SQL";
constexpr absl::string_view kAdministers = "administers the server";

// PostgreSQL's, its extensions' (adminpack, dblink) and SQLite's
// (fileio, zipfile, the shell's).
constexpr Refusal kFunctions[] = {
    {"pg_read_file", kReadsFiles},
    {"pg_read_binary_file", kReadsFiles},
    {"pg_stat_file", kReadsFiles},
    {"pg_current_logfile", kReadsFiles},
    {"readfile", kReadsFiles},
    {"zipfile", kReadsFiles},
    {"pg_ls_*", kListsFiles},
    {"pg_logdir_ls", kListsFiles},
    {"fsdir", kListsFiles},
    {"pg_file_*", kWritesFiles},
    {"writefile", kWritesFiles},
    {"lo_import", kReadsFiles},
    {"lo_export", kWritesFiles},
    {"lo_*", "reads or writes large objects"},
    {"loread", "reads large objects"},
    {"lowrite", "writes large objects"},
    {"dblink*", "connects to other databases"},
    {"query_to_xml*", kRunsSql},
    {"cursor_to_xml*", kRunsSql},
    {"ts_stat", kRunsSql},
    {"ts_rewrite", kRunsSql},
    {"table_to_xml*", "reads whole tables"},
    {"schema_to_xml*", "reads whole tables"},
    {"database_to_xml*", "reads whole tables"},
    {"set_config", "changes the server's settings"},
    {"pg_reload_conf", kAdministers},
    {"pg_rotate_logfile*", kAdministers},
    {"pg_terminate_backend", kAdministers},
    {"pg_cancel_backend", kAdministers},
    {"pg_promote", kAdministers},
    {"pg_switch_wal", kAdministers},
    {"pg_backup_*", kAdministers},
    {"pg_create_*", kAdministers},
    {"pg_drop_replication_slot", kAdministers},
    {"pg_replication_*", kAdministers},
    {"pg_logical_*", kAdministers},
    {"pg_stat_reset*", kAdministers},
    {"pg_sleep*", "makes the query wait, holding a connection"},
    {"pg_advisory_*", "takes advisory locks"},
    {"pg_try_advisory_*", "takes advisory locks"},
    {"pg_notify", "sends notifications"},
    {"nextval", "changes a sequence"},
    {"setval", "changes a sequence"},
    {"load_extension", "loads a library into the database"},
    {"fts3_tokenizer", "can run native code"},
    {"edit", "runs an editor program"},
};

}  // namespace

std::optional<std::string> RefusedKeyword(absl::string_view word) {
  const std::string upper = absl::AsciiStrToUpper(word);
  for (absl::string_view writing : kWritingKeywords) {
    if (upper == writing) return absl::StrCat("is not read-only: it uses ", writing);
  }
  for (const Refusal& refusal : kKeywords) {
    if (upper == refusal.name) return absl::StrCat("uses ", refusal.name, ", which ", refusal.reason);
  }
  return std::nullopt;
}

std::optional<std::string> RefusedFunction(absl::string_view name) {
  for (const Refusal& refusal : kFunctions) {
    if (Matches(refusal, name)) return absl::StrCat("calls ", EscapedPrefix(name), ", which ", refusal.reason);
  }
  return std::nullopt;
}

}  // namespace salesmetrics
