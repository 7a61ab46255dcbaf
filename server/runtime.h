// What the server runs on, built once at start from its configuration:
// the metrics (shared by every tenant), the tenants, the credentials gate
// and the transport; and how a reload (SIGHUP) renews the parts that come
// from files.
#ifndef SALESMETRICS_SERVER_RUNTIME_H_
#define SALESMETRICS_SERVER_RUNTIME_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/catalog/metric_catalog.h"
#include "core/plugin/metric_registry.h"
#include "server/access/gate.h"
#include "server/server_config.pb.h"
#include "server/tenancy/health_board.h"
#include "server/tenancy/tenant_directory.h"
#include "server/transport/server_transport.h"

namespace salesmetrics {

// The health service names that follow the databases: "" is the server.
const std::vector<std::string>& DatabaseHealthServices();

struct Runtime {
  salesmetrics::server::ServerConfig config;
  MetricRegistry registry;
  HealthBoard health{DatabaseHealthServices()};
  std::unique_ptr<TenantDirectory> tenants;
  // Declarative metrics are prepared on the first tenant's database, on a
  // connection of their own.
  std::unique_ptr<ConnectionPool> catalog_pool;
  std::unique_ptr<MetricCatalog> catalog;
  std::unique_ptr<Gate> gate;
  std::unique_ptr<ServerTransport> transport;
  absl::Mutex reload_mu;  // one access reload at a time
};

// Reads the configuration, starts the tenants, loads the plugins, the
// credentials and the certificates; a wrong setting stops the server
// before it listens.
absl::StatusOr<std::unique_ptr<Runtime>> StartRuntime(const char* program);

// Renews the certificates (a bad file is logged and changes nothing), then
// the credentials and the tenants (both files are read and checked against
// each other first: a bad edit changes nothing). The callers change first;
// a tenant that cannot start leaves the tenants as they were.
absl::Status ReloadAccess(Runtime& runtime);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_RUNTIME_H_
