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
  // A probe that takes longer than the interval is an outage too.
  const absl::Status status = pool_->Probe(std::max(interval_, absl::Seconds(2)));
  const bool serving = status.ok();
  if (reported_ && serving == serving_) return;
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
