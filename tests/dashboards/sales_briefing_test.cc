#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/dashboards/dashboard_test_env.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/plugins/leads_fixture.h"

namespace salesmetrics::testing {
namespace {

// Two new customers whose cohorts' payments differ in sign, for the
// relative change against a negative previous value.
//
// | account | won deal | closed_at (UTC)     | payment (UTC)              | LTV of its month |
// | a_neg   | n1, 100  | 2023-12-10 10:00:00 | -300 at 2024-01-05 (refund) | December: -300   |
// | a_pos   | n2, 100  | 2024-01-10 10:00:00 | 600 at 2024-01-15           | January: 600     |
constexpr char kRefundedCohortFixture[] = R"sql(
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_neg', 'Neg', NULL, NULL, NULL, '2023-01-01 00:00:00'),
  ('a_pos', 'Pos', NULL, NULL, NULL, '2023-01-01 00:00:00');
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           stage_id, status, closed_at, is_key) VALUES
  ('n1', NULL, 'a_neg', 'r_sam', NULL, NULL, 100, '2023-12-01 00:00:00', 's_done', 'won', '2023-12-10 10:00:00', FALSE),
  ('n2', NULL, 'a_pos', 'r_sam', NULL, NULL, 100, '2024-01-01 00:00:00', 's_done', 'won', '2024-01-10 10:00:00', FALSE);
INSERT INTO payments (id, account_id, opportunity_id, received_at, amount_minor) VALUES
  ('y1', 'a_neg', 'n1', '2024-01-05 00:00:00', -300),
  ('y2', 'a_pos', 'n2', '2024-01-15 00:00:00', 600)
)sql";

constexpr char kAsOf[] = "2024-03-01T00:00:00Z";

// Sales cycles of the closed deals fixture, in days: January's won o1
// (40 d 10 h = 3492000 s), o3 (29 d 86399 s = 2591999 s) and o8 (25 d 20 h
// = 2232000 s); December's o5 (60 d 86399 s = 5270399 s).
constexpr double kJanuaryCycle = (3492000.0 + 2591999.0 + 2232000.0) / 3 / 86400;
constexpr double kDecemberCycle = 5270399.0 / 86400;

// The line of `metric`; fails the test when there is none.
const v1::BriefingLine& Line(const v1::ComputeSalesBriefingResponse& response, const std::string& metric) {
  for (const v1::BriefingLine& line : response.lines()) {
    if (line.metric() == metric) return line;
  }
  ADD_FAILURE() << "no line for " << metric;
  return v1::BriefingLine::default_instance();
}

class SalesBriefingTest : public DashboardTest {};

