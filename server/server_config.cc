#include "server/server_config.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <filesystem>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/util/quote.h"
#include "core/util/text_proto_file.h"

ABSL_FLAG(std::string, config, "", "Text-format ServerConfig file; flags given on the command line override it");
ABSL_FLAG(std::string, listen, "", "host:port to serve gRPC on (default 127.0.0.1:50051)");
ABSL_FLAG(std::string, database, "", "Database URL: sqlite3:///path/to.db or postgresql://user@host:port/dbname");
ABSL_FLAG(std::string, plugin_dir, "", "Directory of metric plugins (default: the one installed next to the binary)");
ABSL_FLAG(int32_t, pool_size, 0, "Number of database connections (default 4)");
ABSL_FLAG(std::string, currency, "", "ISO 4217 code of the reporting currency (default CNY)");
ABSL_FLAG(int32_t, max_request_seconds, 0, "Longest a request may run when the client sets no deadline (default 60)");
ABSL_FLAG(std::string, alerts_config, "", "Text-format AlertsConfig file (default: every rule with its defaults)");
ABSL_FLAG(std::string, admin_listen, "",
          "Loopback host:port or unix:PATH for AdminService (default: --listen when it is loopback, else off)");
ABSL_FLAG(std::string, definitions_dir, "", "Directory of declarative SQL metrics (*.textproto); default: none");
ABSL_FLAG(int32_t, max_concurrent_requests, 0, "Requests computed at once (default 16)");
ABSL_FLAG(int32_t, max_queued_requests, 0,
          "Requests waiting for their turn; more are refused with RESOURCE_EXHAUSTED (default 256)");
ABSL_FLAG(int32_t, shutdown_grace_seconds, 0,
          "How long SIGTERM waits for requests in progress before exiting regardless (default 10)");
ABSL_FLAG(std::string, isolated_plugin_dir, "",
          "Directory of plugins that each run in a worker process of their own (default: none)");
ABSL_FLAG(int32_t, isolated_memory_mb, 0, "Address-space limit of each plugin worker, in MiB (default 1024)");
ABSL_FLAG(int32_t, isolated_init_seconds, 0, "How long a plugin worker may take to load its plugin (default 10)");
ABSL_FLAG(int32_t, isolated_pool_size, 0, "Database connections of each plugin worker (default 2)");
ABSL_FLAG(int32_t, isolated_max_concurrent_requests, 0,
          "Requests each isolated plugin computes at once; more get RESOURCE_EXHAUSTED (default 4)");
ABSL_FLAG(std::string, tls_cert_file, "", "PEM certificate chain: with --tls_key_file, serve TLS only");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_client_ca_file, "", "PEM CA bundle: clients must present a certificate it signed (mTLS)");
ABSL_FLAG(bool, tls_client_certificate_optional, false,
          "With --tls_client_ca_file: verify client certificates when presented, without requiring one");
ABSL_FLAG(bool, insecure, false, "Allow plaintext on a listener beyond loopback (warned about)");
ABSL_FLAG(std::string, credentials_file, "", "Text-format CredentialsFile: who may call (default: no authentication, "
          "loopback only)");
ABSL_FLAG(std::string, tenants_file, "", "Text-format TenantsFile: the companies served (needs --credentials_file)");
ABSL_FLAG(bool, allow_privileged_database_role, false,
          "Start although the PostgreSQL role is a superuser or may write to the CRM tables");
ABSL_FLAG(int32_t, fiscal_year_start_month, 0, "First month (1-12) of the fiscal year (default 1)");
ABSL_FLAG(int32_t, result_cache_mb, 0, "MiB of answers the result cache keeps (default 64)");
ABSL_FLAG(int32_t, result_cache_max_age_seconds, 0,
          "The oldest answer the result cache serves, in seconds: how stale an answer may be (default 10)");
ABSL_FLAG(bool, disable_result_cache, false, "Compute every request: no result cache");

