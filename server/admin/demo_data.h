// A deterministic, realistic demo CRM dataset in the canonical schema
// (spec/crm-schema.md), made to exercise every standard metric
// (spec/kpis.md).
//
// Opportunities are created over the three years before `end_date`, with the
// leads they came from (and the leads that never converted), their accounts,
// stage history, competitors, tasks and payments; around them the teams and
// reps, pipeline stages, monthly expenses and quarterly targets. Nothing
// happens at or after `end_date` (only targets, expected close dates and task
// due dates may lie beyond it); leads and accounts may start a few weeks
// before the three years.
//
// The same seed and options give the same rows on every platform and on
// both backends: the generator draws only from its own PRNG
// (server/admin/random.h) and uses integer arithmetic only.
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
  int32_t opportunities = 4000;                           // leads, accounts, reps etc. scale with it
  absl::CivilDay end_date = absl::CivilDay(2026, 10, 1);  // data covers the 3 years before it
  bool show_progress = false;                             // a progress bar on stderr
};

// The rows written, per table.
struct DemoDataSummary {
  int64_t teams = 0, reps = 0, accounts = 0, leads = 0, pipeline_stages = 0, opportunities = 0, stage_history = 0,
          competitors = 0, tasks = 0, expenses = 0, payments = 0, targets = 0;
  // One line: "8 teams, 40 sales_reps, ... 96 targets".
  std::string ToString() const;
};

// Fills a database that has the (empty) canonical schema, in one
// transaction: on failure nothing is written. The SQL is the same for both
// backends.
absl::StatusOr<DemoDataSummary> GenerateDemoData(soci::session& session, Backend backend,
                                                 const DemoDataOptions& options);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_DATA_H_
