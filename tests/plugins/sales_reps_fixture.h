// Sales reps, their closed deals and their targets around January 2024, for
// the sales_per_rep tests. Every value the tests expect is worked out by
// hand from these tables.
//
// Reps:
// | id    | team    | hired_at   | left_at    | in January 2024                      |
// | r_Zoe | t_south |            |            | listed ('Z' sorts before 'a')        |
// | r_amy | t_north | 2020-01-01 |            | listed                               |
// | r_ben | t_north |            | 2024-01-15 | listed: left mid-period              |
// | r_cal | t_south |            | 2023-12-31 | not listed: left before the period   |
// | r_dan | t_south | 2024-02-01 |            | not listed: hired at the period's end|
// | r_eve | t_north | 2023-06-01 |            | listed, no deals                     |
// | r_fay | (none)  |            | 2024-01-01 | listed: left on its first day        |
//
// Closed opportunities (d10, r_amy's, is open):
// | id  | rep   | status | amount | closed_at (UTC)     | product |
// | d7  | r_cal | won    | 800    | 2023-12-10 10:00:00 | cloud   |
// | d9  | r_amy | won    | 400    | 2023-12-31 23:59:59 | data    |  <- 1 Jan in Shanghai
// | d1  | r_amy | won    | 3000   | 2024-01-05 10:00:00 | cloud   |
// | d2  | r_amy | lost   | 1000   | 2024-01-06 10:00:00 | cloud   |
// | d3  | r_Zoe | won    | 1000   | 2024-01-07 10:00:00 | data    |
// | d5  | r_ben | won    | 1502   | 2024-01-10 10:00:00 | data    |
// | d11 | r_cal | won    | 5000   | 2024-01-15 10:00:00 | cloud   |  <- r_cal is gone by then
// | d4  | r_Zoe | won    | 2000   | 2024-01-20 10:00:00 | cloud   |
// | d6  | r_ben | lost   | 500    | 2024-01-31 23:59:59 | data    |  <- 1 Feb in Shanghai
// | d8  | r_dan | won    | 900    | 2024-02-01 00:00:00 | cloud   |
//
// Targets (period_end exclusive):
// | id | metric      | scope | scope_id | period                   | value  | in January 2024   |
// | t1 | total_sales | rep   | r_amy    | 2024-01-01 .. 2024-02-01 | 6000.5 | inside            |
// | t2 | total_sales | rep   | r_amy    | 2024-01-15 .. 2024-02-15 | 9999   | straddles: ignored|
// | t3 | total_sales | rep   | r_Zoe    | 2024-01-01 .. 2024-01-16 | 1000   | inside            |
// | t4 | total_sales | rep   | r_Zoe    | 2024-01-16 .. 2024-02-01 | 2000   | inside            |
// | t5 | mql_count   | rep   | r_ben    | 2024-01-01 .. 2024-02-01 | 50     | another metric    |
// | t6 | total_sales | team  | t_north  | 2024-01-01 .. 2024-02-01 | 99999  | not a rep's       |
// | t7 | total_sales | rep   | r_eve    | 2024-01-01 .. 2024-02-01 | 0      | inside, zero      |
#ifndef SALESMETRICS_TESTS_PLUGINS_SALES_REPS_FIXTURE_H_
#define SALESMETRICS_TESTS_PLUGINS_SALES_REPS_FIXTURE_H_

namespace salesmetrics::testing {

inline constexpr char kSalesRepsFixture[] = R"sql(
INSERT INTO teams (id, name, region) VALUES ('t_north', 'North', 'north'), ('t_south', 'South', 'south');
INSERT INTO sales_reps (id, name, team_id, hired_at, left_at) VALUES
  ('r_Zoe', 'Zoe', 't_south', NULL, NULL),
  ('r_amy', 'Amy', 't_north', '2020-01-01', NULL),
  ('r_ben', 'Ben', 't_north', NULL, '2024-01-15'),
  ('r_cal', 'Cal', 't_south', NULL, '2023-12-31'),
  ('r_dan', 'Dan', 't_south', '2024-02-01', NULL),
  ('r_eve', 'Eve', 't_north', '2023-06-01', NULL),
  ('r_fay', 'Fay', NULL, NULL, '2024-01-01');
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_acme', 'Acme', 'smb', NULL, 'east', '2023-01-01 00:00:00');
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           stage_id, status, closed_at, is_key) VALUES
  ('d7',  NULL, 'a_acme', 'r_cal', 'cloud', 'east', 800,  '2023-11-01 00:00:00', 's_done', 'won',  '2023-12-10 10:00:00', FALSE),
  ('d9',  NULL, 'a_acme', 'r_amy', 'data',  'east', 400,  '2023-11-01 00:00:00', 's_done', 'won',  '2023-12-31 23:59:59', FALSE),
  ('d1',  NULL, 'a_acme', 'r_amy', 'cloud', 'east', 3000, '2023-12-01 00:00:00', 's_done', 'won',  '2024-01-05 10:00:00', FALSE),
  ('d2',  NULL, 'a_acme', 'r_amy', 'cloud', 'east', 1000, '2023-12-01 00:00:00', 's_done', 'lost', '2024-01-06 10:00:00', FALSE),
  ('d3',  NULL, 'a_acme', 'r_Zoe', 'data',  'east', 1000, '2023-12-01 00:00:00', 's_done', 'won',  '2024-01-07 10:00:00', FALSE),
  ('d5',  NULL, 'a_acme', 'r_ben', 'data',  'east', 1502, '2023-12-01 00:00:00', 's_done', 'won',  '2024-01-10 10:00:00', FALSE),
  ('d11', NULL, 'a_acme', 'r_cal', 'cloud', 'east', 5000, '2023-12-01 00:00:00', 's_done', 'won',  '2024-01-15 10:00:00', FALSE),
  ('d4',  NULL, 'a_acme', 'r_Zoe', 'cloud', 'east', 2000, '2023-12-01 00:00:00', 's_done', 'won',  '2024-01-20 10:00:00', FALSE),
  ('d6',  NULL, 'a_acme', 'r_ben', 'data',  'east', 500,  '2023-12-01 00:00:00', 's_done', 'lost', '2024-01-31 23:59:59', FALSE),
  ('d8',  NULL, 'a_acme', 'r_dan', 'cloud', 'east', 900,  '2024-01-01 00:00:00', 's_done', 'won',  '2024-02-01 00:00:00', FALSE),
  ('d10', NULL, 'a_acme', 'r_amy', 'cloud', 'east', 7000, '2024-01-01 00:00:00', 's_done', 'open', NULL, FALSE);
INSERT INTO targets (id, metric, scope, scope_id, period_start, period_end, target_value) VALUES
  ('t1', 'total_sales', 'rep',  'r_amy',   '2024-01-01', '2024-02-01', 6000.5),
  ('t2', 'total_sales', 'rep',  'r_amy',   '2024-01-15', '2024-02-15', 9999),
  ('t3', 'total_sales', 'rep',  'r_Zoe',   '2024-01-01', '2024-01-16', 1000),
  ('t4', 'total_sales', 'rep',  'r_Zoe',   '2024-01-16', '2024-02-01', 2000),
  ('t5', 'mql_count',   'rep',  'r_ben',   '2024-01-01', '2024-02-01', 50),
  ('t6', 'total_sales', 'team', 't_north', '2024-01-01', '2024-02-01', 99999),
  ('t7', 'total_sales', 'rep',  'r_eve',   '2024-01-01', '2024-02-01', 0)
)sql";

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_PLUGINS_SALES_REPS_FIXTURE_H_
