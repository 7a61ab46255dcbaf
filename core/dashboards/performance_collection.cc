#include "core/dashboards/performance_collection.h"

#include <map>
#include <optional>
#include <string>

#include "core/dashboards/concurrent_parts.h"
#include "plugins/common/sales_targets.h"

namespace salesmetrics {
namespace {

namespace st = salesmetrics::sales_targets;
namespace v1 = salesmetrics::v1;

// Per owner: the amount won in the period, and what was collected on those
// deals by as_of (payments before the period included).
constexpr char kWonSql[] = R"sql(
WITH {{buckets}}
SELECT o.owner_rep_id,
       SUM(o.amount_minor) AS won_amount,
       SUM((SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p
            WHERE p.opportunity_id = o.id AND p.received_at <= :as_of)) AS collected_against_won
FROM buckets b
JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
WHERE o.status = 'won'
GROUP BY o.owner_rep_id
)sql";

// Payments received in the period, per owner of their opportunity; those
// without an opportunity apart (owner and opportunity both null).
constexpr char kCollectedSql[] = R"sql(
WITH {{buckets}}
SELECT CASE WHEN p.opportunity_id IS NULL THEN 1 ELSE 0 END AS without_opportunity,
       o.owner_rep_id,
       SUM(p.amount_minor) AS collected
FROM buckets b
JOIN payments p ON p.received_at >= b.start_at AND p.received_at < b.end_at
LEFT JOIN opportunities o ON o.id = p.opportunity_id
GROUP BY CASE WHEN p.opportunity_id IS NULL THEN 1 ELSE 0 END, o.owner_rep_id
)sql";

const std::string kTargetsSql = R"sql(
WITH {{buckets}}
SELECT t.scope, t.scope_id, SUM(t.target_value)
FROM buckets b
JOIN targets t ON )sql" + std::string(st::kTargetInsideBucket) + R"sql(
WHERE t.metric = 'total_sales'
GROUP BY t.scope, t.scope_id
)sql";

const std::string kRepsSql = R"sql(
WITH {{buckets}}
SELECT r.id, r.name, r.team_id, CASE WHEN )sql" + std::string(st::kEmployedDuringBucket) + R"sql( THEN 1 ELSE 0 END
FROM buckets b
CROSS JOIN sales_reps r
)sql";

constexpr char kTeamsSql[] = "SELECT id, name FROM teams";

struct Figures {
  int64_t won_amount = 0;
  int64_t collected_in_period = 0;
  int64_t collected_against_won = 0;

  Figures& operator+=(const Figures& o) {
    won_amount += o.won_amount;
    collected_in_period += o.collected_in_period;
    collected_against_won += o.collected_against_won;
    return *this;
  }
  bool IsZero() const { return won_amount == 0 && collected_in_period == 0 && collected_against_won == 0; }
};

struct Rep {
  std::string name;
  std::optional<std::string> team_id;
  bool employed = false;
};

// What the scans return, each part into members of its own (they run
// concurrently). Owner ids may be null or name no sales rep; their figures
// count for the company only.
struct Parts {
  std::map<std::optional<std::string>, Figures> won_by_owner;
  std::map<std::optional<std::string>, Figures> collected_by_owner;
  int64_t collected_without_opportunity = 0;
  std::map<std::pair<std::string, std::string>, double> targets;  // (scope, scope_id) -> sum
  std::map<std::string, Rep> reps;
  std::map<std::string, std::string> teams;  // id -> name
};

absl::Status ReadWon(ConnectionPool::Lease& lease, const DashboardRequest& request, Parts& parts) {
  auto rows = DashboardRows<std::optional<std::string>, int64_t, int64_t>(lease, request, kWonSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [owner, won, collected] : *rows) {
    parts.won_by_owner[owner].won_amount = won;
    parts.won_by_owner[owner].collected_against_won = collected;
  }
  return absl::OkStatus();
}

absl::Status ReadCollected(ConnectionPool::Lease& lease, const DashboardRequest& request, Parts& parts) {
  auto rows = DashboardRows<int64_t, std::optional<std::string>, int64_t>(lease, request, kCollectedSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [without_opportunity, owner, collected] : *rows) {
    if (without_opportunity != 0) {
      parts.collected_without_opportunity += collected;
    } else {
      parts.collected_by_owner[owner].collected_in_period += collected;
    }
  }
  return absl::OkStatus();
}

absl::Status ReadTargets(ConnectionPool::Lease& lease, const DashboardRequest& request, Parts& parts) {
  auto rows = DashboardRows<std::string, std::optional<std::string>, double>(lease, request, kTargetsSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [scope, scope_id, target] : *rows) parts.targets[{scope, scope_id.value_or("")}] = target;
  return absl::OkStatus();
}

