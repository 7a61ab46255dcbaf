// Reloads the metrics on a thread of its own, for SIGHUP and for
// AdminService.ReloadMetrics alike, one reload at a time: a reload that
// hangs (a plugin whose init never returns) holds up neither the signals,
// nor a caller past its deadline, nor the shutdown.
#ifndef SALESMETRICS_SERVER_RELOADER_H_
#define SALESMETRICS_SERVER_RELOADER_H_

#include <memory>
#include <optional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/catalog/metric_catalog.h"

namespace salesmetrics {

class Reloader {
 public:
  // `catalog` must live as long as the process: a reload that hangs is
  // never waited for.
  explicit Reloader(MetricCatalog* catalog) : catalog_(catalog) {}

  // Starts a reload; false, starting none, while one runs.
  bool Start();
  // Starts a reload and waits for its report until `deadline`: ABORTED
  // while another runs, DEADLINE_EXCEEDED when it goes on past it (its
  // outcome is logged when it ends).
  absl::StatusOr<std::vector<SourceReport>> Reload(absl::Time deadline);

 private:
  // Shared with the reload's thread, which may outlive this object.
  struct State {
    absl::Mutex mu;
    bool running ABSL_GUARDED_BY(mu) = false;
    std::optional<absl::StatusOr<std::vector<SourceReport>>> result ABSL_GUARDED_BY(mu);
  };

  MetricCatalog* catalog_;
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_RELOADER_H_
