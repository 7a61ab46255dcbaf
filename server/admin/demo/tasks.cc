#include "server/admin/demo/tasks.h"

#include <cstdint>

#include "server/admin/demo/calendar.h"
#include "server/admin/demo/catalog.h"
#include "server/admin/demo/table_writer.h"

namespace salesmetrics::demo {
namespace {

constexpr int64_t kNoStageTaskPercent = 4;
constexpr int64_t kNoDueDateTaskPercent = 2;
constexpr int64_t kUndoneTaskPercent = 18;
constexpr int64_t kLateTaskPercent = 14;
constexpr int64_t kLateTaskPercentPerStage = 4;

}  // namespace

void TaskWriter::Write(const Deal& deal) {
  for (size_t i = 0; i < deal.visits.size(); ++i) {
    const int64_t count = world_.rng.Uniform(0, 2) + (i == 0 ? 1 : 0);
    for (int64_t n = 0; n < count; ++n) WriteOne(deal, deal.visits[i]);
  }
}

void TaskWriter::WriteOne(const Deal& deal, const StageVisit& visit) {
  DeterministicRandom& rng = world_.rng;
  const absl::Duration stay = visit.exited_at.value_or(world_.calendar.end()) - visit.entered_at;
  const absl::Time created_at = visit.entered_at + Scale(stay, rng.Uniform(0, 50), 100);
  const absl::Time due_at = created_at + RandomDuration(rng, kDay, 10 * kDay);
  const std::optional<absl::Time> completed_at = Completion(visit.stage, created_at, due_at);
  const bool has_stage = !rng.Percent(kNoStageTaskPercent);
  const bool has_due_date = !rng.Percent(kNoDueDateTaskPercent);
  world_.tables.tasks.Add({ids_.Next(), deal.id, has_stage ? SqlValue(kStages[visit.stage].id) : std::nullopt,
                           world_.RepId(deal.owner), created_at, has_due_date ? SqlValue(due_at) : std::nullopt,
                           completed_at});
}

std::optional<absl::Time> TaskWriter::Completion(size_t stage, absl::Time created_at, absl::Time due_at) {
  DeterministicRandom& rng = world_.rng;
  const int64_t roll = rng.Uniform(0, 99);
  const int64_t late_percent = kLateTaskPercent + kLateTaskPercentPerStage * static_cast<int64_t>(stage);
  if (roll < kUndoneTaskPercent) return std::nullopt;
  const absl::Time done = roll < kUndoneTaskPercent + late_percent
                              ? due_at + RandomDuration(rng, absl::Hours(1), 7 * kDay)
                              : created_at + Scale(due_at - created_at, rng.Uniform(5, 100), 100);
  return world_.BeforeEnd(done);
}

}  // namespace salesmetrics::demo
