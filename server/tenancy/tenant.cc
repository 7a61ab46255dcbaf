#include "server/tenancy/tenant.h"

#include <atomic>

#include "absl/strings/str_cat.h"
#include "core/alerts/alert_config.h"
#include "core/db/role_check.h"
#include "core/util/log.h"
#include "core/util/status_detail.h"

namespace salesmetrics {

Tenant::Tenant(server::Tenant settings, Options options)
    : settings_(std::move(settings)), options_(std::move(options)), id_([] {
        static std::atomic<uint64_t> next_id{1};
        return next_id++;
      }()) {}

absl::StatusOr<std::shared_ptr<Tenant>> Tenant::Start(const server::Tenant& settings, const Options& options) {
  const auto fail = [&settings](const absl::Status& status) {
    return Prefixed(absl::StrCat("tenant ", settings.name(), ": "), status);
  };
  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl(settings.database_url());
  if (!url.ok()) return fail(url.status());
  absl::StatusOr<AlertSettings> alert_settings =
      LoadAlertSettings(settings.alerts_config(), settings.fiscal_year_start_month());
  if (!alert_settings.ok()) return fail(alert_settings.status());

  std::shared_ptr<Tenant> tenant(new Tenant(settings, options));
  tenant->pool_ = std::make_unique<ConnectionPool>(
      ConnectionPool::Options{.url = *url, .size = settings.pool_size(), .read_only = true});
  const std::string label = absl::StrCat("the database of tenant ", settings.name(), " (", url->redacted, ")");
  ConnectionPool* pool = tenant->pool_.get();
  tenant->data_version_ = std::make_unique<DataVersion>(pool);
  const auto check_role = [pool, allowed = options.allow_privileged_role, label] {
    absl::Status role = CheckReadOnlyRole(*pool, absl::Now() + absl::Seconds(10));
    if (role.code() != absl::StatusCode::kFailedPrecondition) return role;
    if (allowed) {
      LogWarning(absl::StrCat(label, ": ", role.message(), " (allowed by --allow_privileged_database_role)"));
      return absl::OkStatus();
    }
    return WithLogDetail(absl::UnavailableError("the database is not available"), role.message());
  };
  if (pool->Probe(absl::Seconds(10)).ok() && !options.allow_privileged_role) {
    absl::Status role = CheckReadOnlyRole(*pool, absl::Now() + absl::Seconds(10));
    if (role.code() == absl::StatusCode::kFailedPrecondition) {
      return fail(absl::FailedPreconditionError(
          absl::StrCat(role.message(), "; or pass --allow_privileged_database_role")));
    }
  }
  tenant->engine_ = std::make_unique<MetricEngine>(options.registry, pool, settings.currency_code());
  const absl::Duration interval = options.alert_interval > absl::ZeroDuration() ? options.alert_interval
                                                                               : alert_settings->evaluation_interval;
  tenant->alerts_ = std::make_unique<AlertEvaluator>(tenant->engine_.get(), pool, *std::move(alert_settings));
  tenant->alert_hub_ = std::make_unique<AlertHub>(tenant->alerts_.get(), interval, options.max_request_time);
  tenant->health_ = std::make_unique<HealthMonitor>(
      pool, label, absl::Seconds(1), check_role,
      [board = options.health, self = tenant.get()](bool serving) {
        if (board != nullptr) board->Report(self, serving);
      });
  tenant->health_->Start();
  tenant->alert_hub_->Start();
  return tenant;
}

Tenant::~Tenant() { Retire(); }

void Tenant::Retire() {
  if (alert_hub_) alert_hub_->Stop();
  if (health_) health_->Stop();
  if (options_.health != nullptr) options_.health->Forget(this);
}

}  // namespace salesmetrics
