#include "core/dashboards/sales_briefing.h"

#include <array>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/dashboards/concurrent_parts.h"
#include "core/time/previous_period.h"
#include "plugins/common/customer_economics.h"
#include "plugins/common/sales_targets.h"

namespace salesmetrics {
namespace {

namespace ce = salesmetrics::customer_economics;
namespace v1 = salesmetrics::v1;

// Bucket 0 is the period, bucket 1 the previous period.
constexpr size_t kPeriods = 2;

const std::string kClosedDealsSql = R"sql(
WITH {{buckets}}
SELECT b.bucket,
       COUNT(*) AS closed_count,
       SUM(CASE WHEN o.status = 'won' THEN 1 ELSE 0 END) AS won_count,
       SUM(CASE WHEN o.status = 'won' THEN o.amount_minor ELSE 0 END) AS won_amount,
       COUNT(DISTINCT CASE WHEN o.status = 'won' THEN o.account_id END) AS customer_count,
       SUM(CASE WHEN o.status = 'won' THEN {{epoch_seconds(o.closed_at)}} - {{epoch_seconds(o.created_at)}}
                ELSE 0 END) AS won_cycle_seconds,
       SUM(CASE WHEN o.status = 'won' AND EXISTS (SELECT 1 FROM sales_reps r WHERE r.id = o.owner_rep_id AND
           )sql" + std::string(sales_targets::kEmployedDuringBucket) + R"sql()
                THEN o.amount_minor ELSE 0 END) AS employed_won_amount
FROM buckets b
JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
WHERE o.status IN ('won', 'lost')
GROUP BY b.bucket
)sql";

constexpr char kMqlSql[] = R"sql(
WITH {{buckets}}
SELECT b.bucket, COUNT(*) AS mql_count, SUM(CASE WHEN l.sql_at <= :as_of THEN 1 ELSE 0 END) AS sql_count
FROM buckets b
JOIN leads l ON l.mql_at >= b.start_at AND l.mql_at < b.end_at
GROUP BY b.bucket
)sql";

const std::string kEmployedRepsSql = R"sql(
WITH {{buckets}}
SELECT b.bucket, COUNT(*) AS rep_count
FROM buckets b
JOIN sales_reps r ON )sql" + std::string(sales_targets::kEmployedDuringBucket) + R"sql(
GROUP BY b.bucket
)sql";

// What the scans return, per period.
struct PeriodFigures {
  int64_t closed_count = 0, won_count = 0, won_amount = 0, customer_count = 0, won_cycle_seconds = 0,
          employed_won_amount = 0;
  int64_t mql_count = 0, sql_count = 0;
  int64_t new_customer_count = 0, new_customer_payments = 0;
  int64_t marketing_spend = 0, sales_spend = 0;
  int64_t rep_count = 0;
};

using Figures = std::array<PeriodFigures, kPeriods>;

absl::Status ReadClosedDeals(ConnectionPool::Lease& lease, const DashboardRequest& request, Figures& figures) {
  auto rows = DashboardRows<int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t>(lease, request,
                                                                                           kClosedDealsSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [bucket, closed, won, amount, customers, cycle, employed_won] : *rows) {
    PeriodFigures& f = figures[bucket];
    f.closed_count = closed, f.won_count = won, f.won_amount = amount, f.customer_count = customers;
    f.won_cycle_seconds = cycle, f.employed_won_amount = employed_won;
  }
  return absl::OkStatus();
}

absl::Status ReadMqls(ConnectionPool::Lease& lease, const DashboardRequest& request, Figures& figures) {
  auto rows = DashboardRows<int64_t, int64_t, int64_t>(lease, request, kMqlSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [bucket, mqls, sqls] : *rows) figures[bucket].mql_count = mqls, figures[bucket].sql_count = sqls;
  return absl::OkStatus();
}

