// The customer acquisition cost and lifetime value computations (kpis.md
// §4, §6), shared by the cac, ltv and ltv_cac_ratio plugins so that the
// ratio divides exactly what the two metrics return.
#ifndef SALESMETRICS_PLUGINS_COMMON_CUSTOMER_ECONOMICS_H_
#define SALESMETRICS_PLUGINS_COMMON_CUSTOMER_ECONOMICS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "salesmetrics/sdk.h"

namespace salesmetrics::customer_economics {

namespace sdk = salesmetrics::sdk;

// A metric's values for one cell: the headline, then the measures behind it.
struct Figures {
  sdk::Value headline;
  std::vector<std::pair<const char*, sdk::Value>> details;
};

// Emits each cell's figures, the headline under `headline_measure`.
inline void EmitFigures(sdk::Request& request, const sdk::CellMap<Figures>& cells, const char* headline_measure) {
  for (const auto& [cell, figures] : cells) {
    request.Emit(cell, headline_measure, figures.headline);
    for (const auto& [measure, value] : figures.details) request.Emit(cell, measure, value);
  }
}

// A definition variant: its name (a parameter choice) and formula.
struct Variant {
  const char* name;
  const char* formula;
};

// The two variants of a definition, the first the default.
struct VariantPair {
  Variant first;
  Variant second;
  const char* description;

  // The choice between them, as parameter `name`.
  sdk::Parameter Parameter(std::string name) const {
    sdk::Parameter p = sdk::Parameter::Variant({first.name, second.name}, description);
    p.name = std::move(name);
    return p;
  }
  // The variant the request chose with parameter `name`.
  const Variant& Chosen(const sdk::Request& request, const char* name) const {
    return request.Param(name) == second.name ? second : first;
  }
};

// ---------------------------------------------------------------- New customers

// The new customers of each bucket: accounts with a won deal closed in the
// bucket and none before it, i.e. whose first win over all time is in the
// bucket. NOT EXISTS probes the (account_id, status, closed_at) index.
inline constexpr char kNewCustomersCte[] = R"sql(
new_customers AS (
  SELECT DISTINCT b.bucket, o.account_id
  FROM buckets b
  JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at
  WHERE o.status = 'won'
    AND NOT EXISTS (SELECT 1 FROM opportunities earlier
                    WHERE earlier.account_id = o.account_id
                      AND earlier.status = 'won'
                      AND earlier.closed_at < b.start_at)
)
)sql";

inline const std::string kNewCustomerCountSql = std::string("WITH {{buckets}},") + kNewCustomersCte + R"sql(
SELECT bucket, COUNT(*) AS new_customer_count
FROM new_customers
GROUP BY bucket
)sql";

// Every payment of the cohort's accounts up to as_of: before the period,
// on other deals, without an opportunity, refunds included. Each account's
// payments are summed from the (account_id, received_at, amount_minor)
// index, which spares counting distinct accounts over a join.
inline const std::string kCohortPaymentsSql = std::string("WITH {{buckets}},") + kNewCustomersCte + R"sql(
SELECT n.bucket,
       COUNT(*) AS customer_count,
       COALESCE(SUM((SELECT SUM(p.amount_minor) FROM payments p
                     WHERE p.account_id = n.account_id AND p.received_at <= :as_of)), 0) AS customer_payments
FROM new_customers n
GROUP BY n.bucket
)sql";

inline constexpr char kNoNewCustomers[] = "no new customers (first won opportunity) in the period";

// ---------------------------------------------------------------- CAC

inline constexpr char kSpendSql[] = R"sql(
WITH {{buckets}}
SELECT b.bucket,
       SUM(CASE WHEN e.category = 'marketing' THEN e.amount_minor ELSE 0 END) AS marketing_spend,
       SUM(CASE WHEN e.category = 'sales' THEN e.amount_minor ELSE 0 END) AS sales_spend
FROM buckets b
JOIN expenses e ON e.incurred_on >= b.start_date AND e.incurred_on < b.end_date
GROUP BY b.bucket
)sql";

inline constexpr VariantPair kCacVariants = {
    {"blended",
     "(marketing + sales expenses with incurred_on in the period) / new customers (accounts whose first won "
     "opportunity closed in the period), to the nearest minor unit"},
    {"marketing",
     "marketing expenses with incurred_on in the period / new customers (accounts whose first won "
     "opportunity closed in the period), to the nearest minor unit"},
    "blended: marketing and sales spend; marketing: marketing spend only"};
inline constexpr const Variant& kMarketingCac = kCacVariants.second;

