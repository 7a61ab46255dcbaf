#include "core/dashboards/forecast.h"

#include <algorithm>
#include <optional>
#include <string>

#include "core/dashboards/concurrent_parts.h"
#include "core/time/civil_time.h"
#include "plugins/common/sales_targets.h"

namespace salesmetrics {
namespace {

namespace st = salesmetrics::sales_targets;
namespace v1 = salesmetrics::v1;

constexpr char kWonToDateSql[] = R"sql(
SELECT COALESCE(SUM(o.amount_minor), 0)
FROM opportunities o
WHERE o.status = 'won' AND o.closed_at >= :won_from AND o.closed_at < :won_to
)sql";

// Open at as_of and expected to close in the period (a date: its local
// midnight in the period). Weighting uses the current stage's probability.
constexpr char kPipelineSql[] = R"sql(
WITH {{buckets}}
SELECT COALESCE(SUM(o.amount_minor), 0) AS open_amount,
       COALESCE(SUM(o.amount_minor * COALESCE(s.win_probability, 0)), 0) AS weighted_amount_percent
FROM buckets b
JOIN opportunities o ON o.expected_close_date >= b.start_date AND o.expected_close_date < b.end_date
LEFT JOIN pipeline_stages s ON s.id = o.stage_id
WHERE o.status = 'open' AND o.created_at <= :as_of
)sql";

const std::string kCompanyTargetSql = R"sql(
WITH {{buckets}}
SELECT SUM(t.target_value)
FROM buckets b
JOIN targets t ON )sql" + std::string(st::kTargetInsideBucket) + R"sql(
WHERE t.metric = 'total_sales' AND t.scope = 'company'
)sql";

struct ForecastParts {
  int64_t won_to_date = 0;
  int64_t open_amount = 0;
  int64_t weighted_amount_percent = 0;  // sum of amount x win_probability: 100 x the weighted pipeline
  std::optional<double> target;
};

absl::Status ReadWonToDate(ConnectionPool::Lease& lease, const DashboardRequest& request, ForecastParts& parts) {
  const TimeWindow& period = request.windows[0];
  const absl::Time won_to = std::min(period.end, request.context.as_of);
  if (won_to <= period.start) return absl::OkStatus();  // as_of before the period: nothing won yet
  auto rows = DashboardRows<int64_t>(lease, request, kWonToDateSql,
                                     {{"won_from", SqlValue::Timestamp(FormatSqlTimestamp(period.start))},
                                      {"won_to", SqlValue::Timestamp(FormatSqlTimestamp(won_to))}});
  if (!rows.ok()) return rows.status();
  parts.won_to_date = std::get<0>(rows->at(0));
  return absl::OkStatus();
}

absl::Status ReadPipeline(ConnectionPool::Lease& lease, const DashboardRequest& request, ForecastParts& parts) {
  auto rows = DashboardRows<int64_t, int64_t>(lease, request, kPipelineSql);
  if (!rows.ok()) return rows.status();
  std::tie(parts.open_amount, parts.weighted_amount_percent) = rows->at(0);
  return absl::OkStatus();
}

absl::Status ReadTarget(ConnectionPool::Lease& lease, const DashboardRequest& request, ForecastParts& parts) {
  auto rows = DashboardRows<std::optional<double>>(lease, request, kCompanyTargetSql);
  if (!rows.ok()) return rows.status();
  parts.target = std::get<0>(rows->at(0));
  return absl::OkStatus();
}

// open / (target - won to date): an attainment of what remains of the
// target, so with its fraction; absent without a target or once it is met.
sdk::Value PipelineCoverage(const ForecastParts& p) {
  if (!p.target) return sdk::Absent(st::kNoTarget);
  const double remaining = *p.target - static_cast<double>(p.won_to_date);
  if (remaining <= 0) return sdk::Absent("won to date already meets the target");
  return st::Attainment(p.open_amount, remaining);
}

}  // namespace

absl::StatusOr<v1::ComputeForecastResponse> ComputeForecast(const DashboardEnv& env,
                                                            const v1::ComputeForecastRequest& request, absl::Time now,
                                                            absl::Time deadline) {
  absl::StatusOr<DashboardRequest> parsed = ParseDashboardRequest(request.period(), nullptr, now);
  if (!parsed.ok()) return parsed.status();
  const DashboardRequest& r = *parsed;

  ForecastParts parts;
  absl::Status status = RunConcurrently(*env.pool, deadline,
                                        {[&](ConnectionPool::Lease& lease) { return ReadWonToDate(lease, r, parts); },
                                         [&](ConnectionPool::Lease& lease) { return ReadPipeline(lease, r, parts); },
                                         [&](ConnectionPool::Lease& lease) { return ReadTarget(lease, r, parts); }});
  if (!status.ok()) return status;

  // The weighted pipeline is rounded once, on the sum.
  const int64_t weighted = static_cast<int64_t>(RoundedQuotient(parts.weighted_amount_percent, 100));
  const int64_t forecast = parts.won_to_date + weighted;
  const auto money = [&](int64_t minor_units) { return ToApiValue(sdk::Money(minor_units), env.currency_code); };
  v1::ComputeForecastResponse response;
  *response.mutable_period() = ResolvedPeriodOf(r.windows[0], r.context);
  *response.mutable_won_to_date() = money(parts.won_to_date);
  *response.mutable_weighted_pipeline() = money(weighted);
  *response.mutable_open_pipeline() = money(parts.open_amount);
  *response.mutable_forecast() = money(forecast);
  *response.mutable_best_case() = money(parts.won_to_date + parts.open_amount);
  *response.mutable_target() = ToApiValue(st::TargetMoney(parts.target), env.currency_code);
  *response.mutable_forecast_attainment() = ToApiValue(st::Attainment(forecast, parts.target), env.currency_code);
  *response.mutable_pipeline_coverage() = ToApiValue(PipelineCoverage(parts), env.currency_code);
  return response;
}

}  // namespace salesmetrics