absl::Status ReadNewCustomers(ConnectionPool::Lease& lease, const DashboardRequest& request, Figures& figures) {
  auto rows = DashboardRows<int64_t, int64_t, int64_t>(lease, request, ce::kCohortPaymentsSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [bucket, customers, payments] : *rows) {
    figures[bucket].new_customer_count = customers, figures[bucket].new_customer_payments = payments;
  }
  return absl::OkStatus();
}

absl::Status ReadSpend(ConnectionPool::Lease& lease, const DashboardRequest& request, Figures& figures) {
  auto rows = DashboardRows<int64_t, int64_t, int64_t>(lease, request, ce::kSpendSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [bucket, marketing, sales] : *rows) {
    figures[bucket].marketing_spend = marketing, figures[bucket].sales_spend = sales;
  }
  return absl::OkStatus();
}

absl::Status ReadEmployedReps(ConnectionPool::Lease& lease, const DashboardRequest& request, Figures& figures) {
  auto rows = DashboardRows<int64_t, int64_t>(lease, request, kEmployedRepsSql);
  if (!rows.ok()) return rows.status();
  for (const auto& [bucket, reps] : *rows) figures[bucket].rep_count = reps;
  return absl::OkStatus();
}

// The headlines of one period, in kpis.md order, from the same definitions
// and rounding as the metrics.
struct Headline {
  const char* metric;
  v1::Unit unit;
  sdk::Value value;
};

std::array<Headline, 11> Headlines(const PeriodFigures& f) {
  const sdk::Value cac = sdk::MoneyQuotient(f.marketing_spend + f.sales_spend, sdk::CountOf(f.new_customer_count),
                                            ce::kNoNewCustomers);
  const sdk::Value ltv = sdk::MoneyQuotient(f.new_customer_payments, sdk::CountOf(f.new_customer_count),
                                            ce::kNoNewCustomers);
  const sdk::Value ltv_cac = ltv.absent() || cac.absent()
                                 ? sdk::Absent(ltv.absent() ? "ltv has no value" : "cac has no value")
                                 : sdk::Ratio(sdk::MoneyOf(ltv.integer()), sdk::MoneyOf(cac.integer()), "cac is 0");
  const sdk::Value cycle = f.won_count == 0 ? sdk::Absent("no opportunities won in the period")
                                            : sdk::Days(static_cast<double>(f.won_cycle_seconds) /
                                                        static_cast<double>(f.won_count) / 86400);
  return {{
      {"mql_count", v1::UNIT_COUNT, sdk::Count(f.mql_count)},
      {"mql_to_sql_rate", v1::UNIT_RATIO,
       sdk::Ratio(sdk::CountOf(f.sql_count), sdk::CountOf(f.mql_count), "no leads became MQLs in the period")},
      {"win_rate", v1::UNIT_RATIO,
       sdk::Ratio(sdk::CountOf(f.won_count), sdk::CountOf(f.closed_count), "no opportunities closed in the period")},
      {"cac", v1::UNIT_MONEY, cac},
      {"total_sales", v1::UNIT_MONEY, sdk::Money(f.won_amount)},
      {"ltv", v1::UNIT_MONEY, ltv},
      {"ltv_cac_ratio", v1::UNIT_RATIO, ltv_cac},
      {"sales_cycle_days", v1::UNIT_DAYS, cycle},
      {"avg_sales_per_customer", v1::UNIT_MONEY,
       sdk::MoneyQuotient(f.won_amount, sdk::CountOf(f.customer_count), "no opportunities won in the period")},
      {"sales_per_rep", v1::UNIT_MONEY,
       sdk::MoneyQuotient(f.employed_won_amount, sdk::CountOf(f.rep_count), "no sales rep employed in the period")},
      {"lost_reasons", v1::UNIT_COUNT, sdk::Count(f.closed_count - f.won_count)},
  }};
}

// The number a value holds: its integer for counts and money, else its real.
double Number(const sdk::Value& v) {
  const int32_t unit = v.raw().unit;
  return unit == SM_UNIT_COUNT || unit == SM_UNIT_MONEY ? static_cast<double>(v.integer()) : v.real();
}

