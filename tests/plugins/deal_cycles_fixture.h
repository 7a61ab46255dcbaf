// Won, lost and open opportunities with stage history, shared by the
// sales_cycle_days, stage_dwell, top_opportunities and
// stalled_opportunities tests. Every value the tests expect is worked out by
// hand from these tables. Reps: r_ann (team t_east), r_bob (t_west).
// Accounts: a_acme "Acme" (smb), a_bolt "Bolt" (enterprise).
//
// Stages (id order is not position order):
// | id      | name      | position | win_probability |
// | s_qual  | Qualify   | 1        | 10              |
// | s_prop  | Propose   | 2        | 50              |
// | s_nego  | Negotiate | 3        | 75              |
// | s_legal | Legal     | 4        | 90              |
//
// Won and lost deals (all product cloud, amount 100, stage s_nego):
// | id     | status | created_at (UTC)    | closed_at (UTC)     | cycle, days | region | rep   | account |
// | w0     | won    | 2023-12-29 20:00:00 | 2023-12-31 20:00:00 | 2           | west   | r_bob | a_bolt  |
// | w1     | won    | 2023-12-26 00:00:00 | 2024-01-05 12:00:00 | 10.5        | east   | r_ann | a_acme  |
// | w2     | won    | 2023-12-21 00:00:00 | 2024-01-10 00:00:00 | 20          | west   | r_bob | a_bolt  |
// | w3     | won    | 2023-12-16 00:00:00 | 2024-01-15 00:00:00 | 30          | east   | r_ann | a_acme  |
// | w4     | won    | 2023-12-10 00:00:00 | 2024-01-20 00:00:00 | 41          | east   | r_ann | a_bolt  |
// | w5     | won    | 2023-10-22 20:00:00 | 2024-01-31 20:00:00 | 101         | east   | r_ann | a_acme  |
// | w6     | won    | 2024-01-26 12:00:00 | 2024-02-01 00:00:00 | 5.5         | east   | r_ann | a_acme  |
// | w_old  | won    | 2022-03-01 12:00:00 | 2023-03-01 12:00:00 | 365         | east   | r_ann | a_acme  |
// | w_late | won    | 2023-03-01 00:00:00 | 2024-03-01 00:00:00 | 366         | west   | r_bob | a_bolt  |
// | l1     | lost   | 2023-12-01 00:00:00 | 2024-01-18 00:00:00 |             | north  | r_bob | a_bolt  |
// In Asia/Shanghai (UTC+8) w0 closes on 1 January and w5 on 1 February.
//
// Open deals; age at 2024-03-01 00:00:00 UTC, the as_of of the view tests:
// | id       | name    | account | rep   | stage   | amount | created_at (UTC)    | age, days | expected close | key | region | product |
// | p_atlas  | Atlas   | a_acme  | r_ann | s_prop  | 1001   | 2024-01-31 00:00:00 | 30        | 2024-03-15     | yes | east   | cloud   |
// | p_beacon | Beacon  | a_bolt  | r_ann | s_nego  | 5000   | 2024-01-30 23:59:59 | 30 + 1 s  |                | no  | east   | cloud   |
// | p_Comet  | Comet   | a_acme  | r_bob | s_qual  | 5000   | 2024-01-26 00:00:00 | 35        | 2024-04-01     | no  | east   | cloud   |
// | p_delta  | Delta   | a_bolt  | r_bob | s_qual  | 333    | 2024-02-15 00:00:00 | 15        | 2024-03-31     | no  | west   | cloud   |
// | p_echo   | Echo    | a_bolt  | r_bob | s_legal | 7000   | 2024-03-01 00:00:01 | (future)  |                | no  | west   | cloud   |
// | p_fox    | Foxtrot | a_acme  | r_ann | s_prop  | 200    | 2023-06-01 00:00:00 | 274       | 2024-01-31     | yes | east   | data    |
// | p_golf   | (null)  | a_acme  | r_ann | s_prop  | 3      | 2024-02-20 12:00:00 | 9.5       |                | no  | east   | cloud   |
// | p_hotel  | Hotel   | a_bolt  | r_bob | s_qual  | 50     | 2024-03-01 00:00:00 | 0         |                | no  | west   | data    |
// p_Comet sorts before p_beacon by code point ('C' < 'b'), after it
// case-insensitively.
//
// Stage history (dwell = exited_at - entered_at):
// | opportunity | stage  | entered_at          | exited_at           | dwell, days | note                    |
// | w2          | s_qual | 2023-12-21 00:00:00 | 2024-01-01 00:00:00 | 11          | skips s_prop            |
// | w2          | s_nego | 2024-01-01 00:00:00 | 2024-01-10 00:00:00 | 9           |                         |
// | w3          | s_qual | 2023-12-16 00:00:00 | 2024-01-02 00:00:00 | 17          | skips s_prop            |
// | w3          | s_nego | 2024-01-02 00:00:00 | 2024-01-15 00:00:00 | 13          |                         |
// | w4          | s_qual | 2023-12-10 00:00:00 | 2023-12-20 00:00:00 | 10          | exits in December       |
// | w4          | s_prop | 2023-12-20 00:00:00 | 2024-01-05 00:00:00 | 16          |                         |
// | w4          | s_qual | 2024-01-05 00:00:00 | 2024-01-08 00:00:00 | 3           | revisits s_qual         |
// | w4          | s_prop | 2024-01-08 00:00:00 | 2024-01-12 12:00:00 | 4.5         | revisits s_prop         |
// | w4          | s_nego | 2024-01-12 12:00:00 | 2024-01-20 00:00:00 | 7.5         |                         |
// | p_atlas     | s_qual | 2024-01-31 00:00:00 | 2024-01-31 06:00:00 | 0.25        |                         |
// | p_atlas     | s_prop | 2024-01-31 06:00:00 | (null)              |             | still open              |
// | p_fox       | s_qual | 2023-06-01 00:00:00 | 2024-02-01 00:00:00 | 245         | exits exactly at 1 Feb  |
// | p_fox       | s_prop | 2024-02-01 00:00:00 | (null)              |             | still open              |
#ifndef SALESMETRICS_TESTS_PLUGINS_DEAL_CYCLES_FIXTURE_H_
#define SALESMETRICS_TESTS_PLUGINS_DEAL_CYCLES_FIXTURE_H_

