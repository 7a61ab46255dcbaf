// Leads qualified around January 2024, shared by the mql_count and
// mql_to_sql_rate tests. Every value the tests expect is worked out by hand
// from this table.
//
// | id  | source   | campaign | region | rep   | mql_at (UTC)        | sql_at (UTC)        | disqualified_at     |
// | l1  | web      | spring   | east   | r_ann | 2024-01-05 10:00:00 | 2024-01-10 09:00:00 |                     |
// | l2  | web      | spring   | east   | r_bob | 2024-01-12 08:00:00 | 2024-01-02 00:00:00 | 2024-01-20 00:00:00 |
// | l3  | event    | expo     | west   | r_ann | 2024-01-20 00:00:00 | 2024-02-10 12:00:00 |                     |
// | l4  | event    | (null)   | west   | r_bob | 2024-01-25 15:00:00 |                     | 2024-01-28 00:00:00 |
// | l5  | referral | (null)   | (null) | r_cid | 2024-01-31 20:00:00 | 2024-02-03 00:00:00 |                     |
// | l6  | web      | spring   | east   | r_ann | 2024-02-01 00:00:00 | 2024-02-05 00:00:00 |                     |
// | l7  | web      | (null)   | east   | r_bob | 2023-12-31 23:59:59 |                     |                     |
// | l8  | partner  | (null)   | east   | r_cid |                     | 2024-01-15 00:00:00 |                     |
// | l9  | event    | expo     | west   | r_ann | 2023-12-20 00:00:00 | 2024-01-08 00:00:00 |                     |
// | l10 | web      | (null)   | (null) |       |                     |                     |                     |
//
// l2 became an SQL before it was an MQL; l8 is an SQL that never was an MQL.
// In Asia/Shanghai (UTC+8), l7's mql_at is 2024-01-01 local and l5's is
// 2024-02-01 local.
#ifndef SALESMETRICS_TESTS_PLUGINS_LEADS_FIXTURE_H_
#define SALESMETRICS_TESTS_PLUGINS_LEADS_FIXTURE_H_

namespace salesmetrics::testing {

inline constexpr char kLeadsFixture[] = R"sql(
INSERT INTO leads (id, created_at, source_channel, campaign, region, owner_rep_id, mql_at, sql_at,
                   disqualified_at) VALUES
  ('l1',  '2024-01-01 00:00:00', 'web',      'spring', 'east', 'r_ann', '2024-01-05 10:00:00', '2024-01-10 09:00:00', NULL),
  ('l2',  '2023-12-15 00:00:00', 'web',      'spring', 'east', 'r_bob', '2024-01-12 08:00:00', '2024-01-02 00:00:00', '2024-01-20 00:00:00'),
  ('l3',  '2024-01-10 00:00:00', 'event',    'expo',   'west', 'r_ann', '2024-01-20 00:00:00', '2024-02-10 12:00:00', NULL),
  ('l4',  '2024-01-10 00:00:00', 'event',    NULL,     'west', 'r_bob', '2024-01-25 15:00:00', NULL,                  '2024-01-28 00:00:00'),
  ('l5',  '2024-01-30 00:00:00', 'referral', NULL,     NULL,   'r_cid', '2024-01-31 20:00:00', '2024-02-03 00:00:00', NULL),
  ('l6',  '2024-01-30 00:00:00', 'web',      'spring', 'east', 'r_ann', '2024-02-01 00:00:00', '2024-02-05 00:00:00', NULL),
  ('l7',  '2023-12-01 00:00:00', 'web',      NULL,     'east', 'r_bob', '2023-12-31 23:59:59', NULL,                  NULL),
  ('l8',  '2024-01-14 00:00:00', 'partner',  NULL,     'east', 'r_cid', NULL,                  '2024-01-15 00:00:00', NULL),
  ('l9',  '2023-12-01 00:00:00', 'event',    'expo',   'west', 'r_ann', '2023-12-20 00:00:00', '2024-01-08 00:00:00', NULL),
  ('l10', '2024-01-03 00:00:00', 'web',      NULL,     NULL,   NULL,    NULL,                  NULL,                  NULL)
)sql";

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_PLUGINS_LEADS_FIXTURE_H_