absl::Status ReadPeople(ConnectionPool::Lease& lease, const DashboardRequest& request, Parts& parts) {
  auto reps = DashboardRows<std::string, std::string, std::optional<std::string>, int64_t>(lease, request, kRepsSql);
  if (!reps.ok()) return reps.status();
  for (const auto& [id, name, team, employed] : *reps) parts.reps[id] = {name, team, employed != 0};
  auto teams = DashboardRows<std::string, std::string>(lease, request, kTeamsSql);
  if (!teams.ok()) return teams.status();
  for (const auto& [id, name] : *teams) parts.teams[id] = name;
  return absl::OkStatus();
}

class RowBuilder {
 public:
  RowBuilder(const Parts& parts, const std::string& currency) : parts_(parts), currency_(currency) {}

  v1::PerformanceRow Row(const std::string& scope, const std::string& id, const std::string& name,
                         const Figures& f) const {
    const std::optional<double> target = Target(scope, id);
    v1::PerformanceRow row;
    row.set_id(id);
    row.set_name(name);
    *row.mutable_target() = Api(st::TargetMoney(target));
    *row.mutable_won_amount() = Api(sdk::Money(f.won_amount));
    *row.mutable_attainment() = Api(st::Attainment(f.won_amount, target));
    *row.mutable_collected_in_period() = Api(sdk::Money(f.collected_in_period));
    *row.mutable_collected_against_won() = Api(sdk::Money(f.collected_against_won));
    *row.mutable_collection_rate() = Api(sdk::Ratio(sdk::MoneyOf(f.collected_against_won), sdk::MoneyOf(f.won_amount),
                                                    "nothing was won in the period"));
    return row;
  }
  bool HasTarget(const std::string& scope, const std::string& id) const { return Target(scope, id).has_value(); }

 private:
  std::optional<double> Target(const std::string& scope, const std::string& id) const {
    std::optional<double> target;
    if (const auto it = parts_.targets.find({scope, id}); it != parts_.targets.end()) target.emplace(it->second);
    return target;
  }
  v1::Value Api(const sdk::Value& v) const { return ToApiValue(v, currency_); }
  const Parts& parts_;
  const std::string& currency_;
};

}  // namespace

absl::StatusOr<v1::ComputePerformanceCollectionResponse> ComputePerformanceCollection(
    const DashboardEnv& env, const v1::ComputePerformanceCollectionRequest& request, absl::Time now,
    absl::Time deadline) {
  absl::StatusOr<DashboardRequest> parsed = ParseDashboardRequest(request.period(), nullptr, now);
  if (!parsed.ok()) return parsed.status();
  const DashboardRequest& r = *parsed;

  Parts parts;
  absl::Status status = RunConcurrently(*env.pool, deadline,
                                        {[&](ConnectionPool::Lease& lease) { return ReadWon(lease, r, parts); },
                                         [&](ConnectionPool::Lease& lease) { return ReadCollected(lease, r, parts); },
                                         [&](ConnectionPool::Lease& lease) { return ReadTargets(lease, r, parts); },
                                         [&](ConnectionPool::Lease& lease) { return ReadPeople(lease, r, parts); }});
  if (!status.ok()) return status;

  const RowBuilder rows(parts, env.currency_code);
  v1::ComputePerformanceCollectionResponse response;
  *response.mutable_period() = ResolvedPeriodOf(r.windows[0], r.context);

  // Reps: those employed, and any other owner with a figure or a target.
  std::map<std::string, Figures> by_team;
  Figures company;
  std::map<std::string, Figures> rep_figures;
  for (const auto* by_owner : {&parts.won_by_owner, &parts.collected_by_owner}) {
    for (const auto& [owner, figures] : *by_owner) {
      company += figures;
      if (owner) rep_figures[*owner] += figures;
    }
  }
  for (const auto& [id, rep] : parts.reps) rep_figures[id];
  for (const auto& [scope_and_id, target] : parts.targets) {
    if (scope_and_id.first == "rep") rep_figures[scope_and_id.second];
  }
  for (const auto& [id, figures] : rep_figures) {
    const auto rep = parts.reps.find(id);
    if (rep != parts.reps.end() && rep->second.team_id) by_team[*rep->second.team_id] += figures;
    const bool employed = rep != parts.reps.end() && rep->second.employed;
    if (!employed && figures.IsZero() && !rows.HasTarget("rep", id)) continue;
    v1::PerformanceRow* row = response.add_reps();
    *row = rows.Row("rep", id, rep == parts.reps.end() ? "" : rep->second.name, figures);
    if (rep != parts.reps.end() && rep->second.team_id) row->set_team_id(*rep->second.team_id);
  }
  for (const auto& [id, name] : parts.teams) *response.add_teams() = rows.Row("team", id, name, by_team[id]);
  *response.mutable_company() = rows.Row("company", "", "", company);
  *response.mutable_collected_without_opportunity() =
      ToApiValue(sdk::Money(parts.collected_without_opportunity), env.currency_code);
  return response;
}

}  // namespace salesmetrics
