#include "server/health_monitor.h"

#include "absl/strings/str_cat.h"
#include "core/util/log.h"
#include "core/util/status_detail.h"

namespace salesmetrics {

HealthMonitor::HealthMonitor(ConnectionPool* pool, grpc::HealthCheckServiceInterface* health,
                             std::vector<std::string> services, absl::Duration interval)
    : pool_(pool), health_(health), services_(std::move(services)), interval_(interval) {}

void HealthMonitor::Start() {
  ProbeAndReport();
  thread_ = std::thread([this] {
    absl::MutexLock lock(&mu_);
    const auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
    while (!mu_.AwaitWithTimeout(absl::Condition(&stopping), interval_)) {
      mu_.Unlock();
      ProbeAndReport();
      mu_.Lock();
    }
  });
}

void HealthMonitor::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void HealthMonitor::ProbeAndReport() {
  const absl::Status status = pool_->Probe(kProbeTimeout);
  failed_probes_ = status.ok() ? 0 : failed_probes_ + 1;
  // Down at once at start; later only after failures in a row, since one
  // slow answer from a loaded database is not an outage.
  const bool serving = status.ok() || (reported_ && failed_probes_ < kFailedProbesForOutage);
  if (reported_ && serving == serving_) return;
  pool_->SetOutage(serving ? absl::OkStatus() : status);
  for (const std::string& service : services_) health_->SetServingStatus(service, serving);
  if (serving) {
    LogInfo(reported_ ? "the database answers again; health is SERVING" : "the database answers; health is SERVING");
  } else {
    LogWarning(absl::StrCat("the database cannot be reached; health is NOT_SERVING until it can: ",
                            LogDetailOf(status)));
  }
  reported_ = true;
  serving_ = serving;
}

}  // namespace salesmetrics