namespace salesmetrics {
namespace {

using salesmetrics::server::ServerConfig;

// Where plugins are, relative to the binary: the build tree keeps them in
// plugins/lib, an installation in lib/salesmetrics/plugins.
std::string DefaultPluginDir(const std::string& program_path) {
  std::error_code error;
  const std::filesystem::path binary = std::filesystem::canonical("/proc/self/exe", error);
  const std::filesystem::path dir = error ? std::filesystem::path(program_path).parent_path() : binary.parent_path();
  for (const auto& candidate : {dir / ".." / "plugins" / "lib", dir / ".." / "lib" / "salesmetrics" / "plugins"}) {
    if (std::filesystem::is_directory(candidate)) return std::filesystem::weakly_canonical(candidate).string();
  }
  return (dir / ".." / "lib" / "salesmetrics" / "plugins").string();
}

// Plaintext beyond loopback only when asked for; no authentication beyond
// loopback, ever.
absl::Status CheckSecuritySettings(const ServerConfig& config) {
  if (config.tls_cert_file().empty() != config.tls_key_file().empty()) {
    return absl::InvalidArgumentError("tls_cert_file and tls_key_file go together: give both or neither");
  }
  const bool tls = !config.tls_cert_file().empty();
  if (!config.tls_client_ca_file().empty() && !tls) {
    return absl::InvalidArgumentError("tls_client_ca_file needs tls_cert_file and tls_key_file");
  }
  if (config.tls_client_certificate_optional() && config.tls_client_ca_file().empty()) {
    return absl::InvalidArgumentError("tls_client_certificate_optional needs tls_client_ca_file");
  }
  if (!config.tenants_file().empty() && config.credentials_file().empty()) {
    return absl::InvalidArgumentError("tenants_file needs credentials_file: a caller's tenant comes from its credential");
  }
  if (IsLoopbackAddress(config.listen_address())) return absl::OkStatus();
  if (config.credentials_file().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "listen: ", Quote(config.listen_address()),
        " is not loopback, which needs authentication: pass --credentials_file (docs/security.md)"));
  }
  if (!tls && !config.insecure()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "listen: ", Quote(config.listen_address()),
        " is not loopback, which needs TLS: pass --tls_cert_file and --tls_key_file (or --insecure to accept "
        "plaintext)"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ServerConfig> LoadServerConfig(const std::string& program_path) {
  ServerConfig config;
  const std::string path = absl::GetFlag(FLAGS_config);
  if (!path.empty()) {
    absl::StatusOr<std::string> text = ReadFile(path);
    if (!text.ok()) return text.status();
    if (absl::Status s = TextProtoFile().Parse(*text, path, &config); !s.ok()) return s;
  }
  // A flag that is set wins over the file; what neither sets gets a default.
  const auto pick = [](auto flag, auto file, auto fallback) {
    return flag != decltype(flag){} ? flag : file != decltype(file){} ? file : fallback;
  };
  config.set_listen_address(pick(absl::GetFlag(FLAGS_listen), config.listen_address(), std::string("127.0.0.1:50051")));
  config.set_database_url(pick(absl::GetFlag(FLAGS_database), config.database_url(), std::string()));
  config.set_plugin_dir(pick(absl::GetFlag(FLAGS_plugin_dir), config.plugin_dir(), std::string()));
  config.set_pool_size(pick(absl::GetFlag(FLAGS_pool_size), config.pool_size(), 4));
  config.set_currency_code(pick(absl::GetFlag(FLAGS_currency), config.currency_code(), std::string("CNY")));
  config.set_max_request_seconds(pick(absl::GetFlag(FLAGS_max_request_seconds), config.max_request_seconds(), 60));
  config.set_alerts_config(pick(absl::GetFlag(FLAGS_alerts_config), config.alerts_config(), std::string()));
  config.set_definitions_dir(pick(absl::GetFlag(FLAGS_definitions_dir), config.definitions_dir(), std::string()));
  config.set_admin_listen_address(
      pick(absl::GetFlag(FLAGS_admin_listen), config.admin_listen_address(), std::string()));
  config.set_max_concurrent_requests(
      pick(absl::GetFlag(FLAGS_max_concurrent_requests), config.max_concurrent_requests(), 16));
  config.set_max_queued_requests(pick(absl::GetFlag(FLAGS_max_queued_requests), config.max_queued_requests(), 256));
  config.set_shutdown_grace_seconds(
      pick(absl::GetFlag(FLAGS_shutdown_grace_seconds), config.shutdown_grace_seconds(), 10));
  config.set_isolated_plugin_dir(
      pick(absl::GetFlag(FLAGS_isolated_plugin_dir), config.isolated_plugin_dir(), std::string()));
  config.set_isolated_memory_mb(pick(absl::GetFlag(FLAGS_isolated_memory_mb), config.isolated_memory_mb(), 1024));
  config.set_isolated_init_seconds(
      pick(absl::GetFlag(FLAGS_isolated_init_seconds), config.isolated_init_seconds(), 10));
  config.set_isolated_pool_size(pick(absl::GetFlag(FLAGS_isolated_pool_size), config.isolated_pool_size(), 2));
  config.set_isolated_max_concurrent_requests(pick(absl::GetFlag(FLAGS_isolated_max_concurrent_requests),
                                                   config.isolated_max_concurrent_requests(), 4));
  config.set_tls_cert_file(pick(absl::GetFlag(FLAGS_tls_cert_file), config.tls_cert_file(), std::string()));
  config.set_tls_key_file(pick(absl::GetFlag(FLAGS_tls_key_file), config.tls_key_file(), std::string()));
  config.set_tls_client_ca_file(
      pick(absl::GetFlag(FLAGS_tls_client_ca_file), config.tls_client_ca_file(), std::string()));
  config.set_tls_client_certificate_optional(absl::GetFlag(FLAGS_tls_client_certificate_optional) ||
                                             config.tls_client_certificate_optional());
  config.set_insecure(absl::GetFlag(FLAGS_insecure) || config.insecure());
  config.set_credentials_file(pick(absl::GetFlag(FLAGS_credentials_file), config.credentials_file(), std::string()));
  config.set_tenants_file(pick(absl::GetFlag(FLAGS_tenants_file), config.tenants_file(), std::string()));
  config.set_allow_privileged_database_role(absl::GetFlag(FLAGS_allow_privileged_database_role) ||
                                            config.allow_privileged_database_role());
  config.set_fiscal_year_start_month(
      pick(absl::GetFlag(FLAGS_fiscal_year_start_month), config.fiscal_year_start_month(), 1));
  config.set_result_cache_mb(pick(absl::GetFlag(FLAGS_result_cache_mb), config.result_cache_mb(), 64));
  config.set_result_cache_max_age_seconds(
      pick(absl::GetFlag(FLAGS_result_cache_max_age_seconds), config.result_cache_max_age_seconds(), 10));
  config.set_disable_result_cache(absl::GetFlag(FLAGS_disable_result_cache) || config.disable_result_cache());
  if (absl::Status s = CheckSecuritySettings(config); !s.ok()) return s;
  if (!config.admin_listen_address().empty() && !IsLoopbackAddress(config.admin_listen_address())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "admin_listen: ", Quote(config.admin_listen_address()),
        " is not a literal loopback address with a port (127.x.x.x:PORT or [::1]:PORT) or unix:PATH"));
  }
  if (config.plugin_dir().empty()) config.set_plugin_dir(DefaultPluginDir(program_path));