namespace salesmetrics::testing {

inline constexpr char kDealCyclesFixture[] = R"sql(
INSERT INTO teams (id, name, region) VALUES ('t_east', 'East', 'east'), ('t_west', 'West', 'west');
INSERT INTO sales_reps (id, name, team_id, hired_at, left_at) VALUES
  ('r_ann', 'Ann', 't_east', NULL, NULL),
  ('r_bob', 'Bob', 't_west', NULL, NULL);
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_acme', 'Acme', 'smb', NULL, 'east', '2022-01-01 00:00:00'),
  ('a_bolt', 'Bolt', 'enterprise', NULL, 'west', '2022-01-01 00:00:00');
INSERT INTO pipeline_stages (id, name, position, win_probability) VALUES
  ('s_qual', 'Qualify', 1, 10), ('s_prop', 'Propose', 2, 50), ('s_nego', 'Negotiate', 3, 75),
  ('s_legal', 'Legal', 4, 90);
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           expected_close_date, stage_id, status, closed_at, is_key) VALUES
  ('w0',     'W0',     'a_bolt', 'r_bob', 'cloud', 'west',  100, '2023-12-29 20:00:00', NULL, 's_nego', 'won',  '2023-12-31 20:00:00', FALSE),
  ('w1',     'W1',     'a_acme', 'r_ann', 'cloud', 'east',  100, '2023-12-26 00:00:00', NULL, 's_nego', 'won',  '2024-01-05 12:00:00', FALSE),
  ('w2',     'W2',     'a_bolt', 'r_bob', 'cloud', 'west',  100, '2023-12-21 00:00:00', NULL, 's_nego', 'won',  '2024-01-10 00:00:00', FALSE),
  ('w3',     'W3',     'a_acme', 'r_ann', 'cloud', 'east',  100, '2023-12-16 00:00:00', NULL, 's_nego', 'won',  '2024-01-15 00:00:00', FALSE),
  ('w4',     'W4',     'a_bolt', 'r_ann', 'cloud', 'east',  100, '2023-12-10 00:00:00', NULL, 's_nego', 'won',  '2024-01-20 00:00:00', FALSE),
  ('w5',     'W5',     'a_acme', 'r_ann', 'cloud', 'east',  100, '2023-10-22 20:00:00', NULL, 's_nego', 'won',  '2024-01-31 20:00:00', FALSE),
  ('w6',     'W6',     'a_acme', 'r_ann', 'cloud', 'east',  100, '2024-01-26 12:00:00', NULL, 's_nego', 'won',  '2024-02-01 00:00:00', FALSE),
  ('w_old',  'WOld',   'a_acme', 'r_ann', 'cloud', 'east',  100, '2022-03-01 12:00:00', NULL, 's_nego', 'won',  '2023-03-01 12:00:00', FALSE),
  ('w_late', 'WLate',  'a_bolt', 'r_bob', 'cloud', 'west',  100, '2023-03-01 00:00:00', NULL, 's_nego', 'won',  '2024-03-01 00:00:00', FALSE),
  ('l1',     'L1',     'a_bolt', 'r_bob', 'cloud', 'north', 100, '2023-12-01 00:00:00', NULL, 's_nego', 'lost', '2024-01-18 00:00:00', FALSE),
  ('p_atlas',  'Atlas',   'a_acme', 'r_ann', 'cloud', 'east', 1001, '2024-01-31 00:00:00', '2024-03-15', 's_prop',  'open', NULL, TRUE),
  ('p_beacon', 'Beacon',  'a_bolt', 'r_ann', 'cloud', 'east', 5000, '2024-01-30 23:59:59', NULL,         's_nego',  'open', NULL, FALSE),
  ('p_Comet',  'Comet',   'a_acme', 'r_bob', 'cloud', 'east', 5000, '2024-01-26 00:00:00', '2024-04-01', 's_qual',  'open', NULL, FALSE),
  ('p_delta',  'Delta',   'a_bolt', 'r_bob', 'cloud', 'west', 333,  '2024-02-15 00:00:00', '2024-03-31', 's_qual',  'open', NULL, FALSE),
  ('p_echo',   'Echo',    'a_bolt', 'r_bob', 'cloud', 'west', 7000, '2024-03-01 00:00:01', NULL,         's_legal', 'open', NULL, FALSE),
  ('p_fox',    'Foxtrot', 'a_acme', 'r_ann', 'data',  'east', 200,  '2023-06-01 00:00:00', '2024-01-31', 's_prop',  'open', NULL, TRUE),
  ('p_golf',   NULL,      'a_acme', 'r_ann', 'cloud', 'east', 3,    '2024-02-20 12:00:00', NULL,         's_prop',  'open', NULL, FALSE),
  ('p_hotel',  'Hotel',   'a_bolt', 'r_bob', 'data',  'west', 50,   '2024-03-01 00:00:00', NULL,         's_qual',  'open', NULL, FALSE);