TEST_P(SalesBriefingTest, ElevenLinesInTheOrderOfKpisMd) {
  auto r = SalesBriefing(Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  const std::vector<std::pair<std::string, v1::Unit>> expected = {
      {"mql_count", v1::UNIT_COUNT},
      {"mql_to_sql_rate", v1::UNIT_RATIO},
      {"win_rate", v1::UNIT_RATIO},
      {"cac", v1::UNIT_MONEY},
      {"total_sales", v1::UNIT_MONEY},
      {"ltv", v1::UNIT_MONEY},
      {"ltv_cac_ratio", v1::UNIT_RATIO},
      {"sales_cycle_days", v1::UNIT_DAYS},
      {"avg_sales_per_customer", v1::UNIT_MONEY},
      {"sales_per_rep", v1::UNIT_MONEY},
      {"lost_reasons", v1::UNIT_COUNT},
  };
  ASSERT_EQ(r->lines_size(), 11);
  for (int i = 0; i < 11; ++i) {
    EXPECT_EQ(r->lines(i).metric(), expected[i].first);
    EXPECT_EQ(r->lines(i).unit(), expected[i].second) << expected[i].first;
  }
  EXPECT_EQ(Line(*r, "sales_per_rep").display_name(), "Sales per rep");
  EXPECT_EQ(Line(*r, "lost_reasons").display_name(), "Lost-deal reasons");
}

TEST_P(SalesBriefingTest, JanuaryAgainstDecemberInEveryUnit) {
  Load(kClosedDealsFixture);
  Load(kLeadsFixture);
  auto r = SalesBriefing(Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Span(r->period()), "2024-01-01T00:00:00Z..2024-02-01T00:00:00Z");
  EXPECT_EQ(Span(r->previous_period()), "2023-12-01T00:00:00Z..2024-01-01T00:00:00Z");

  // Counts. MQLs: January l1-l5 = 5, December l7 l9 = 2: +3, +3/2.
  const v1::BriefingLine& mqls = Line(*r, "mql_count");
  EXPECT_TRUE(IsCount(mqls.current(), 5));
  EXPECT_TRUE(IsCount(mqls.previous(), 2));
  EXPECT_TRUE(IsCount(mqls.absolute_change(), 3));
  EXPECT_TRUE(IsRatio(mqls.relative_change(), 3, 2));
  // Lost: January o2 o7 = 2, December none: no relative change from 0.
  const v1::BriefingLine& lost = Line(*r, "lost_reasons");
  EXPECT_TRUE(IsCount(lost.current(), 2));
  EXPECT_TRUE(IsCount(lost.previous(), 0));
  EXPECT_TRUE(IsCount(lost.absolute_change(), 2));
  EXPECT_TRUE(IsAbsent(lost.relative_change()));

  // Ratios. Win rate: January won o1 o3 o8 of 5 closed, December o5 of 1:
  // 0.6 - 1 = -0.4, -0.4 / |1| = -0.4.
  const v1::BriefingLine& win_rate = Line(*r, "win_rate");
  EXPECT_TRUE(IsRatio(win_rate.current(), 3, 5));
  EXPECT_TRUE(IsRatio(win_rate.previous(), 1, 1));
  EXPECT_TRUE(IsInexactRatio(win_rate.absolute_change(), 3.0 / 5 - 1));
  EXPECT_TRUE(IsInexactRatio(win_rate.relative_change(), 3.0 / 5 - 1));
  // MQL to SQL by as_of: January l1 l2 l3 l5 of 5, December l9 of 2:
  // 0.8 - 0.5 = 0.3, 0.3 / 0.5 = 0.6.
  const v1::BriefingLine& conversion = Line(*r, "mql_to_sql_rate");
  EXPECT_TRUE(IsRatio(conversion.current(), 4, 5));
  EXPECT_TRUE(IsRatio(conversion.previous(), 1, 2));
  EXPECT_TRUE(IsInexactRatio(conversion.absolute_change(), 4.0 / 5 - 1.0 / 2));
  EXPECT_TRUE(IsInexactRatio(conversion.relative_change(), (4.0 / 5 - 1.0 / 2) / (1.0 / 2)));

  // Money. Total sales: 1001 + 2001 + 50 = 3052 against o5's 400.
  const v1::BriefingLine& sales = Line(*r, "total_sales");
  EXPECT_TRUE(IsMoney(sales.current(), 3052));
  EXPECT_TRUE(IsMoney(sales.previous(), 400));
  EXPECT_TRUE(IsMoney(sales.absolute_change(), 2652));
  EXPECT_TRUE(IsMoneyRatio(sales.relative_change(), 2652, 400));
  // Per customer: 3052 / 3 accounts = 1017.33 -> 1017, against 400 / 1.
  const v1::BriefingLine& per_customer = Line(*r, "avg_sales_per_customer");
  EXPECT_TRUE(IsMoney(per_customer.current(), 1017));
  EXPECT_TRUE(IsMoney(per_customer.previous(), 400));
  EXPECT_TRUE(IsMoneyRatio(per_customer.relative_change(), 617, 400));
  // Per rep: the 4 reps are employed in both months: 3052 / 4 = 763, 400 / 4
  // = 100.
  const v1::BriefingLine& per_rep = Line(*r, "sales_per_rep");
  EXPECT_TRUE(IsMoney(per_rep.current(), 763));
  EXPECT_TRUE(IsMoney(per_rep.previous(), 100));
  EXPECT_TRUE(IsMoney(per_rep.absolute_change(), 663));
  EXPECT_TRUE(IsMoneyRatio(per_rep.relative_change(), 663, 100));
  // No spend and no payments: CAC and LTV are 0 for both months' new
  // customers (a_acme a_bolt; a_cora), so no relative change from 0, and no
  // LTV / CAC at all.
  for (const char* metric : {"cac", "ltv"}) {
    const v1::BriefingLine& line = Line(*r, metric);
    EXPECT_TRUE(IsMoney(line.current(), 0)) << metric;
    EXPECT_TRUE(IsMoney(line.previous(), 0)) << metric;
    EXPECT_TRUE(IsMoney(line.absolute_change(), 0)) << metric;
    EXPECT_TRUE(IsAbsent(line.relative_change())) << metric;
  }
  const v1::BriefingLine& ltv_cac = Line(*r, "ltv_cac_ratio");
  EXPECT_TRUE(IsAbsent(ltv_cac.current()));
  EXPECT_TRUE(IsAbsent(ltv_cac.previous()));
  EXPECT_TRUE(IsAbsent(ltv_cac.absolute_change()));
  EXPECT_TRUE(IsAbsent(ltv_cac.relative_change()));

  // Days: the mean cycles, their difference and its share of December's.
  const v1::BriefingLine& cycle = Line(*r, "sales_cycle_days");
  EXPECT_TRUE(IsDays(cycle.current(), kJanuaryCycle));
  EXPECT_TRUE(IsDays(cycle.previous(), kDecemberCycle));
  EXPECT_TRUE(IsDays(cycle.absolute_change(), kJanuaryCycle - kDecemberCycle));
  EXPECT_TRUE(IsInexactRatio(cycle.relative_change(), (kJanuaryCycle - kDecemberCycle) / kDecemberCycle));
}

TEST_P(SalesBriefingTest, NoChangeAgainstAnAbsentPreviousValue) {
  // December against November, when nothing closed: the win rate, the
  // sales cycle and the sales per customer have no previous value; total
  // sales was 0.
  Load(kClosedDealsFixture);
  auto r = SalesBriefing(Period("2023-12-01", "2024-01-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  for (const char* metric : {"win_rate", "sales_cycle_days", "avg_sales_per_customer", "cac"}) {
    const v1::BriefingLine& line = Line(*r, metric);
    EXPECT_FALSE(IsAbsent(line.current())) << metric;
    EXPECT_TRUE(IsAbsent(line.previous())) << metric;
    EXPECT_TRUE(IsAbsent(line.absolute_change())) << metric;
    EXPECT_TRUE(IsAbsent(line.relative_change())) << metric;
  }
  const v1::BriefingLine& sales = Line(*r, "total_sales");
  EXPECT_TRUE(IsMoney(sales.previous(), 0));
  EXPECT_TRUE(IsMoney(sales.absolute_change(), 400));
  EXPECT_TRUE(IsAbsent(sales.relative_change()));
}

TEST_P(SalesBriefingTest, RelativeChangeDividesByTheMagnitudeOfThePrevious) {
  // LTV: January 600, December -300 (a refund): (600 - -300) / |-300| = 3.
  Load(kRefundedCohortFixture);
  auto r = SalesBriefing(Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  const v1::BriefingLine& ltv = Line(*r, "ltv");
  EXPECT_TRUE(IsMoney(ltv.current(), 600));
  EXPECT_TRUE(IsMoney(ltv.previous(), -300));
  EXPECT_TRUE(IsMoney(ltv.absolute_change(), 900));
  EXPECT_TRUE(IsMoneyRatio(ltv.relative_change(), 900, 300));
}

TEST_P(SalesBriefingTest, AWholeMonthComparesWithTheMonthBefore) {
  // March (31 days) against February (29), not the 31 days before March.
  auto march = SalesBriefing(Period("2024-03-01", "2024-04-01").AsOf(kAsOf));
  ASSERT_TRUE(march.ok()) << march.status();
  EXPECT_EQ(Span(march->previous_period()), "2024-02-01T00:00:00Z..2024-03-01T00:00:00Z");

  // February in Shanghai against January in Shanghai (local midnights at
  // 16:00 UTC). Its total sales, 1401 = o5 400 (31 Dec 23:59:59 UTC, 1 Jan
  // local) + o1 1001, show the whole month is used: the 29 days before
  // February would start on 3 January and leave o5 out. February: o4 700 +
  // o3 2001 + o8 50 (both 1 Feb local) = 2751.
  Load(kClosedDealsFixture);
  auto february = SalesBriefing(Period("2024-02-01", "2024-03-01").TimeZone("Asia/Shanghai").AsOf(kAsOf));
  ASSERT_TRUE(february.ok()) << february.status();
  EXPECT_EQ(Span(february->previous_period()), "2023-12-31T16:00:00Z..2024-01-31T16:00:00Z");
  EXPECT_TRUE(IsMoney(Line(*february, "total_sales").previous(), 1401));
  EXPECT_TRUE(IsMoney(Line(*february, "total_sales").current(), 2751));
}

TEST_P(SalesBriefingTest, QuartersAndYearsCompareWithTheFiscalOneBefore) {
  // Q3 (92 days) against Q2 (91 days).
  auto q3 = SalesBriefing(Period("2024-07-01", "2024-10-01").AsOf(kAsOf));
  ASSERT_TRUE(q3.ok()) << q3.status();
  EXPECT_EQ(Span(q3->previous_period()), "2024-04-01T00:00:00Z..2024-07-01T00:00:00Z");
  // February-April is the first fiscal quarter of a year starting in
  // February: the quarter before is November-January.
  auto fiscal_q1 = SalesBriefing(Period("2024-02-01", "2024-05-01").FiscalYearStartMonth(2).AsOf(kAsOf));
  ASSERT_TRUE(fiscal_q1.ok()) << fiscal_q1.status();
  EXPECT_EQ(Span(fiscal_q1->previous_period()), "2023-11-01T00:00:00Z..2024-02-01T00:00:00Z");
  // The same 90 days are no quarter of a calendar year: shifted back by 90
  // days.
  auto calendar = SalesBriefing(Period("2024-02-01", "2024-05-01").AsOf(kAsOf));
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(Span(calendar->previous_period()), "2023-11-03T00:00:00Z..2024-02-01T00:00:00Z");
  // 2024 (366 days) against 2023 (365 days).
  auto year = SalesBriefing(Period("2024-01-01", "2025-01-01").AsOf(kAsOf));
  ASSERT_TRUE(year.ok()) << year.status();
  EXPECT_EQ(Span(year->previous_period()), "2023-01-01T00:00:00Z..2024-01-01T00:00:00Z");
}

TEST_P(SalesBriefingTest, AnyOtherPeriodIsShiftedBackByItsDuration) {
  auto ten_days = SalesBriefing(Period("2024-01-10", "2024-01-20").AsOf(kAsOf));
  ASSERT_TRUE(ten_days.ok()) << ten_days.status();
  EXPECT_EQ(Span(ten_days->previous_period()), "2023-12-31T00:00:00Z..2024-01-10T00:00:00Z");
  // One day short of March: 30 days back, not February.
  auto almost_march = SalesBriefing(Period("2024-03-01", "2024-03-31").AsOf(kAsOf));
  ASSERT_TRUE(almost_march.ok()) << almost_march.status();
  EXPECT_EQ(Span(almost_march->previous_period()), "2024-01-31T00:00:00Z..2024-03-01T00:00:00Z");
}

INSTANTIATE_BACKENDS(SalesBriefingTest);

}  // namespace
}  // namespace salesmetrics::testing