sdk::Value AbsoluteChange(const sdk::Value& current, const sdk::Value& previous) {
  if (current.absent() || previous.absent()) return sdk::Absent("the current or previous value is absent");
  switch (current.raw().unit) {
    case SM_UNIT_COUNT:
      return sdk::Count(current.integer() - previous.integer());
    case SM_UNIT_MONEY:
      return sdk::Money(current.integer() - previous.integer());
    case SM_UNIT_DAYS:
      return sdk::Days(current.real() - previous.real());
    default:
      return sdk::Value::Of(SM_UNIT_RATIO, 0, current.real() - previous.real());
  }
}

// (current - previous) / |previous|, with exact operands for counts and money.
sdk::Value RelativeChange(const sdk::Value& current, const sdk::Value& previous) {
  if (current.absent() || previous.absent()) return sdk::Absent("the current or previous value is absent");
  if (Number(previous) == 0) return sdk::Absent("the previous value is 0");
  const int32_t unit = current.raw().unit;
  if (unit == SM_UNIT_COUNT || unit == SM_UNIT_MONEY) {
    const auto operand = unit == SM_UNIT_COUNT ? sdk::CountOf : sdk::MoneyOf;
    return sdk::Ratio(operand(current.integer() - previous.integer()), operand(std::llabs(previous.integer())), "");
  }
  return sdk::Value::Of(SM_UNIT_RATIO, 0, (current.real() - previous.real()) / std::abs(previous.real()));
}

std::string DisplayName(const DashboardEnv& env, const std::string& metric) {
  const auto registered = env.registry->Find(metric);
  return registered == nullptr ? metric : registered->info().display_name();
}

}  // namespace

absl::StatusOr<v1::ComputeSalesBriefingResponse> ComputeSalesBriefing(const DashboardEnv& env,
                                                                      const v1::ComputeSalesBriefingRequest& request,
                                                                      absl::Time now, absl::Time deadline) {
  absl::StatusOr<DashboardRequest> parsed = ParseDashboardRequest(request.period(), nullptr, now);
  if (!parsed.ok()) return parsed.status();
  const RequestContext& context = parsed->context;
  parsed->windows.push_back(PreviousPeriod(context.period, context.zone, context.fiscal_year_start_month));

  Figures figures;
  const DashboardRequest& r = *parsed;
  absl::Status status = RunConcurrently(
      *env.pool, deadline,
      {[&](ConnectionPool::Lease& lease) { return ReadClosedDeals(lease, r, figures); },
       [&](ConnectionPool::Lease& lease) { return ReadMqls(lease, r, figures); },
       [&](ConnectionPool::Lease& lease) { return ReadNewCustomers(lease, r, figures); },
       [&](ConnectionPool::Lease& lease) { return ReadSpend(lease, r, figures); },
       [&](ConnectionPool::Lease& lease) { return ReadEmployedReps(lease, r, figures); }});
  if (!status.ok()) return status;

  v1::ComputeSalesBriefingResponse response;
  *response.mutable_period() = ResolvedPeriodOf(r.windows[0], context);
  *response.mutable_previous_period() = ResolvedPeriodOf(r.windows[1], context);
  const auto current = Headlines(figures[0]);
  const auto previous = Headlines(figures[1]);
  for (size_t i = 0; i < current.size(); ++i) {
    v1::BriefingLine* line = response.add_lines();
    line->set_metric(current[i].metric);
    line->set_display_name(DisplayName(env, current[i].metric));
    line->set_unit(current[i].unit);
    *line->mutable_current() = ToApiValue(current[i].value, env.currency_code);
    *line->mutable_previous() = ToApiValue(previous[i].value, env.currency_code);
    *line->mutable_absolute_change() = ToApiValue(AbsoluteChange(current[i].value, previous[i].value), env.currency_code);
    *line->mutable_relative_change() = ToApiValue(RelativeChange(current[i].value, previous[i].value), env.currency_code);
  }
  return response;
}

}  // namespace salesmetrics
