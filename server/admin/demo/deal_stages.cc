#include "server/admin/demo/deal_stages.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/admin/demo/calendar.h"
#include "server/admin/demo/catalog.h"

namespace salesmetrics::demo {
namespace {

constexpr int64_t kRepeatWinPoints = 15;        // existing customers buy more readily...
constexpr int64_t kRepeatCyclePercent = 60;     // ...and faster
constexpr int64_t kWinPointsPerCompetitor = 4;  // lost per competitor in the deal
constexpr int64_t kStalledPercent = 6;          // deals that take three times as long as planned
constexpr int64_t kSkipFirstStagePercent = 5;
constexpr int64_t kSkipStagePercent = 8;            // per stage between the first and the last
constexpr int64_t kRevisitPercent = 10;             // deals that go back one stage once
constexpr int64_t kWonFromNegotiationPercent = 20;  // of small deals, skipping commit
constexpr int64_t kNoExpectedCloseDatePercent = 2;
constexpr int64_t kNoLostReasonPercent = 10;
constexpr int64_t kUnspecifiedLostReasonPercent = 3;
// How often a lost deal is lost at each stage.
constexpr int kLostAtStageWeights[kStageCount] = {30, 25, 22, 15, 8};

int64_t WinPercent(const World& world, size_t segment, const Deal& deal) {
  return kSegments[segment].win_percent + world.MoodAt(deal.created_at).win_points +
         world.sales_force.rep(deal.first_owner).skill_points + (deal.repeat ? kRepeatWinPoints : 0) -
         kWinPointsPerCompetitor * std::ssize(deal.competitors);
}

size_t LastStage(DeterministicRandom& rng, bool wins, size_t segment) {
  if (!wins) return rng.WeightedIndex(kLostAtStageWeights);
  const bool skips_commit = segment == kSmb && rng.Percent(kWonFromNegotiationPercent);
  return skips_commit ? kStageCount - 2 : kStageCount - 1;
}

// The stages a deal goes through, from the first (rarely skipped) to the
// one it ends in, sometimes skipping one, sometimes going back one stage
// to come forward again.
std::vector<size_t> StagePath(DeterministicRandom& rng, bool wins, size_t segment) {
  const size_t last = LastStage(rng, wins, segment);
  const size_t first = last > 0 && rng.Percent(kSkipFirstStagePercent) ? 1 : 0;
  std::vector<size_t> path = {first};
  for (size_t stage = first + 1; stage <= last; ++stage) {
    if (stage == last || !rng.Percent(kSkipStagePercent)) path.push_back(stage);
  }
  if (path.size() >= 2 && rng.Percent(kRevisitPercent)) {
    const auto at = static_cast<size_t>(rng.Uniform(1, std::ssize(path) - 1));
    path.insert(path.begin() + static_cast<std::ptrdiff_t>(at) + 1, {path[at - 1], path[at]});
  }
  return path;
}

absl::Duration PlannedSalesCycle(DeterministicRandom& rng, size_t segment, bool repeat) {
  const Segment& s = kSegments[segment];
  // The mean of two draws: most cycles lie near the middle of the range.
  const int64_t first_draw = rng.Uniform(s.min_cycle_days, s.max_cycle_days);
  const int64_t days = (first_draw + rng.Uniform(s.min_cycle_days, s.max_cycle_days)) / 2;
  return (repeat ? days * kRepeatCyclePercent / 100 : days) * kDay + RandomDuration(rng, absl::ZeroDuration(), kDay);
}

std::optional<absl::CivilDay> ExpectedCloseDate(DeterministicRandom& rng, absl::Time created_at,
                                                absl::Duration planned_cycle) {
  if (rng.Percent(kNoExpectedCloseDatePercent)) return std::nullopt;
  // Reps forecast optimistically: deals mostly close later than expected.
  return DayOf(created_at + Scale(planned_cycle, rng.Uniform(60, 110), 100));
}

// Spreads `length` over the path's stages, keeps the visits that start
// before the end, and returns when the last one ends.
absl::Time ScheduleVisits(World& world, Deal& deal, const std::vector<size_t>& path, absl::Duration length) {
  DeterministicRandom& rng = world.rng;
  std::vector<int64_t> weights;
  for (size_t i = 0; i < path.size(); ++i) weights.push_back(rng.Uniform(1, 3));
  const int64_t total = std::accumulate(weights.begin(), weights.end(), int64_t{0});
  absl::Time t = deal.created_at;
  for (size_t i = 0; i < path.size(); ++i) {
    const absl::Duration stay = std::max(absl::Hours(1), Scale(length, weights[i], total));
    if (t < world.calendar.end()) deal.visits.push_back({.stage = path[i], .entered_at = t, .exited_at = t + stay});
    t += stay;
  }
  return t;
}

std::optional<std::string> LostReason(DeterministicRandom& rng, const Deal& deal) {
  const int64_t roll = rng.Uniform(0, 99);
  if (roll < kNoLostReasonPercent) return std::nullopt;
  // The picklist's placeholder, which the KPIs merge with NULL.
  if (roll < kNoLostReasonPercent + kUnspecifiedLostReasonPercent) return "unspecified";
  const absl::string_view reason = kLostReasons[rng.WeightedIndex(kLostReasons)].id;
  if (reason == "competitor" && deal.competitors.empty()) return "price";
  return std::string(reason);
}

void Close(DeterministicRandom& rng, Deal& deal, bool wins, absl::Time closed_at) {
  deal.status = wins ? DealStatus::kWon : DealStatus::kLost;
  deal.closed_at = closed_at;
  if (!wins) deal.lost_reason = LostReason(rng, deal);
}

}  // namespace

void PlayOut(World& world, size_t segment, Deal& deal) {
  DeterministicRandom& rng = world.rng;
  const bool wins = rng.Percent(WinPercent(world, segment, deal));
  const std::vector<size_t> path = StagePath(rng, wins, segment);
  const absl::Duration planned = PlannedSalesCycle(rng, segment, deal.repeat);
  deal.expected_close_date = ExpectedCloseDate(rng, deal.created_at, planned);
  const absl::Duration cycle = rng.Percent(kStalledPercent) ? 3 * planned : planned;
  // A lost deal ends early, in the stage it is lost in.
  const absl::Duration length =
      wins ? cycle : Scale(cycle, static_cast<int64_t>(path.back() + 1), static_cast<int64_t>(kStageCount));
  const absl::Time finish = ScheduleVisits(world, deal, path, length);
  if (finish < world.calendar.end()) {
    Close(rng, deal, wins, finish);
  } else {
    deal.visits.back().exited_at.reset();
  }
  deal.owner = world.sales_force.OwnerAt(deal.first_owner, deal.closed_at.value_or(world.calendar.end()));
}

}  // namespace salesmetrics::demo
