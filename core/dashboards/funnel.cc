#include "core/dashboards/funnel.h"

#include <map>
#include <string>

#include "core/dashboards/concurrent_parts.h"
#include "plugins/common/duration_stats.h"
#include "plugins/common/stage_funnel.h"

namespace salesmetrics {
namespace {

namespace ds = salesmetrics::duration_stats;
namespace v1 = salesmetrics::v1;

constexpr char kOpenByStageSql[] = R"sql(
SELECT o.stage_id, COUNT(*) AS open_count, SUM(o.amount_minor) AS open_amount
FROM opportunities o
WHERE o.status = 'open' AND o.created_at <= :as_of{{filters(opportunity, o)}}
GROUP BY o.stage_id
)sql";

constexpr char kLostByStageSql[] = R"sql(
WITH {{buckets}}
SELECT o.stage_id, COUNT(*) AS lost_count, SUM(o.amount_minor) AS lost_amount
FROM buckets b
JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
WHERE o.status = 'lost'{{filters(opportunity, o)}}
GROUP BY o.stage_id
)sql";

// The funnel shows the mean dwell only: no percentiles, so no sort.
const std::string kDwellSql = ds::CountAndTotalSql(stage_funnel::kStageDwellSamplesSql);

struct CountAndAmount {
  int64_t count = 0;
  int64_t amount = 0;
};

// What the four scans return.
struct FunnelParts {
  stage_funnel::Funnel cohort;
  std::map<std::string, CountAndAmount> open;  // by stage id
  std::map<std::string, CountAndAmount> lost;
  std::map<std::string, ds::DurationStats> dwell;
};

absl::Status ReadCountsByStage(ConnectionPool::Lease& lease, const DashboardRequest& request, const char* sql,
                               std::map<std::string, CountAndAmount>& by_stage) {
  auto rows = DashboardRows<std::string, int64_t, int64_t>(lease, request, sql);
  if (!rows.ok()) return rows.status();
  for (const auto& [stage, count, amount] : *rows) by_stage[stage] = {count, amount};
  return absl::OkStatus();
}

absl::Status ReadCohort(ConnectionPool::Lease& lease, const DashboardRequest& request, stage_funnel::Funnel& cohort) {
  auto rows = DashboardRows<int64_t, std::string, std::string, int64_t, int64_t, int64_t, int64_t>(
      lease, request, stage_funnel::kReachedPerStageSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [bucket, id, name, position, reached, cohort_count, won] : *rows) {
    cohort.cohort_count = cohort_count;
    cohort.won_count = won;
    cohort.stages.push_back({{id, name, position}, reached});
  }
  return absl::OkStatus();
}

absl::Status ReadDwell(ConnectionPool::Lease& lease, const DashboardRequest& request,
                       std::map<std::string, ds::DurationStats>& dwell) {
  auto rows = DashboardRows<int64_t, std::string, int64_t, int64_t>(lease, request, kDwellSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [bucket, stage, count, total] : *rows) dwell[stage] = {.count = count, .total_seconds = total};
  return absl::OkStatus();
}

v1::Money Money(int64_t minor_units, const std::string& currency) {
  v1::Money money;
  money.set_currency_code(currency);
  money.set_minor_units(minor_units);
  return money;
}

}  // namespace

absl::StatusOr<v1::ComputeFunnelResponse> ComputeFunnel(const DashboardEnv& env,
                                                         const v1::ComputeFunnelRequest& request, absl::Time now,
                                                         absl::Time deadline) {
  absl::StatusOr<DashboardRequest> parsed = ParseDashboardRequest(request.period(), &request.filters(), now);
  if (!parsed.ok()) return parsed.status();
  const DashboardRequest& r = *parsed;

  FunnelParts parts;
  absl::Status status = RunConcurrently(
      *env.pool, deadline,
      {[&](ConnectionPool::Lease& lease) { return ReadCountsByStage(lease, r, kOpenByStageSql, parts.open); },
       [&](ConnectionPool::Lease& lease) { return ReadCohort(lease, r, parts.cohort); },
       [&](ConnectionPool::Lease& lease) { return ReadDwell(lease, r, parts.dwell); },
       [&](ConnectionPool::Lease& lease) { return ReadCountsByStage(lease, r, kLostByStageSql, parts.lost); }});
  if (!status.ok()) return status;

  v1::ComputeFunnelResponse response;
  *response.mutable_period() = ResolvedPeriodOf(r.windows[0], r.context);
  response.set_cohort_count(parts.cohort.cohort_count);
  response.set_won_count(parts.cohort.won_count);
  for (size_t i = 0; i < parts.cohort.stages.size(); ++i) {
    const stage_funnel::StageReached& reached = parts.cohort.stages[i];
    const std::string& id = reached.stage.id;
    const stage_funnel::Conversion conversion = stage_funnel::ConversionToNext(parts.cohort, i);
    v1::FunnelStage* stage = response.add_stages();
    stage->set_stage_id(id);
    stage->set_stage_name(reached.stage.name.value_or(""));
    stage->set_position(static_cast<int32_t>(reached.stage.position.value_or(0)));
    stage->set_open_count(parts.open[id].count);
    *stage->mutable_open_amount() = Money(parts.open[id].amount, env.currency_code);
    stage->set_reached_count(reached.reached_count);
    stage->set_next_stage(conversion.next_stage);
    *stage->mutable_conversion_to_next() = ToApiValue(conversion.rate, env.currency_code);
    *stage->mutable_mean_dwell_days() =
        ToApiValue(ds::MeanDays(parts.dwell[id], "no history row left the stage in the period"), env.currency_code);
    stage->set_lost_count(parts.lost[id].count);
    *stage->mutable_lost_amount() = Money(parts.lost[id].amount, env.currency_code);
  }
  return response;
}

}  // namespace salesmetrics