INSERT INTO opportunity_stage_history (opportunity_id, stage_id, entered_at, exited_at) VALUES
  ('w2',      's_qual', '2023-12-21 00:00:00', '2024-01-01 00:00:00'),
  ('w2',      's_nego', '2024-01-01 00:00:00', '2024-01-10 00:00:00'),
  ('w3',      's_qual', '2023-12-16 00:00:00', '2024-01-02 00:00:00'),
  ('w3',      's_nego', '2024-01-02 00:00:00', '2024-01-15 00:00:00'),
  ('w4',      's_qual', '2023-12-10 00:00:00', '2023-12-20 00:00:00'),
  ('w4',      's_prop', '2023-12-20 00:00:00', '2024-01-05 00:00:00'),
  ('w4',      's_qual', '2024-01-05 00:00:00', '2024-01-08 00:00:00'),
  ('w4',      's_prop', '2024-01-08 00:00:00', '2024-01-12 12:00:00'),
  ('w4',      's_nego', '2024-01-12 12:00:00', '2024-01-20 00:00:00'),
  ('p_atlas', 's_qual', '2024-01-31 00:00:00', '2024-01-31 06:00:00'),
  ('p_atlas', 's_prop', '2024-01-31 06:00:00', NULL),
  ('p_fox',   's_qual', '2023-06-01 00:00:00', '2024-02-01 00:00:00'),
  ('p_fox',   's_prop', '2024-02-01 00:00:00', NULL)
)sql";

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_PLUGINS_DEAL_CYCLES_FIXTURE_H_