  if (config.database_url().empty() && config.tenants_file().empty()) {
    return absl::InvalidArgumentError("no database: pass --database=sqlite3:///path/to.db (or postgresql://...)");
  }
  // A worker's threads and allocator arenas take some 260 MiB of address
  // space before its plugin takes any: hence isolated_memory_mb's minimum.
  const struct {
    const char* name;
    int32_t value, min, max;
  } kRanges[] = {
      {"pool_size", config.pool_size(), 1, 1000},
      {"max_request_seconds", config.max_request_seconds(), 1, 3600},
      {"max_concurrent_requests", config.max_concurrent_requests(), 1, 1000},
      {"max_queued_requests", config.max_queued_requests(), 1, 100000},
      {"shutdown_grace_seconds", config.shutdown_grace_seconds(), 1, 600},
      {"isolated_memory_mb", config.isolated_memory_mb(), 384, 1048576},
      {"isolated_init_seconds", config.isolated_init_seconds(), 1, 600},
      {"isolated_pool_size", config.isolated_pool_size(), 1, 100},
      {"isolated_max_concurrent_requests", config.isolated_max_concurrent_requests(), 1, 100},
      {"fiscal_year_start_month", config.fiscal_year_start_month(), 1, 12},
      {"result_cache_mb", config.result_cache_mb(), 1, 65536},
      {"result_cache_max_age_seconds", config.result_cache_max_age_seconds(), 1, 300},
  };
  for (const auto& range : kRanges) {
    if (range.value < range.min || range.value > range.max) {
      return absl::InvalidArgumentError(
          absl::StrCat(range.name, " must be ", range.min, " to ", range.max, ", not ", range.value));
    }
  }
  if (!config.isolated_plugin_dir().empty() &&
      std::filesystem::path(config.isolated_plugin_dir()).lexically_normal() ==
          std::filesystem::path(config.plugin_dir()).lexically_normal()) {
    return absl::InvalidArgumentError("isolated_plugin_dir must differ from plugin_dir");
  }
  if (config.currency_code().size() != 3) {
    return absl::InvalidArgumentError(absl::StrCat("currency ", Quote(config.currency_code()), " is not an ISO 4217 code"));
  }
  return config;
}

bool IsLoopbackAddress(const std::string& address) {
  if (absl::StartsWith(address, "unix:")) return address.size() > 5;
  // HOST:PORT, the host a literal address ([IPv6] in brackets).
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon + 1 == address.size() ||
      !std::all_of(address.begin() + colon + 1, address.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    in6_addr ip6{};
    if (inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), &ip6) != 1) return false;
    if (IN6_IS_ADDR_LOOPBACK(&ip6)) return true;
    return IN6_IS_ADDR_V4MAPPED(&ip6) && ip6.s6_addr[12] == 127;  // ::ffff:127.x.x.x
  }
  in_addr ip4{};
  return inet_pton(AF_INET, host.c_str(), &ip4) == 1 && (ntohl(ip4.s_addr) >> 24) == 127;
}

std::string AdminListenAddress(const salesmetrics::server::ServerConfig& config) {
  if (!config.admin_listen_address().empty()) return config.admin_listen_address();
  return IsLoopbackAddress(config.listen_address()) ? config.listen_address() : "";
}

}  // namespace salesmetrics
