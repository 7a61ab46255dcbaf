// salesmetrics-admin: prepares a CRM database for salesmetrics. Unlike the
// server, it writes.
//
//   salesmetrics-admin init-schema --database=sqlite3:///tmp/crm.db
//   salesmetrics-admin demo-data --database=sqlite3:///tmp/crm.db [--seed=1] [--opportunities=5000]
//   salesmetrics-admin new-token
#include <soci/soci.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "core/db/connection_pool.h"
#include "core/db/database_url.h"
#include "core/db/schema.h"
#include "server/access/token_hash.h"
#include "server/admin/demo_data.h"

ABSL_FLAG(std::string, database, "", "Database URL: sqlite3:///path/to.db or postgresql://user@host:port/dbname");
ABSL_FLAG(uint64_t, seed, 1, "demo-data: random seed; the same seed gives the same data");
ABSL_FLAG(int32_t, opportunities, 4000, "demo-data: number of opportunities (leads, accounts etc. scale with it)");
ABSL_FLAG(std::string, end_date, "2026-10-01",
          "demo-data: the data covers the three years before this date (YYYY-MM-DD)");

namespace salesmetrics {
namespace {

constexpr char kUsage[] =
    "Prepares a CRM database for salesmetrics.\n"
    "  salesmetrics-admin init-schema --database=URL   create the canonical schema in an empty database\n"
    "  salesmetrics-admin demo-data --database=URL     create the schema and fill it with demo data\n"
    "      [--seed=N] [--opportunities=N] [--end_date=YYYY-MM-DD]\n"
    "  salesmetrics-admin new-token                     print a new bearer token and the token_sha256 line\n"
    "                                                   for the server's credentials file";

int Fail(const absl::Status& status) {
  std::cerr << "salesmetrics-admin: " << status.message() << "\n";
  return 1;
}

// The token goes to the caller, the digest into the credentials file:
// the server never holds the token itself.
int PrintNewToken() {
  const std::string token = NewToken();
  std::cout << "token: " << token << "\n"
            << "token_sha256: \"" << Sha256Hex(token) << "\"\n";
  return 0;
}

int Run(const std::string& command) {
  if (command == "new-token") return PrintNewToken();
  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl(absl::GetFlag(FLAGS_database));
  if (!url.ok()) return Fail(url.status());
  absl::StatusOr<std::unique_ptr<soci::session>> session = OpenSession(*url, /*read_only=*/false);
  if (!session.ok()) return Fail(session.status());

  if (absl::Status s = CreateSchema(**session, url->backend); !s.ok()) return Fail(s);
  std::cerr << "created the canonical schema in " << url->redacted << "\n";
  if (command == "init-schema") return 0;

  DemoDataOptions options;
  options.seed = absl::GetFlag(FLAGS_seed);
  options.opportunities = absl::GetFlag(FLAGS_opportunities);
  absl::CivilDay end_date;
  if (!absl::ParseCivilTime(absl::GetFlag(FLAGS_end_date), &end_date)) {
    return Fail(absl::InvalidArgumentError("--end_date is not YYYY-MM-DD"));
  }
  options.end_date = end_date;
  options.show_progress = isatty(STDERR_FILENO) != 0;
  absl::StatusOr<DemoDataSummary> summary = GenerateDemoData(**session, url->backend, options);
  if (!summary.ok()) return Fail(summary.status());
  std::cerr << "demo data: " << summary->ToString() << "\n";
  return 0;
}

}  // namespace
}  // namespace salesmetrics

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(salesmetrics::kUsage);
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::vector<std::string> commands = {"init-schema", "demo-data", "new-token"};
  if (args.size() != 2 || std::find(commands.begin(), commands.end(), args[1]) == commands.end()) {
    std::cerr << salesmetrics::kUsage << "\n";
    return 2;
  }
  return salesmetrics::Run(args[1]);
}
