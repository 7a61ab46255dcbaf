#include "server/reloader.h"

#include <thread>

#include "core/util/log.h"

namespace salesmetrics {

bool Reloader::Start() {
  {
    absl::MutexLock lock(&state_->mu);
    if (state_->running) return false;
    state_->running = true;
    state_->result.reset();
  }
  std::thread([catalog = catalog_, state = state_] {
    absl::StatusOr<std::vector<SourceReport>> reports = catalog->Reload();
    if (!reports.ok()) LogError(reports.status().message());
    absl::MutexLock lock(&state->mu);
    state->result = std::move(reports);
    state->running = false;
  }).detach();
  return true;
}

absl::StatusOr<std::vector<SourceReport>> Reloader::Reload(absl::Time deadline) {
  if (!Start()) return absl::AbortedError("a reload is already running; try again when it has ended");
  absl::MutexLock lock(&state_->mu);
  const auto done = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(state_->mu) { return state_->result.has_value(); };
  if (!state_->mu.AwaitWithDeadline(absl::Condition(&done), deadline)) {
    return absl::DeadlineExceededError("the reload goes on past the deadline; the server log will tell its outcome");
  }
  return *state_->result;
}

}  // namespace salesmetrics
