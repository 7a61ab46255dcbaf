#include "server/admin/demo/world.h"

namespace salesmetrics::demo {
namespace {

constexpr int64_t kMaxQuarterWinPoints = 6;
constexpr int64_t kMaxQuarterSqlPoints = 8;

std::vector<QuarterMood> DrawMoods(DeterministicRandom& rng, size_t quarters) {
  std::vector<QuarterMood> moods(quarters);
  for (QuarterMood& mood : moods) {
    mood.win_points = rng.Uniform(-kMaxQuarterWinPoints, kMaxQuarterWinPoints);
    mood.sql_points = rng.Uniform(-kMaxQuarterSqlPoints, kMaxQuarterSqlPoints);
  }
  return moods;
}

}  // namespace

World::World(soci::session& session, const DemoDataOptions& options)
    : rng(options.seed),
      calendar(options.end_date),
      tables(session),
      sales_force(rng, calendar, options.opportunities),
      ledger(calendar, sales_force.team_count(), sales_force.rep_count()),
      moods(DrawMoods(rng, calendar.quarters())),
      progress(options.show_progress) {}

}  // namespace salesmetrics::demo
