// Fuzzes the text-format files the server reads: each input is read as the
// server config (--config), the alert rules' config (--alerts_config) and a
// declarative metric definition (--definitions_dir). A definition that
// passes its checks is also prepared on a SQLite database with the schema,
// as a reload does.
#include <cstddef>
#include <cstdint>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/alerts/alert_config.h"
#include "core/alerts/alert_rule_specs.h"
#include "core/db/connection_pool.h"
#include "core/db/database_url.h"
#include "core/declarative/sql_metric.h"
#include "core/util/text_proto_file.h"
#include "server/server_config.h"
#include "tests/fuzz/fuzz_support.h"

namespace salesmetrics::fuzzing {
namespace {

constexpr char kTakenId[] = "win_rate";  // as if a plugin served it

void ReadServerConfig(const std::string& text) {
  salesmetrics::server::ServerConfig config;
  if (!TextProtoFile().Parse(text, "server.textproto", &config).ok()) return;
  // What the server does with the addresses and URL it read.
  (void)IsLoopbackAddress(config.listen_address());
  (void)AdminListenAddress(config);
  (void)ParseDatabaseUrl(config.database_url());
}

void ReadAlertsConfig(const std::string& text) {
  absl::StatusOr<AlertSettings> settings = ParseAlertSettings(text, "alerts.textproto", 1);
  if (!settings.ok()) return;
  Require(settings->evaluation_interval > absl::ZeroDuration(), "an accepted evaluation interval is not positive");
  Require(settings->fiscal_year_start_month >= 1 && settings->fiscal_year_start_month <= 12,
          absl::StrCat("fiscal_year_start_month ", settings->fiscal_year_start_month, " was accepted"));
  std::set<std::string> ids;
  for (const AlertRuleConfig& rule : settings->rules) {
    Require(FindAlertRuleSpec(rule.id) != nullptr, absl::StrCat("unknown rule ", rule.id, " was accepted"));
    Require(ids.insert(rule.id).second, absl::StrCat("rule ", rule.id, " is enabled twice"));
    Require(!rule.scopes.empty(), absl::StrCat("rule ", rule.id, " runs at no scope"));
  }
}

bool IsMetricId(const std::string& id) {
  if (id.empty() || !absl::ascii_islower(id[0])) return false;
  for (char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_') return false;
  }
  return true;
}

// A database with the schema and no rows, built once; its file goes at exit.
struct SchemaOnlyDatabase {
  std::unique_ptr<testing::TestDatabase> db = SqliteDatabase({});
  ConnectionPool pool{{.url = *ParseDatabaseUrl(db->url()), .size = 1, .read_only = true}};
};

ConnectionPool& SchemaOnlyPool() {
  static SchemaOnlyDatabase database;
  return database.pool;
}

void ReadDefinition(const std::string& text) {
  const auto taken = [](const std::string& id) { return id == kTakenId; };
  auto metric = ParseSqlMetric(text, "metric.textproto", nullptr, taken);
  if (!metric.ok()) return;
  const std::string& id = (*metric)->id();
  Require(IsMetricId(id), absl::StrCat("metric id \"", absl::CEscape(id), "\" was accepted"));
  Require(id != kTakenId, "a metric id in use was accepted");
  auto prepared = ParseSqlMetric(text, "metric.textproto", &SchemaOnlyPool(), taken);
  Require(prepared.ok() || prepared.status().code() == absl::StatusCode::kInvalidArgument,
          absl::StrCat("preparing a definition answered ", prepared.status().ToString()));
}

}  // namespace
}  // namespace salesmetrics::fuzzing

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace salesmetrics::fuzzing;
  const std::string text(AsText(data, size));
  ReadServerConfig(text);
  ReadAlertsConfig(text);
  ReadDefinition(text);
  return 0;
}
