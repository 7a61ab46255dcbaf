// The sales organization: teams in every region, about five reps each,
// sized by the number of opportunities; some reps join or leave during the
// three years. Deals draw their owners from it.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_SALES_FORCE_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_SALES_FORCE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/admin/demo/calendar.h"
#include "server/admin/demo/table_writer.h"
#include "server/admin/demo/tables.h"
#include "server/admin/random.h"

namespace salesmetrics::demo {

struct Rep {
  std::string id, name;
  size_t team = 0;
  absl::Time hired_at = absl::InfinitePast();   // InfinitePast: not recorded (NULL)
  absl::Time left_at = absl::InfiniteFuture();  // InfiniteFuture: still there (NULL)
  int64_t skill_points = 0;                     // added to the win rate of their deals

  bool EmployedAt(absl::Time t) const { return hired_at <= t && t < left_at; }
  bool EmployedDuring(absl::Time from, absl::Time to) const { return hired_at < to && left_at > from; }
};

struct Team {
  std::string id, name;
  size_t region = 0;
  std::vector<size_t> reps;
};

class SalesForce {
 public:
  SalesForce(DeterministicRandom& rng, const Calendar& calendar, int64_t opportunities);

  void Write(TableWriter& teams, TableWriter& reps) const;

  size_t team_count() const { return teams_.size(); }
  size_t rep_count() const { return reps_.size(); }
  const Team& team(size_t index) const { return teams_[index]; }
  const Rep& rep(size_t index) const { return reps_[index]; }

  size_t PickTeam(size_t region) { return rng_.Pick(teams_by_region_[region]); }

  // A rep of the team employed at t.
  size_t PickRep(size_t team, absl::Time t);

  // Who owns, at t, a deal that `rep` owned: a rep who leaves hands their
  // deals to a teammate.
  size_t OwnerAt(size_t rep, absl::Time t);

  int64_t EmployedCount(absl::Time t) const;

 private:
  void AddTeam(size_t region, int64_t reps, IdSequence& team_ids, IdSequence& rep_ids);

  DeterministicRandom& rng_;
  const Calendar& calendar_;
  std::vector<Team> teams_;
  std::vector<Rep> reps_;
  std::vector<std::vector<size_t>> teams_by_region_;
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_SALES_FORCE_H_
