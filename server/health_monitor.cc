#include "server/health_monitor.h"

#include "absl/strings/str_cat.h"
#include "core/util/log.h"
#include "core/util/status_detail.h"

namespace salesmetrics {

HealthMonitor::HealthMonitor(ConnectionPool* pool, std::string name, absl::Duration interval,
                             std::function<absl::Status()> admit, std::function<void(bool serving)> report)
    : pool_(pool),
      name_(std::move(name)),
      interval_(interval),
      admit_(std::move(admit)),
      report_(std::move(report)) {}

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
  absl::Status status = pool_->Probe(kProbeTimeout);
  if (status.ok() && !admitted_) {
    status = admit_();
    admitted_ = status.ok();
  }
  failed_probes_ = status.ok() ? 0 : failed_probes_ + 1;
  // Down at once at start; later only after failures in a row, since one
  // slow answer from a loaded database is not an outage.
  const bool serving = status.ok() || (reported_ && failed_probes_ < kFailedProbesForOutage);
  if (reported_ && serving == serving_) return;
  pool_->SetOutage(serving ? absl::OkStatus() : status);
  report_(serving);
  if (serving) {
    LogInfo(absl::StrCat(name_, reported_ ? " answers again" : " answers"));
  } else {
    LogWarning(absl::StrCat(name_, " cannot be used; its requests get UNAVAILABLE until it can: ", LogDetailOf(status)));
  }
  reported_ = true;
  serving_ = serving;
}

}  // namespace salesmetrics
