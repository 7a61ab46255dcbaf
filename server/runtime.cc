#include "server/runtime.h"

#include "absl/strings/str_cat.h"
#include "core/engine/host_api.h"
#include "core/util/log.h"
#include "core/util/status_detail.h"
#include "server/isolated_plugin.h"
#include "server/server_config.h"

namespace salesmetrics {
namespace {

IsolationOptions IsolationOptionsOf(const server::ServerConfig& config) {
  IsolationOptions options;
  options.server_binary = "/proc/self/exe";
  options.memory_limit_bytes = int64_t{config.isolated_memory_mb()} << 20;
  options.init_timeout = absl::Seconds(config.isolated_init_seconds());
  options.worker.set_database_url(config.database_url());
  options.worker.set_pool_size(config.isolated_pool_size());
  options.worker.set_currency_code(config.currency_code());
  options.worker.set_max_request_seconds(config.max_request_seconds());
  options.worker.set_max_concurrent_requests(config.isolated_max_concurrent_requests());
  return options;
}

// The credentials file, its callers' tenants among `tenants`; nullptr
// without one.
absl::StatusOr<std::shared_ptr<const Credentials>> LoadCredentials(const server::ServerConfig& config,
                                                                   const server::TenantsFile& tenants) {
  if (config.credentials_file().empty()) return nullptr;
  return Credentials::Load(config.credentials_file(), [&tenants](const std::string& name) {
    for (const server::Tenant& tenant : tenants.tenant()) {
      if (tenant.name() == name) return true;
    }
    return false;
  });
}

}  // namespace

const std::vector<std::string>& DatabaseHealthServices() {
  static const auto* const kServices =
      new std::vector<std::string>{"", "salesmetrics.v1.MetricsService", "salesmetrics.v1.DashboardService",
                                   "salesmetrics.v1.AlertService"};
  return *kServices;
}

absl::StatusOr<std::unique_ptr<Runtime>> StartRuntime(const char* program) {
  auto runtime = std::make_unique<Runtime>();
  absl::StatusOr<server::ServerConfig> config = LoadServerConfig(program);
  if (!config.ok()) return config.status();
  runtime->config = *std::move(config);
  const server::ServerConfig& c = runtime->config;
  if (!c.isolated_plugin_dir().empty() && !c.tenants_file().empty()) {
    return absl::InvalidArgumentError(
        "isolated_plugin_dir cannot be used with tenants_file: a plugin worker serves one database");
  }
  absl::StatusOr<server::TenantsFile> tenants = LoadTenants(c);
  if (!tenants.ok()) return tenants.status();
  absl::StatusOr<std::shared_ptr<const Credentials>> credentials = LoadCredentials(c, *tenants);
  if (!credentials.ok()) return credentials.status();
  absl::StatusOr<std::unique_ptr<ServerTransport>> transport = ServerTransport::Create(c);
  if (!transport.ok()) return transport.status();
  runtime->transport = *std::move(transport);

  // The metrics first: the tenants' alert streams evaluate them at once.
  absl::StatusOr<DatabaseUrl> catalog_url = ParseDatabaseUrl(tenants->tenant(0).database_url());
  if (!catalog_url.ok()) return catalog_url.status();
  runtime->catalog_pool =
      std::make_unique<ConnectionPool>(ConnectionPool::Options{.url = *catalog_url, .size = 1, .read_only = true});
  runtime->catalog = std::make_unique<MetricCatalog>(c.plugin_dir(), c.definitions_dir(), HostApi(),
                                                     &runtime->registry, runtime->catalog_pool.get());
  if (!c.isolated_plugin_dir().empty()) {
    runtime->catalog->AddIsolatedDirectory(
        c.isolated_plugin_dir(),
        [options = IsolationOptionsOf(c)](const std::string& path, const MetricCatalog::TakenFn& taken) {
          return IsolatedPlugin::Open(path, taken, options);
        });
  }
  if (auto loaded = runtime->catalog->Reload(); !loaded.ok()) return loaded.status();

  Runtime* r = runtime.get();
  runtime->tenants = std::make_unique<TenantDirectory>([r](const server::Tenant& settings) {
    return Tenant::Start(settings, {.registry = &r->registry,
                                    .max_request_time = absl::Seconds(r->config.max_request_seconds()),
                                    .allow_privileged_role = r->config.allow_privileged_database_role(),
                                    .health = &r->health});
  });
  if (absl::Status applied = runtime->tenants->Apply(*tenants); !applied.ok()) return applied;
  runtime->gate = std::make_unique<Gate>(runtime->tenants.get(), *std::move(credentials));
  return runtime;
}

absl::Status ReloadAccess(Runtime& runtime) {
  absl::MutexLock lock(&runtime.reload_mu);
  // A bad certificate file must not hold up a revocation.
  if (absl::Status s = runtime.transport->Reload(); !s.ok()) {
    LogError(absl::StrCat("certificates not reloaded, the current ones stay: ", s.message()));
  }
  absl::StatusOr<server::TenantsFile> tenants = LoadTenants(runtime.config);
  if (!tenants.ok()) return Prefixed("tenants and credentials not reloaded: ", tenants.status());
  absl::StatusOr<std::shared_ptr<const Credentials>> credentials = LoadCredentials(runtime.config, *tenants);
  if (!credentials.ok()) return Prefixed("tenants and credentials not reloaded: ", credentials.status());
  // The callers first, so that no revocation waits for a tenant's database
  // (a caller of a tenant not started yet gets UNAVAILABLE meanwhile).
  runtime.gate->SetCredentials(*std::move(credentials));
  if (absl::Status s = runtime.tenants->Apply(*tenants); !s.ok()) {
    return Prefixed("callers reloaded; tenants not reloaded, the current ones stay: ", s);
  }
  LogInfo(absl::StrCat("reloaded: ", tenants->tenant_size(), " tenant(s) and their callers"));
  return absl::OkStatus();
}

}  // namespace salesmetrics
