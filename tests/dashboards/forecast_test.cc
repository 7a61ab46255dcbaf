#include <gtest/gtest.h>

#include "tests/dashboards/dashboard_test_env.h"

namespace salesmetrics::testing {
namespace {

// Won deals, open pipeline and targets around the first quarter of 2024.
// Every value the tests expect is worked out by hand from these tables.
// One rep r_ann, one account a_acme.
//
// Stages: s_qual (position 1, win_probability 10), s_prop (2, 50).
//
// Closed deals (created 2023-10-01):
// | id | status | amount | closed_at (UTC)     | note                                           |
// | w1 | won    | 2000   | 2023-12-31 23:59:59 | before Q1 in UTC; 1 Jan 07:59:59 in Shanghai   |
// | w2 | won    | 3000   | 2024-01-01 00:00:00 | exactly at Q1's start                          |
// | w3 | won    | 4000   | 2024-02-10 12:00:00 |                                                |
// | w4 | won    | 5000   | 2024-03-15 00:00:00 | exactly at the as_of inside Q1                 |
// | w5 | won    | 6000   | 2024-03-20 00:00:00 | after that as_of                               |
// | w6 | won    | 7000   | 2024-04-01 00:00:00 | exactly at Q1's end: in Q2                     |
// | l1 | lost   | 8000   | 2024-01-20 00:00:00 | a loss                                         |
//
// Other deals:
// | id | status | stage  | amount | created_at (UTC)    | expected close | amount x probability |
// | f1 | open   | s_qual | 1005   | 2023-11-01 00:00:00 | 2024-01-01     | 10050: 100.5         |
// | f2 | open   | s_qual | 1005   | 2023-12-15 00:00:00 | 2024-03-31     | 10050: 100.5         |
// | f3 | open   | s_prop | 3      | 2024-03-15 00:00:00 | 2024-02-10     | 150: 1.5             |
// | f4 | open   | s_prop | 7000   | 2024-01-05 00:00:00 | 2024-04-01     | in Q2                |
// | f5 | open   | s_prop | 500    | 2023-10-01 00:00:00 | 2023-12-31     | before Q1            |
// | f6 | open   | s_prop | 800    | 2024-01-05 00:00:00 | (null)         | never expected       |
// | f7 | open   | s_prop | 900    | 2024-03-15 00:00:01 | 2024-03-25     | 45000: 450           |
// | l2 | lost   | s_prop | 600    | 2024-01-05 00:00:00 | 2024-02-01     | not open             |
// f3 is created exactly at the as_of inside Q1 (open then), f7 a second
// after it (not yet open then).
//
// Targets:
// | id | metric      | scope   | period                   | value | in Q1 2024             |
// | t1 | total_sales | company | 2024-01-01 .. 2024-04-01 | 18000 | inside                 |
// | t2 | total_sales | company | 2024-03-01 .. 2024-06-01 | 99999 | straddles Q1 and Q2    |
// | t3 | total_sales | rep     | 2024-01-01 .. 2024-04-01 | 5555  | r_ann's, not a company |
// | t4 | mql_count   | company | 2024-01-01 .. 2024-04-01 | 100   | another metric         |
constexpr char kForecastFixture[] = R"sql(
INSERT INTO sales_reps (id, name, team_id, hired_at, left_at) VALUES ('r_ann', 'Ann', NULL, NULL, NULL);
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_acme', 'Acme', 'smb', NULL, 'east', '2023-01-01 00:00:00');
INSERT INTO pipeline_stages (id, name, position, win_probability) VALUES
  ('s_qual', 'Qualify', 1, 10), ('s_prop', 'Propose', 2, 50);
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           expected_close_date, stage_id, status, closed_at, is_key) VALUES
  ('w1', NULL, 'a_acme', 'r_ann', NULL, NULL, 2000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2023-12-31 23:59:59', FALSE),
  ('w2', NULL, 'a_acme', 'r_ann', NULL, NULL, 3000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2024-01-01 00:00:00', FALSE),
  ('w3', NULL, 'a_acme', 'r_ann', NULL, NULL, 4000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2024-02-10 12:00:00', FALSE),
  ('w4', NULL, 'a_acme', 'r_ann', NULL, NULL, 5000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2024-03-15 00:00:00', FALSE),
  ('w5', NULL, 'a_acme', 'r_ann', NULL, NULL, 6000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2024-03-20 00:00:00', FALSE),
  ('w6', NULL, 'a_acme', 'r_ann', NULL, NULL, 7000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2024-04-01 00:00:00', FALSE),
  ('l1', NULL, 'a_acme', 'r_ann', NULL, NULL, 8000, '2023-10-01 00:00:00', NULL,         's_prop', 'lost', '2024-01-20 00:00:00', FALSE),
  ('f1', NULL, 'a_acme', 'r_ann', NULL, NULL, 1005, '2023-11-01 00:00:00', '2024-01-01', 's_qual', 'open', NULL, FALSE),
  ('f2', NULL, 'a_acme', 'r_ann', NULL, NULL, 1005, '2023-12-15 00:00:00', '2024-03-31', 's_qual', 'open', NULL, FALSE),
  ('f3', NULL, 'a_acme', 'r_ann', NULL, NULL, 3,    '2024-03-15 00:00:00', '2024-02-10', 's_prop', 'open', NULL, FALSE),
  ('f4', NULL, 'a_acme', 'r_ann', NULL, NULL, 7000, '2024-01-05 00:00:00', '2024-04-01', 's_prop', 'open', NULL, FALSE),
  ('f5', NULL, 'a_acme', 'r_ann', NULL, NULL, 500,  '2023-10-01 00:00:00', '2023-12-31', 's_prop', 'open', NULL, FALSE),
  ('f6', NULL, 'a_acme', 'r_ann', NULL, NULL, 800,  '2024-01-05 00:00:00', NULL,         's_prop', 'open', NULL, FALSE),
  ('f7', NULL, 'a_acme', 'r_ann', NULL, NULL, 900,  '2024-03-15 00:00:01', '2024-03-25', 's_prop', 'open', NULL, FALSE),
  ('l2', NULL, 'a_acme', 'r_ann', NULL, NULL, 600,  '2024-01-05 00:00:00', '2024-02-01', 's_prop', 'lost', '2024-02-20 00:00:00', FALSE);
INSERT INTO targets (id, metric, scope, scope_id, period_start, period_end, target_value) VALUES
  ('t1', 'total_sales', 'company', NULL,    '2024-01-01', '2024-04-01', 18000),
  ('t2', 'total_sales', 'company', NULL,    '2024-03-01', '2024-06-01', 99999),
  ('t3', 'total_sales', 'rep',     'r_ann', '2024-01-01', '2024-04-01', 5555),
  ('t4', 'mql_count',   'company', NULL,    '2024-01-01', '2024-04-01', 100)
)sql";

constexpr char kAsOfInsideQ1[] = "2024-03-15T00:00:00Z";

class ForecastTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    Load(kForecastFixture);
  }
};

TEST_P(ForecastTest, AsOfInsideThePeriod) {
  auto r = Forecast(Period("2024-01-01", "2024-04-01").AsOf(kAsOfInsideQ1));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Span(r->period()), "2024-01-01T00:00:00Z..2024-04-01T00:00:00Z");
  // Won in [from, as_of): w2 3000 + w3 4000 = 7000 (w1 before from; w4 at
  // as_of and w5 after it are not won yet; l1 is lost).
  EXPECT_TRUE(IsMoney(r->won_to_date(), 7000));
  // Open at as_of, expected in Q1: f1 + f2 + f3 (created exactly at as_of) =
  // 1005 + 1005 + 3 = 2013; f7 is created after as_of, f4 f5 f6 expected
  // outside Q1, l2 lost.
  EXPECT_TRUE(IsMoney(r->open_pipeline(), 2013));
  // Rounded once: (10050 + 10050 + 150) / 100 = 202.5 -> 203, where rounding
  // each row would give 101 + 101 + 2 = 204.
  EXPECT_TRUE(IsMoney(r->weighted_pipeline(), 203));
  EXPECT_TRUE(IsMoney(r->forecast(), 7203));   // 7000 + 203
  EXPECT_TRUE(IsMoney(r->best_case(), 9013));  // 7000 + 2013
  EXPECT_TRUE(IsMoney(r->target(), 18000));    // t1; t2 straddles, t3 is a rep's, t4 an mql_count
  EXPECT_TRUE(IsMoneyRatio(r->forecast_attainment(), 7203, 18000));
  // 2013 / (18000 - 7000)
  EXPECT_TRUE(IsMoneyRatio(r->pipeline_coverage(), 2013, 11000));
}

TEST_P(ForecastTest, WonToDateIsCutInTheTimeZone) {
  // Q1 in Shanghai starts at 2023-12-31 16:00 UTC, so w1 (23:59:59 UTC) is
  // won in it: 2000 + 3000 + 4000 = 9000. Expected close dates are local
  // dates: the pipeline is the same as in UTC.
  auto r = Forecast(Period("2024-01-01", "2024-04-01").TimeZone("Asia/Shanghai").AsOf(kAsOfInsideQ1));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->won_to_date(), 9000));
  EXPECT_TRUE(IsMoney(r->weighted_pipeline(), 203));
  EXPECT_TRUE(IsMoney(r->forecast(), 9203));
  EXPECT_TRUE(IsMoneyRatio(r->pipeline_coverage(), 2013, 9000));  // 2013 / (18000 - 9000)
}

TEST_P(ForecastTest, AsOfAfterThePeriodAndTheTargetMet) {
  auto r = Forecast(Period("2024-01-01", "2024-04-01").AsOf("2024-06-01T00:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  // Won in [from, to): w2 + w3 + w4 + w5 = 3000 + 4000 + 5000 + 6000 = 18000
  // (w6 at `to` is out).
  EXPECT_TRUE(IsMoney(r->won_to_date(), 18000));
  // f7 is open by now: open 2013 + 900 = 2913; weighted (20250 + 45000) /
  // 100 = 652.5 -> 653.
  EXPECT_TRUE(IsMoney(r->open_pipeline(), 2913));
  EXPECT_TRUE(IsMoney(r->weighted_pipeline(), 653));
  EXPECT_TRUE(IsMoney(r->forecast(), 18653));
  EXPECT_TRUE(IsMoney(r->best_case(), 20913));
  EXPECT_TRUE(IsMoneyRatio(r->forecast_attainment(), 18653, 18000));
  // Won to date meets the target exactly: nothing left to cover.
  EXPECT_TRUE(IsAbsent(r->pipeline_coverage()));
}

TEST_P(ForecastTest, AsOfBeforeThePeriod) {
  // Nothing is won yet; open at as_of: only f1 (f5 is expected before Q1),
  // weighted 10050 / 100 = 100.5 -> 101, halves away from zero.
  auto r = Forecast(Period("2024-01-01", "2024-04-01").AsOf("2023-12-01T00:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->won_to_date(), 0));
  EXPECT_TRUE(IsMoney(r->open_pipeline(), 1005));
  EXPECT_TRUE(IsMoney(r->weighted_pipeline(), 101));
  EXPECT_TRUE(IsMoney(r->forecast(), 101));
  EXPECT_TRUE(IsMoney(r->best_case(), 1005));
  EXPECT_TRUE(IsMoneyRatio(r->pipeline_coverage(), 1005, 18000));  // 1005 / (18000 - 0)
}

TEST_P(ForecastTest, WithoutATargetInsideThePeriod) {
  // Q2: t2 straddles it, so there is no target. Won: w6 7000 (at from);
  // pipeline: f4 7000 x 50 / 100 = 3500.
  auto r = Forecast(Period("2024-04-01", "2024-07-01").AsOf("2024-06-01T00:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->won_to_date(), 7000));
  EXPECT_TRUE(IsMoney(r->weighted_pipeline(), 3500));
  EXPECT_TRUE(IsMoney(r->forecast(), 10500));
  EXPECT_TRUE(IsMoney(r->best_case(), 14000));
  EXPECT_TRUE(IsAbsent(r->target()));
  EXPECT_TRUE(IsAbsent(r->forecast_attainment()));
  EXPECT_TRUE(IsAbsent(r->pipeline_coverage()));
}

INSTANTIATE_BACKENDS(ForecastTest);

}  // namespace
}  // namespace salesmetrics::testing