// The new customer count of each bucket.
inline sdk::CellMap<int64_t> NewCustomerCounts(sdk::Request& request) {
  auto counts = request.NewCellMap<int64_t>();
  for (const auto& [bucket, n] : request.Query<int64_t, int64_t>(kNewCustomerCountSql)) counts[{bucket}] = n;
  return counts;
}

// CAC per bucket: the variant's spend / new customers, with both spends
// and the new customer count.
inline sdk::CellMap<Figures> ComputeCac(sdk::Request& request, const Variant& variant,
                                        const sdk::CellMap<int64_t>& new_customers) {
  struct Spend {
    int64_t marketing = 0;
    int64_t sales = 0;
  };
  auto spends = request.NewCellMap<Spend>();
  for (const auto& [bucket, marketing, sales] : request.Query<int64_t, int64_t, int64_t>(kSpendSql)) {
    spends[{bucket}] = {marketing, sales};
  }
  sdk::CellMap<Figures> cells;
  for (const auto& [cell, in] : spends) {
    const int64_t spend = &variant == &kMarketingCac ? in.marketing : in.marketing + in.sales;
    const auto n = new_customers.find(cell);
    const int64_t new_customer_count = n == new_customers.end() ? 0 : n->second;
    cells[cell] = {sdk::MoneyQuotient(spend, sdk::CountOf(new_customer_count), kNoNewCustomers),
                   {{"spend", sdk::Money(spend)},
                    {"marketing_spend", sdk::Money(in.marketing)},
                    {"sales_spend", sdk::Money(in.sales)},
                    {"new_customer_count", sdk::Count(new_customer_count)}}};
  }
  return cells;
}

// ---------------------------------------------------------------- LTV

// Accounts with a payment in the recent window [:recent_start, :as_of) and
// in the older one [:older_start, :recent_start); P plays no part.
inline constexpr char kPaymentWindowsSql[] = R"sql(
WITH paying_accounts AS (
  SELECT p.account_id,
         SUM(CASE WHEN p.received_at >= :recent_start THEN p.amount_minor ELSE 0 END) AS recent_payments,
         MAX(CASE WHEN p.received_at >= :recent_start THEN 1 ELSE 0 END) AS paid_recently,
         MAX(CASE WHEN p.received_at < :recent_start THEN 1 ELSE 0 END) AS paid_before
  FROM payments p
  WHERE p.received_at >= :older_start AND p.received_at < :as_of
  GROUP BY p.account_id
)
SELECT COALESCE(SUM(recent_payments), 0) AS recent_payments,
       COALESCE(SUM(paid_recently), 0) AS active_account_count,
       COALESCE(SUM(paid_before), 0) AS older_account_count,
       COALESCE(SUM(paid_before * (1 - paid_recently)), 0) AS churned_account_count
FROM paying_accounts
)sql";

inline constexpr int64_t kYearMicros = int64_t{365} * 86400 * 1000000;
inline constexpr char kNoRecentPayer[] = "no account paid in the 365 days before as_of";
inline constexpr char kNoOlderPayer[] = "no account paid in the 365 days before as_of - 365 days: churn undefined";

inline constexpr VariantPair kLtvVariants = {
    {"cohort",
     "gross_margin x (payments received by as_of, refunds included, from the accounts whose first won "
     "opportunity closed in the period) / those accounts, to the nearest minor unit"},
    {"predictive",
     "ARPA x gross_margin / churn, to the nearest minor unit, the period unused; ARPA = payments received in "
     "[as_of - 365 d, as_of) / accounts paying then; churn = share of the accounts paying in "
     "[as_of - 730 d, as_of - 365 d) that did not pay in [as_of - 365 d, as_of)"},
    "cohort: payments of the period's new customers per customer; predictive: ARPA / churn over the last "
    "two years before as_of"};
inline constexpr const Variant& kPredictiveLtv = kLtvVariants.second;

inline sdk::Parameter GrossMarginParameter() {
  return {.name = "gross_margin",
          .description = "Share of the payments that is margin, in (0, 1]",
          .type = SM_PARAM_DECIMAL,
          .default_value = "1",
          .minimum = "0",
          .minimum_exclusive = true,
          .maximum = "1"};
}

// The new customers of each bucket (the cohort ltv follows) and all they paid.
struct Cohort {
  int64_t customer_count = 0;
  int64_t customer_payments = 0;
};
inline sdk::CellMap<Cohort> NewCustomerCohorts(sdk::Request& request) {
  auto cohorts = request.NewCellMap<Cohort>();
  for (const auto& [bucket, customers, payments] : request.Query<int64_t, int64_t, int64_t>(kCohortPaymentsSql)) {
    cohorts[{bucket}] = {customers, payments};
  }
  return cohorts;
}

