// Reloads the metrics on a thread of its own, so that a reload that hangs
// (a plugin whose init never returns) holds up neither the signals nor the
// shutdown; a reload asked for while one runs is refused, not queued.
#ifndef SALESMETRICS_SERVER_RELOADER_H_
#define SALESMETRICS_SERVER_RELOADER_H_

#include <atomic>
#include <memory>
#include <thread>

#include "core/catalog/metric_catalog.h"

namespace salesmetrics {

class Reloader {
 public:
  explicit Reloader(MetricCatalog* catalog) : catalog_(catalog) {}
  // Waits for a reload that is still running only if it ends by itself:
  // one that hangs is left to the process's end.
  ~Reloader();

  void Start();

 private:
  MetricCatalog* catalog_;
  // Shared with the thread, which may outlive this object.
  std::shared_ptr<std::atomic<bool>> running_ = std::make_shared<std::atomic<bool>>(false);
  std::thread thread_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_RELOADER_H_
