#include "server/admin/demo/sales_force.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "server/admin/demo/catalog.h"

namespace salesmetrics::demo {
namespace {

constexpr int64_t kOpportunitiesPerRep = 100;
constexpr int64_t kRepsPerTeam = 5;
constexpr int64_t kMinRepsPerTeam = 4;
enum RepKind { kVeteran, kHiredMidway, kLeftMidway };
// Every team starts with two veterans who stay (so that someone can always
// take a deal), one rep who leaves and one hired during the three years;
// the kinds of the others are drawn with these weights.
constexpr RepKind kFirstRepKinds[] = {kVeteran, kVeteran, kLeftMidway, kHiredMidway};
constexpr int kRepKindWeights[] = {55, 25, 20};  // by RepKind
constexpr int64_t kNoHireDatePercent = 10;       // of the reps hired before the three years
constexpr int64_t kMaxRepSkillPoints = 6;        // reps differ in win rate by this much either way

constexpr const char* kSurnames[] = {"Wang", "Li",  "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
                                     "Xu",   "Sun", "Hu",    "Zhu", "Gao",  "Lin",  "He",   "Guo",   "Ma",   "Luo"};
constexpr const char* kGivenNames[] = {"Wei",  "Fang", "Na",  "Min", "Jing", "Lei",  "Qiang", "Jun", "Yan", "Tao",
                                       "Ming", "Chao", "Xiu", "Hui", "Ping", "Gang", "Yun",   "Hao", "Lan", "Yu"};

std::optional<absl::CivilDay> DateOrNull(absl::Time t) {
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return std::nullopt;
  return DayOf(t);
}

std::string PersonName(DeterministicRandom& rng) {
  const std::string surname = rng.Pick(kSurnames);
  return absl::StrCat(surname, " ", rng.Pick(kGivenNames));
}

Rep NewRep(DeterministicRandom& rng, const Calendar& calendar, std::string id, size_t team, RepKind kind) {
  Rep rep{.id = std::move(id), .name = PersonName(rng), .team = team};
  rep.skill_points = rng.Uniform(-kMaxRepSkillPoints, kMaxRepSkillPoints);
  const absl::Time start = calendar.start();
  const absl::Duration period = calendar.end() - start;
  if (kind == kHiredMidway) {
    rep.hired_at = StartOf(DayOf(start + RandomDuration(rng, 30 * kDay, period - 120 * kDay)));
  } else if (!rng.Percent(kNoHireDatePercent)) {
    rep.hired_at = StartOf(DayOf(start - RandomDuration(rng, 30 * kDay, 2000 * kDay)));
  }
  if (kind == kLeftMidway) rep.left_at = StartOf(DayOf(start + RandomDuration(rng, 90 * kDay, period - 30 * kDay)));
  return rep;
}

}  // namespace

SalesForce::SalesForce(DeterministicRandom& rng, const Calendar& calendar, int64_t opportunities)
    : rng_(rng), calendar_(calendar), teams_by_region_(std::size(kRegions)) {
  const int64_t reps = std::max<int64_t>(8, opportunities / kOpportunitiesPerRep);
  const int64_t regions = std::ssize(kRegions);
  const int64_t teams_per_region = std::max<int64_t>(1, reps / (regions * kRepsPerTeam));
  const int64_t reps_per_team = std::max(kMinRepsPerTeam, reps / (regions * teams_per_region));
  IdSequence team_ids("team", absl::kZeroPad2);
  IdSequence rep_ids("rep", absl::kZeroPad3);
  for (size_t region = 0; region < std::size(kRegions); ++region) {
    for (int64_t n = 0; n < teams_per_region; ++n) AddTeam(region, reps_per_team, team_ids, rep_ids);
  }
}

void SalesForce::Write(TableWriter& teams, TableWriter& reps) const {
  for (const Team& team : teams_) teams.Add({team.id, team.name, kRegions[team.region].id});
  for (const Rep& rep : reps_) {
    reps.Add({rep.id, rep.name, teams_[rep.team].id, DateOrNull(rep.hired_at), DateOrNull(rep.left_at)});
  }
}

size_t SalesForce::PickRep(size_t team, absl::Time t) {
  std::vector<size_t> employed;
  for (size_t rep : teams_[team].reps) {
    if (reps_[rep].EmployedAt(t)) employed.push_back(rep);
  }
  return rng_.Pick(employed);
}

size_t SalesForce::OwnerAt(size_t rep, absl::Time t) {
  while (reps_[rep].left_at <= t) rep = PickRep(reps_[rep].team, reps_[rep].left_at);
  return rep;
}

int64_t SalesForce::EmployedCount(absl::Time t) const {
  return std::count_if(reps_.begin(), reps_.end(), [t](const Rep& rep) { return rep.EmployedAt(t); });
}

void SalesForce::AddTeam(size_t region, int64_t reps, IdSequence& team_ids, IdSequence& rep_ids) {
  teams_by_region_[region].push_back(teams_.size());
  const std::string name = absl::StrCat(kRegions[region].title, " Sales ", teams_by_region_[region].size());
  teams_.push_back({.id = team_ids.Next(), .name = name, .region = region});
  for (int64_t n = 0; n < reps; ++n) {
    const RepKind kind =
        n < std::ssize(kFirstRepKinds) ? kFirstRepKinds[n] : static_cast<RepKind>(rng_.WeightedIndex(kRepKindWeights));
    teams_.back().reps.push_back(reps_.size());
    reps_.push_back(NewRep(rng_, calendar_, rep_ids.Next(), teams_.size() - 1, kind));
  }
}

}  // namespace salesmetrics::demo
