// Opportunities created around January 2024 with their stage history, and
// their tasks, for the stage_conversion and stage_task_completion tests.
// Every value the tests expect is worked out by hand from these tables.
//
// Stages (ids sort differently from positions; positions are not 1..n):
// | id     | name      | position |
// | s_qual | Qualify   | 10       |
// | s_disc | Discover  | 20       |
// | s_prop | Propose   | 30       |
// | s_nego | Negotiate | 40       |
//
// Opportunities (kStageFunnelFixture; one rep r_ann, one account a_acme),
// the stages of their history rows in the order entered, and the furthest
// position stage_conversion gives them:
// | id  | status | created_at (UTC)    | region | product | stage_id | history             | furthest          |
// | p1  | open   | 2024-01-02 09:00:00 | east   | cloud   | s_disc   | qual disc qual disc | 20 (revisits)     |
// | p2  | open   | 2024-01-03 00:00:00 | east   | data    | s_prop   | qual prop           | 30 (skips disc)   |
// | p3  | lost   | 2024-01-04 00:00:00 | west   | cloud   | s_disc   | qual prop disc      | 30 (went back)    |
// | p4  | won    | 2024-01-05 00:00:00 | east   | cloud   | s_qual   | qual                | every stage (won) |
// | p5  | won    | 2024-01-06 00:00:00 | east   | data    | s_nego   | qual disc prop nego | 40                |
// | p6  | lost   | 2024-01-07 00:00:00 | east   | data    | s_nego   | qual nego           | 40 (skips two)    |
// | p7  | open   | 2024-01-08 00:00:00 | west   | cloud   | s_qual   | (none)              | 10 (current)      |
// | p8  | won    | 2024-02-01 00:00:00 | east   | cloud   | s_qual   | qual                | every stage (won) |
// | p9  | open   | 2023-12-31 23:59:59 | west   | cloud   | s_prop   | qual prop           | 30                |
// | p10 | lost   | 2024-01-31 20:00:00 | west   | data    | s_disc   | qual disc           | 20                |
//
// In Asia/Shanghai (UTC+8), p9 is created on 2024-01-01 local and p10 on
// 2024-02-01 local.
//
// Tasks (kStageTasksFixture), judged at as_of 2024-01-20 12:00:00 UTC:
// | id  | opp | stage_id | due_at (UTC)        | completed_at        | in January UTC             |
// | t1  | p1  | s_qual   | 2024-01-05 10:00:00 | 2024-01-04 09:00:00 | completed, on time         |
// | t2  | p1  | s_disc   | 2024-01-10 10:00:00 | 2024-01-12 09:00:00 | completed, late            |
// | t3  | p2  | s_qual   | 2024-01-08 00:00:00 |                     | never completed            |
// | t4  | p2  | s_prop   | 2024-01-25 00:00:00 | 2024-01-22 00:00:00 | neither: after as_of       |
// | t5  | p3  | s_prop   | 2024-01-12 00:00:00 | 2024-01-12 00:00:00 | on time: exactly at due_at |
// | t6  | p5  | (null)   | 2024-01-15 00:00:00 | 2024-01-14 00:00:00 | completed, on time         |
// | t7  | p6  | (null)   | 2024-01-18 00:00:00 |                     | never completed            |
// | t8  | p4  | s_qual   | 2024-02-01 00:00:00 | 2024-01-10 00:00:00 | out: due exactly at `to`   |
// | t9  | p7  | s_qual   | 2023-12-31 23:59:59 | 2023-12-30 00:00:00 | out (in January Shanghai)  |
// | t10 | p3  | s_disc   | (null)              |                     | out: never due             |
// | t11 | p10 | s_prop   | 2024-01-31 20:00:00 |                     | in (February in Shanghai)  |
#ifndef SALESMETRICS_TESTS_PLUGINS_STAGE_FUNNEL_FIXTURE_H_
#define SALESMETRICS_TESTS_PLUGINS_STAGE_FUNNEL_FIXTURE_H_

namespace salesmetrics::testing {

inline constexpr char kStageFunnelFixture[] = R"sql(
INSERT INTO teams (id, name, region) VALUES ('t_main', 'Main', NULL);
INSERT INTO sales_reps (id, name, team_id, hired_at, left_at) VALUES ('r_ann', 'Ann', 't_main', NULL, NULL);
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_acme', 'Acme', 'smb', NULL, NULL, '2023-01-01 00:00:00');
INSERT INTO pipeline_stages (id, name, position, win_probability) VALUES
  ('s_qual', 'Qualify', 10, 10), ('s_disc', 'Discover', 20, 30), ('s_prop', 'Propose', 30, 50),
  ('s_nego', 'Negotiate', 40, 80);
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           stage_id, status, closed_at, is_key) VALUES
  ('p1',  'One',   'a_acme', 'r_ann', 'cloud', 'east', 100, '2024-01-02 09:00:00', 's_disc', 'open', NULL, FALSE),
  ('p2',  'Two',   'a_acme', 'r_ann', 'data',  'east', 100, '2024-01-03 00:00:00', 's_prop', 'open', NULL, FALSE),
  ('p3',  'Three', 'a_acme', 'r_ann', 'cloud', 'west', 100, '2024-01-04 00:00:00', 's_disc', 'lost', '2024-01-20 00:00:00', FALSE),
  ('p4',  'Four',  'a_acme', 'r_ann', 'cloud', 'east', 100, '2024-01-05 00:00:00', 's_qual', 'won',  '2024-01-15 00:00:00', FALSE),
  ('p5',  'Five',  'a_acme', 'r_ann', 'data',  'east', 100, '2024-01-06 00:00:00', 's_nego', 'won',  '2024-01-25 00:00:00', FALSE),
  ('p6',  'Six',   'a_acme', 'r_ann', 'data',  'east', 100, '2024-01-07 00:00:00', 's_nego', 'lost', '2024-01-28 00:00:00', FALSE),
  ('p7',  'Seven', 'a_acme', 'r_ann', 'cloud', 'west', 100, '2024-01-08 00:00:00', 's_qual', 'open', NULL, FALSE),
  ('p8',  'Eight', 'a_acme', 'r_ann', 'cloud', 'east', 100, '2024-02-01 00:00:00', 's_qual', 'won',  '2024-02-20 00:00:00', FALSE),
  ('p9',  'Nine',  'a_acme', 'r_ann', 'cloud', 'west', 100, '2023-12-31 23:59:59', 's_prop', 'open', NULL, FALSE),
  ('p10', 'Ten',   'a_acme', 'r_ann', 'data',  'west', 100, '2024-01-31 20:00:00', 's_disc', 'lost', '2024-02-10 00:00:00', FALSE);
INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at, exited_at) VALUES
  ('p1',  's_qual', '2024-01-02 09:00:00', '2024-01-03 00:00:00'),
  ('p1',  's_disc', '2024-01-03 00:00:00', '2024-01-04 00:00:00'),
  ('p1',  's_qual', '2024-01-04 00:00:00', '2024-01-05 00:00:00'),
  ('p1',  's_disc', '2024-01-05 00:00:00', NULL),
  ('p2',  's_qual', '2024-01-03 00:00:00', '2024-01-06 00:00:00'),
  ('p2',  's_prop', '2024-01-06 00:00:00', NULL),
  ('p3',  's_qual', '2024-01-04 00:00:00', '2024-01-07 00:00:00'),
  ('p3',  's_prop', '2024-01-07 00:00:00', '2024-01-10 00:00:00'),
  ('p3',  's_disc', '2024-01-10 00:00:00', '2024-01-20 00:00:00'),
  ('p4',  's_qual', '2024-01-05 00:00:00', '2024-01-15 00:00:00'),
  ('p5',  's_qual', '2024-01-06 00:00:00', '2024-01-08 00:00:00'),
  ('p5',  's_disc', '2024-01-08 00:00:00', '2024-01-10 00:00:00'),
  ('p5',  's_prop', '2024-01-10 00:00:00', '2024-01-15 00:00:00'),
  ('p5',  's_nego', '2024-01-15 00:00:00', '2024-01-25 00:00:00'),
  ('p6',  's_qual', '2024-01-07 00:00:00', '2024-01-09 00:00:00'),
  ('p6',  's_nego', '2024-01-09 00:00:00', '2024-01-28 00:00:00'),
  ('p8',  's_qual', '2024-02-01 00:00:00', '2024-02-20 00:00:00'),
  ('p9',  's_qual', '2023-12-31 23:59:59', '2024-01-03 00:00:00'),
  ('p9',  's_prop', '2024-01-03 00:00:00', NULL),
  ('p10', 's_qual', '2024-01-31 20:00:00', '2024-02-02 00:00:00'),
  ('p10', 's_disc', '2024-02-02 00:00:00', '2024-02-10 00:00:00')
)sql";

inline constexpr char kStageTasksFixture[] = R"sql(
INSERT INTO tasks (id, opportunity_id, stage_id, owner_rep_id, created_at, due_at, completed_at) VALUES
  ('t1',  'p1',  's_qual', 'r_ann', '2024-01-01 00:00:00', '2024-01-05 10:00:00', '2024-01-04 09:00:00'),
  ('t2',  'p1',  's_disc', 'r_ann', '2024-01-01 00:00:00', '2024-01-10 10:00:00', '2024-01-12 09:00:00'),
  ('t3',  'p2',  's_qual', 'r_ann', '2024-01-01 00:00:00', '2024-01-08 00:00:00', NULL),
  ('t4',  'p2',  's_prop', 'r_ann', '2024-01-01 00:00:00', '2024-01-25 00:00:00', '2024-01-22 00:00:00'),
  ('t5',  'p3',  's_prop', 'r_ann', '2024-01-01 00:00:00', '2024-01-12 00:00:00', '2024-01-12 00:00:00'),
  ('t6',  'p5',  NULL,     'r_ann', '2024-01-01 00:00:00', '2024-01-15 00:00:00', '2024-01-14 00:00:00'),
  ('t7',  'p6',  NULL,     'r_ann', '2024-01-01 00:00:00', '2024-01-18 00:00:00', NULL),
  ('t8',  'p4',  's_qual', 'r_ann', '2024-01-01 00:00:00', '2024-02-01 00:00:00', '2024-01-10 00:00:00'),
  ('t9',  'p7',  's_qual', 'r_ann', '2023-12-01 00:00:00', '2023-12-31 23:59:59', '2023-12-30 00:00:00'),
  ('t10', 'p3',  's_disc', 'r_ann', '2024-01-01 00:00:00', NULL,                  NULL),
  ('t11', 'p10', 's_prop', 'r_ann', '2024-01-01 00:00:00', '2024-01-31 20:00:00', NULL)
)sql";

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_PLUGINS_STAGE_FUNNEL_FIXTURE_H_
