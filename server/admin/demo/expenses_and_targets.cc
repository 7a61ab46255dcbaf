#include "server/admin/demo/expenses_and_targets.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "server/admin/demo/calendar.h"
#include "server/admin/demo/catalog.h"
#include "server/admin/demo/ledger.h"
#include "server/admin/demo/table_writer.h"
#include "server/admin/demo/tables.h"

namespace salesmetrics::demo {
namespace {

constexpr int64_t kSalesCostPerRepMinYuan = 25'000;
constexpr int64_t kSalesCostPerRepMaxYuan = 35'000;

constexpr int64_t kMinRepQuotaMinor = 100'000 * kFenPerYuan;
constexpr int64_t kSalesTargetUnit = 10'000 * kFenPerYuan;
constexpr int64_t kMqlTargetUnit = 10;

class ExpenseWriter {
 public:
  explicit ExpenseWriter(World& world) : world_(world) {}

  void WriteAll() {
    for (size_t month = 0; month < world_.calendar.months(); ++month) {
      for (size_t channel = 0; channel < kChannelCount; ++channel) WriteMarketing(month, channel);
      WriteSales(month);
    }
  }

 private:
  void WriteMarketing(size_t month, size_t channel) {
    const int64_t leads = world_.ledger.leads(month, channel);
    if (leads == 0) return;
    const int64_t list_cost = leads * kChannels[channel].cost_per_lead_yuan * kFenPerYuan;
    const int64_t cost = list_cost * world_.rng.Uniform(85, 115) / 100;
    Add(world_.calendar.RandomDayIn(month, world_.rng), "marketing", kChannels[channel].id, cost);
  }

  void WriteSales(size_t month) {
    const absl::CivilDay day = world_.calendar.RandomDayIn(month, world_.rng);
    const int64_t per_rep = world_.rng.Uniform(kSalesCostPerRepMinYuan, kSalesCostPerRepMaxYuan) * kFenPerYuan;
    Add(day, "sales", std::nullopt, world_.sales_force.EmployedCount(StartOf(day)) * per_rep);
  }

  void Add(absl::CivilDay day, const char* category, SqlValue channel, int64_t amount) {
    world_.tables.expenses.Add({ids_.Next(), day, category, std::move(channel), RoundTo(amount, kAmountUnit)});
  }

  World& world_;
  IdSequence ids_{"exp"};
};

class TargetWriter {
 public:
  explicit TargetWriter(World& world)
      : world_(world),
        last_team_sales_(world.sales_force.team_count()),
        last_rep_sales_(world.sales_force.rep_count()) {}

  void WriteAll() {
    for (size_t quarter = 0; quarter < world_.calendar.quarters(); ++quarter) {
      const QuarterTotals& totals = world_.ledger.quarter(quarter);
      const bool over = world_.calendar.QuarterIsOver(quarter);
      Add("total_sales", "company", std::nullopt, quarter,
          Quota(totals.won_minor, over, last_company_sales_, kSalesTargetUnit));
      Add("mql_count", "company", std::nullopt, quarter, Quota(totals.mqls, over, last_mqls_, kMqlTargetUnit));
      for (size_t team = 0; team < world_.sales_force.team_count(); ++team) {
        Add("total_sales", "team", world_.sales_force.team(team).id, quarter,
            Quota(totals.team_won_minor[team], over, last_team_sales_[team], kSalesTargetUnit));
      }
      WriteRepTargets(quarter, totals, over);
    }
  }

 private:
  void WriteRepTargets(size_t quarter, const QuarterTotals& totals, bool over) {
    const absl::Time from = StartOf(absl::CivilDay(world_.calendar.QuarterStart(quarter)));
    const absl::Time to = StartOf(absl::CivilDay(world_.calendar.QuarterStart(quarter + 1)));
    for (size_t rep = 0; rep < world_.sales_force.rep_count(); ++rep) {
      if (!world_.sales_force.rep(rep).EmployedDuring(from, to)) continue;
      const int64_t achieved = std::max(totals.rep_won_minor[rep], kMinRepQuotaMinor);
      Add("total_sales", "rep", world_.RepId(rep), quarter,
          Quota(achieved, over, last_rep_sales_[rep], kSalesTargetUnit));
    }
  }

  int64_t Quota(int64_t achieved, bool quarter_over, int64_t& last_target, int64_t unit) {
    const int64_t percent = quarter_over ? world_.rng.Uniform(90, 120) : world_.rng.Uniform(105, 115);
    last_target = RoundTo((quarter_over ? achieved : last_target) * percent / 100, unit);
    return last_target;
  }

  void Add(const char* metric, const char* scope, SqlValue scope_id, size_t quarter, int64_t value) {
    if (value <= 0) return;
    world_.tables.targets.Add({ids_.Next(), metric, scope, std::move(scope_id),
                               absl::CivilDay(world_.calendar.QuarterStart(quarter)),
                               absl::CivilDay(world_.calendar.QuarterStart(quarter + 1)), value});
  }

  World& world_;
  // The last target set, per metric and scope.
  int64_t last_company_sales_ = 0, last_mqls_ = 0;
  std::vector<int64_t> last_team_sales_, last_rep_sales_;
  IdSequence ids_{"tgt"};
};

}  // namespace

void WriteExpenses(World& world) { ExpenseWriter(world).WriteAll(); }

void WriteTargets(World& world) { TargetWriter(world).WriteAll(); }

}  // namespace salesmetrics::demo
