// A deterministic, realistic demo CRM dataset (placeholder interface; the
// generator is being written).
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_DATA_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_DATA_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "core/db/database_url.h"

namespace soci {
class session;
}

namespace salesmetrics {

struct DemoDataOptions {
  uint64_t seed = 1;
  int32_t opportunities = 4000;
  absl::CivilDay end_date = absl::CivilDay(2026, 10, 1);  // data covers the 3 years before it
  bool show_progress = false;  // a progress bar on stderr
};

struct DemoDataSummary {
  int64_t teams = 0, reps = 0, accounts = 0, leads = 0, opportunities = 0, stage_history = 0, competitors = 0,
          tasks = 0, expenses = 0, payments = 0, targets = 0;
  std::string ToString() const;
};

// Fills a database that has the (empty) canonical schema.
absl::StatusOr<DemoDataSummary> GenerateDemoData(soci::session& session, Backend backend,
                                                 const DemoDataOptions& options);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_DATA_H_
