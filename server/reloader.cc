#include "server/reloader.h"

#include "core/util/log.h"

namespace salesmetrics {

Reloader::~Reloader() {
  if (!thread_.joinable()) return;
  if (*running_) {
    thread_.detach();
  } else {
    thread_.join();
  }
}

void Reloader::Start() {
  if (*running_) {
    LogWarning("a reload is still running; this one is not started");
    return;
  }
  if (thread_.joinable()) thread_.join();
  *running_ = true;
  thread_ = std::thread([catalog = catalog_, running = running_] {
    if (auto reloaded = catalog->Reload(); !reloaded.ok()) LogError(reloaded.status().message());
    *running = false;
  });
}

}  // namespace salesmetrics
