// What the parts of the demo-data generator share: one PRNG for everything,
// so that the draws happen in one fixed order; the calendar, the tables, the
// sales force, the ledger of results, how each quarter differs from the
// average, and the progress bar.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_WORLD_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_WORLD_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/admin/demo/calendar.h"
#include "server/admin/demo/ledger.h"
#include "server/admin/demo/progress_bar.h"
#include "server/admin/demo/sales_force.h"
#include "server/admin/demo/tables.h"
#include "server/admin/demo_data.h"
#include "server/admin/random.h"

namespace soci {
class session;
}

namespace salesmetrics::demo {

// How a quarter differs from the average, so that the alerts have something
// to find (win rate drops, MQL-to-SQL dips).
struct QuarterMood {
  int64_t win_points = 0;
  int64_t sql_points = 0;
};

struct World {
  World(soci::session& session, const DemoDataOptions& options);

  // Leads from before the three years take the first quarter's mood.
  const QuarterMood& MoodAt(absl::Time t) const { return moods[calendar.QuarterIndex(t).value_or(0)]; }

  std::optional<absl::Time> BeforeEnd(absl::Time t) const {
    return t < calendar.end() ? std::optional<absl::Time>(t) : std::nullopt;
  }

  std::string RepId(size_t rep) const { return sales_force.rep(rep).id; }

  DeterministicRandom rng;
  Calendar calendar;
  Tables tables;
  SalesForce sales_force;
  Ledger ledger;
  std::vector<QuarterMood> moods;  // by quarter
  ProgressBar progress;
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_WORLD_H_
