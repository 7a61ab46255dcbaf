#include "server/tenancy/health_board.h"

#include <algorithm>

namespace salesmetrics {

void HealthBoard::Attach(grpc::HealthCheckServiceInterface* health) {
  absl::MutexLock lock(&mu_);
  health_ = health;
  PublishLocked();
}

void HealthBoard::Report(const void* tenant, bool serving) {
  absl::MutexLock lock(&mu_);
  serving_[tenant] = serving;
  PublishLocked();
}

void HealthBoard::Forget(const void* tenant) {
  absl::MutexLock lock(&mu_);
  serving_.erase(tenant);
  PublishLocked();
}

void HealthBoard::PublishLocked() {
  if (health_ == nullptr) return;
  const bool serving = std::any_of(serving_.begin(), serving_.end(), [](const auto& entry) { return entry.second; });
  for (const std::string& service : services_) health_->SetServingStatus(service, serving);
}

}  // namespace salesmetrics
