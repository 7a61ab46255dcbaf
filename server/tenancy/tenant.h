// One company served: its database pool, engine, dashboards' environment,
// alert rules and alert stream, and its settings (currency, fiscal year).
// The metrics themselves (the registry) are the server's, shared by all.
//
// Shared by the requests that use it, so a tenant removed or changed by a
// reload lives on until its last request ends.
#ifndef SALESMETRICS_SERVER_TENANCY_TENANT_H_
#define SALESMETRICS_SERVER_TENANCY_TENANT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/alerts/alert_evaluator.h"
#include "core/dashboards/dashboard_context.h"
#include "core/db/connection_pool.h"
#include "core/engine/metric_engine.h"
#include "server/alert_hub.h"
#include "server/cache/data_version.h"
#include "server/health_monitor.h"
#include "server/tenancy/health_board.h"
#include "server/tenancy/tenants.pb.h"

namespace salesmetrics {

class Tenant {
 public:
  struct Options {
    const MetricRegistry* registry = nullptr;
    absl::Duration max_request_time = absl::Seconds(60);
    // Start although the database role may write (see core/db/role_check.h).
    bool allow_privileged_role = false;
    // Hears whether its database can be used; nullptr: nobody.
    HealthBoard* health = nullptr;
    // How often its alert stream evaluates; zero: as its alert settings
    // say (whole seconds; tests want less).
    absl::Duration alert_interval = absl::ZeroDuration();
  };

  // Opens the pool, checks the role when the database answers (a role that
  // may write stops the start; an unreachable database does not, and its
  // role is checked when it answers), loads the alert rules, and starts the
  // health probe and the alert stream. `settings` has its defaults filled.
  static absl::StatusOr<std::shared_ptr<Tenant>> Start(const server::Tenant& settings, const Options& options);
  // Retires the tenant.
  ~Tenant();
  Tenant(const Tenant&) = delete;
  Tenant& operator=(const Tenant&) = delete;

  // When a reload stops serving it: ends its alert streams, and stops its
  // alert evaluation and health probe, waiting for them, so that its last
  // request, whichever thread ends it, frees only memory and connections.
  void Retire();

  const std::string& name() const { return settings_.name(); }
  // Unique among every tenant the process starts: a tenant rebuilt by a
  // reload has another.
  uint64_t id() const { return id_; }
  const server::Tenant& settings() const { return settings_; }
  // The first month of the fiscal year a request follows: the one it names
  // (1-12), or the tenant's when it names none (0).
  int FiscalYearStartMonth(int requested) const {
    return requested != 0 ? requested : settings_.fiscal_year_start_month();
  }
  const MetricEngine& engine() const { return *engine_; }
  DashboardEnv dashboards() const { return {pool_.get(), options_.registry, settings_.currency_code()}; }
  const AlertEvaluator& alerts() const { return *alerts_; }
  AlertHub& alert_hub() { return *alert_hub_; }
  ConnectionPool& pool() { return *pool_; }
  DataVersion& data_version() const { return *data_version_; }

 private:
  Tenant(server::Tenant settings, Options options);

  const server::Tenant settings_;
  const Options options_;
  const uint64_t id_;
  std::unique_ptr<DataVersion> data_version_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<MetricEngine> engine_;
  std::unique_ptr<AlertEvaluator> alerts_;
  std::unique_ptr<AlertHub> alert_hub_;
  std::unique_ptr<HealthMonitor> health_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_TENANCY_TENANT_H_