// gross_margin x the cohort's payments / its size.
inline sdk::CellMap<Figures> CohortLtv(const sdk::CellMap<Cohort>& cohorts, Decimal gross_margin) {
  sdk::CellMap<Figures> cells;
  for (const auto& [cell, c] : cohorts) {
    cells[cell] = {sdk::MoneyQuotient(c.customer_payments, sdk::CountOf(c.customer_count), kNoNewCustomers,
                                      gross_margin),
                   {{"customer_count", sdk::Count(c.customer_count)},
                    {"customer_payments", sdk::Money(c.customer_payments)}}};
  }
  return cells;
}

// S x gm x M / (N x C) to the nearest minor unit, exactly (in 128 bits),
// with the fraction S x M / N x C when it fits in 64 bits.
inline sdk::Value PredictiveLtvValue(int64_t s, int64_t m, int64_t n, int64_t c, Decimal gross_margin,
                                     const char* no_value) {
  const Int128 numerator = static_cast<Int128>(s) * m;
  const Int128 denominator = static_cast<Int128>(n) * c;
  sdk::Value ltv = denominator == 0 ? sdk::Absent(no_value)
                                    : sdk::Money(static_cast<int64_t>(RoundedQuotient(
                                          numerator * gross_margin.units, denominator * gross_margin.Denominator())));
  const auto fits = [](Int128 v) { return v >= INT64_MIN && v <= INT64_MAX; };
  if (fits(numerator) && fits(denominator)) {
    ltv.WithFraction(sdk::MoneyOf(static_cast<int64_t>(numerator)), sdk::CountOf(static_cast<int64_t>(denominator)));
  }
  return ltv;
}

// LTV = S x gm x M / (N x C): S paid by the N accounts paying in the recent
// window, C of the M accounts paying in the older window did not pay in the
// recent one. ARPA (S / N) and churn (C / M) are not rounded before use.
inline sdk::CellMap<Figures> PredictiveLtv(sdk::Request& request, Decimal gross_margin) {
  const int64_t recent_start = request.as_of_micros() - kYearMicros;
  auto rows = request.Query<int64_t, int64_t, int64_t, int64_t>(
      kPaymentWindowsSql, {sdk::SqlParam::Timestamp("recent_start", recent_start),
                           sdk::SqlParam::Timestamp("older_start", recent_start - kYearMicros)});
  const auto [recent_payments, active, older, churned] = *rows.begin();  // one row: an aggregate
  const char* no_value = active == 0 ? kNoRecentPayer : older == 0 ? kNoOlderPayer : "no account churned: churn is 0";
  const Figures figures = {
      PredictiveLtvValue(recent_payments, older, active, churned, gross_margin, no_value),
      {{"arpa", sdk::MoneyQuotient(recent_payments, sdk::CountOf(active), kNoRecentPayer)},
       {"churn_rate", sdk::Ratio(sdk::CountOf(churned), sdk::CountOf(older), kNoOlderPayer)},
       {"active_account_count", sdk::Count(active)},
       {"recent_payments", sdk::Money(recent_payments)}}};
  auto cells = request.NewCellMap<Figures>();
  for (auto& [cell, f] : cells) f = figures;
  return cells;
}

// LTV per bucket under the variant, with the measures behind it.
inline sdk::CellMap<Figures> ComputeLtv(sdk::Request& request, const Variant& variant) {
  const Decimal gross_margin = request.DecimalParam("gross_margin");
  return &variant == &kPredictiveLtv ? PredictiveLtv(request, gross_margin)
                                     : CohortLtv(NewCustomerCohorts(request), gross_margin);
}

struct LtvAndNewCustomers {
  sdk::CellMap<Figures> ltv;
  sdk::CellMap<int64_t> new_customer_counts;
};

// LTV under the variant and the new customer counts CAC divides by: the
// cohort variant's cohort is those customers, so they are found once.
inline LtvAndNewCustomers ComputeLtvAndNewCustomers(sdk::Request& request, const Variant& variant) {
  if (&variant == &kPredictiveLtv) return {ComputeLtv(request, variant), NewCustomerCounts(request)};
  const sdk::CellMap<Cohort> cohorts = NewCustomerCohorts(request);
  LtvAndNewCustomers out{CohortLtv(cohorts, request.DecimalParam("gross_margin")), {}};
  for (const auto& [cell, cohort] : cohorts) out.new_customer_counts[cell] = cohort.customer_count;
  return out;
}

}  // namespace salesmetrics::customer_economics

#endif  // SALESMETRICS_PLUGINS_COMMON_CUSTOMER_ECONOMICS_H_
