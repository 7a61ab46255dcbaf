// The tenants the server serves, by name, replaced as a whole on reload.
#ifndef SALESMETRICS_SERVER_TENANCY_TENANT_DIRECTORY_H_
#define SALESMETRICS_SERVER_TENANCY_TENANT_DIRECTORY_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/server_config.pb.h"
#include "server/tenancy/tenant.h"
#include "server/tenancy/tenants.pb.h"

namespace salesmetrics {

// The most tenants one tenants file (at most kMaxFileBytes) may list.
inline constexpr int kMaxTenants = 1000;

// The tenants of `config`: its tenants file, each tenant's defaults filled
// from the server's settings, or without one a single tenant "default"
// from database_url, currency_code, fiscal_year_start_month and
// alerts_config. InvalidArgument naming FILE:LINE for a bad entry.
absl::StatusOr<server::TenantsFile> LoadTenants(const server::ServerConfig& config);

class TenantDirectory {
 public:
  using Starter = std::function<absl::StatusOr<std::shared_ptr<Tenant>>(const server::Tenant&)>;

  explicit TenantDirectory(Starter start) : start_(std::move(start)) {}

  // Serves `file`'s tenants from now on: those whose settings did not
  // change are kept as they are, new and changed ones started. All or
  // nothing: when one cannot start, nothing changes. Those no longer
  // served, or replaced, are retired (Tenant::Retire).
  absl::Status Apply(const server::TenantsFile& file);

  // nullptr when `name` is not served.
  std::shared_ptr<Tenant> Find(const std::string& name) const;
  std::vector<std::shared_ptr<Tenant>> All() const;

 private:
  const Starter start_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<Tenant>> tenants_ ABSL_GUARDED_BY(mu_);
  absl::Mutex apply_mu_;  // one Apply at a time
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_TENANCY_TENANT_DIRECTORY_H_
