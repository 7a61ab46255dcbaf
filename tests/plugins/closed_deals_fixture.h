// Opportunities closed around January 2024, shared by the total_sales and
// win_rate tests. Every value the tests expect is worked out by hand from
// this table.
//
// | id | status | amount | closed_at (UTC)     | created_at | rep   | team   | product | region | account (segment) | competitors |
// | o1 | won    | 1001   | 2024-01-10 10:00:00 | 2023-12-01 | r_ann | t_east | cloud   | east   | a_acme (smb)       | Rival       |
// | o2 | lost   | 3000   | 2024-01-20 09:00:00 | 2023-12-05 | r_bob | t_east | cloud   | west   | a_bolt (enterprise)| Rival, Zeta |
// | o3 | won    | 2001   | 2024-01-31 23:59:59 | 2024-01-02 | r_cid | t_west | data    | west   | a_bolt (enterprise)| beta        |
// | o4 | won    | 700    | 2024-02-01 00:00:00 | 2024-01-03 | r_ann | t_east | data    | east   | a_acme (smb)       |             |
// | o5 | won    | 400    | 2023-12-31 23:59:59 | 2023-11-01 | r_bob | t_east | cloud   | east   | a_cora (mid)       |             |
// | o6 | open   | 9999   |                     | 2024-01-04 | r_ann | t_east | cloud   | east   | a_acme (smb)       |             |
// | o7 | lost   | 0      | 2024-01-15 12:00:00 | 2024-01-05 | r_dee | (none) | (null)  | (null) | a_cora (mid)       | Zeta        |
// | o8 | won    | 50     | 2024-01-31 20:00:00 | 2024-01-06 | r_ann | t_east | data    | east   | a_cora (mid)       | Acorn       |
//
// In Asia/Shanghai (UTC+8), o5 closes on 2024-01-01 local and o3 and o8
// on 2024-02-01 local.
#ifndef SALESMETRICS_TESTS_PLUGINS_CLOSED_DEALS_FIXTURE_H_
#define SALESMETRICS_TESTS_PLUGINS_CLOSED_DEALS_FIXTURE_H_

namespace salesmetrics::testing {

inline constexpr char kClosedDealsFixture[] = R"sql(
INSERT INTO teams (id, name, region) VALUES ('t_east', 'East', 'east'), ('t_west', 'West', 'west');
INSERT INTO sales_reps (id, name, team_id, hired_at, left_at) VALUES
  ('r_ann', 'Ann', 't_east', '2020-01-01', NULL),
  ('r_bob', 'Bob', 't_east', NULL, NULL),
  ('r_cid', 'Cid', 't_west', NULL, NULL),
  ('r_dee', 'Dee', NULL, NULL, NULL);
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_acme', 'Acme', 'smb', 'retail', 'east', '2023-01-01 00:00:00'),
  ('a_bolt', 'Bolt', 'enterprise', 'energy', 'west', '2023-01-01 00:00:00'),
  ('a_cora', 'Cora', 'mid', NULL, NULL, '2023-01-01 00:00:00');
INSERT INTO pipeline_stages (id, name, position, win_probability) VALUES
  ('s_qual', 'Qualify', 1, 10), ('s_prop', 'Propose', 2, 50), ('s_nego', 'Negotiate', 3, 80);
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           stage_id, status, closed_at, is_key) VALUES
  ('o1', 'One',   'a_acme', 'r_ann', 'cloud', 'east', 1001, '2023-12-01 00:00:00', 's_nego', 'won',  '2024-01-10 10:00:00', FALSE),
  ('o2', 'Two',   'a_bolt', 'r_bob', 'cloud', 'west', 3000, '2023-12-05 00:00:00', 's_prop', 'lost', '2024-01-20 09:00:00', TRUE),
  ('o3', 'Three', 'a_bolt', 'r_cid', 'data',  'west', 2001, '2024-01-02 00:00:00', 's_nego', 'won',  '2024-01-31 23:59:59', FALSE),
  ('o4', 'Four',  'a_acme', 'r_ann', 'data',  'east', 700,  '2024-01-03 00:00:00', 's_nego', 'won',  '2024-02-01 00:00:00', FALSE),
  ('o5', 'Five',  'a_cora', 'r_bob', 'cloud', 'east', 400,  '2023-11-01 00:00:00', 's_nego', 'won',  '2023-12-31 23:59:59', FALSE),
  ('o6', 'Six',   'a_acme', 'r_ann', 'cloud', 'east', 9999, '2024-01-04 00:00:00', 's_prop', 'open', NULL, TRUE),
  ('o7', 'Seven', 'a_cora', 'r_dee', NULL,    NULL,   0,    '2024-01-05 00:00:00', 's_qual', 'lost', '2024-01-15 12:00:00', FALSE),
  ('o8', 'Eight', 'a_cora', 'r_ann', 'data',  'east', 50,   '2024-01-06 00:00:00', 's_nego', 'won',  '2024-01-31 20:00:00', FALSE);
INSERT INTO opportunity_competitors (opportunity_id, competitor) VALUES
  ('o1', 'Rival'), ('o2', 'Rival'), ('o2', 'Zeta'), ('o3', 'beta'), ('o7', 'Zeta'), ('o8', 'Acorn')
)sql";

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_PLUGINS_CLOSED_DEALS_FIXTURE_H_
