// Won deals, payments and expenses around January 2024, shared by the cac,
// ltv and ltv_cac_ratio tests. Every value the tests expect is worked out by
// hand from these tables.
//
// Opportunities (owner r_sam, stage s_done):
// | id | account | status | amount | closed_at (UTC)     | note                                        |
// | w9 | a_gone  | won    | 1200   | 2022-06-01 12:00:00 | a_gone's first win                          |
// | w3 | a_beta  | won    | 5000   | 2023-11-20 12:00:00 | a_beta's first win                          |
// | l1 | a_cyan  | lost   | 400    | 2023-12-15 12:00:00 | a loss is not a win                         |
// | w7 | a_fern  | won    | 900    | 2024-01-05 08:00:00 | a_fern's first win                          |
// | w1 | a_alfa  | won    | 1000   | 2024-01-10 10:00:00 | a_alfa's first win                          |
// | l2 | a_echo  | lost   | 600    | 2024-01-12 12:00:00 | a_echo never wins                           |
// | w4 | a_beta  | won    | 800    | 2024-01-20 12:00:00 | not new: a_beta won in November             |
// | w8 | a_fern  | won    | 600    | 2024-01-25 08:00:00 | a_fern's second win in the same month       |
// | w5 | a_cyan  | won    | 3000   | 2024-01-31 20:00:00 | a_cyan's first win; 1 Feb in Shanghai       |
// | w6 | a_dune  | won    | 2000   | 2024-02-01 00:00:00 | a_dune's first win, exactly at January's end|
// | w2 | a_alfa  | won    | 700    | 2024-02-15 09:00:00 | a_alfa's second win: not new in February    |
// | o1 | a_echo  | open   | 900    |                     |                                             |
//
// New customers: Nov 2023 a_beta; Jan 2024 (UTC) a_alfa a_cyan a_fern; Feb
// a_dune; Mar none. In Asia/Shanghai: Jan a_alfa a_fern; Feb a_cyan a_dune.
//
// Expenses:
// | id | incurred_on | category  | amount |
// | e1 | 2023-12-31  | marketing | 9000   |
// | e2 | 2024-01-01  | marketing | 3000   |
// | e3 | 2024-01-15  | sales     | 2000   |
// | e4 | 2024-01-31  | marketing | 1001   |
// | e5 | 2024-02-01  | sales     | 4000   |
// | e6 | 2024-03-10  | marketing | 500    |
// January: marketing 4001 + sales 2000 = 6001; February: sales 4000; March:
// marketing 500 (the same dates in every time zone).
//
// Payments:
// | id  | account | opportunity | received_at (UTC)   | amount | note                              |
// | p14 | a_echo  |             | 2022-07-01 23:59:59 | 50     | never a customer                  |
// | p12 | a_gone  | w9          | 2022-07-02 00:00:00 | 1200   | a_gone's last payment             |
// | p11 | a_beta  | w3          | 2023-03-01 10:00:00 | 4000   |                                   |
// | p13 | a_beta  |             | 2023-07-01 23:59:59 | 300    |                                   |
// | p16 | a_echo  |             | 2023-07-02 00:00:00 | 399    | never a customer                  |
// | p1  | a_alfa  |             | 2023-12-20 10:00:00 | 500    | before its first win, no deal     |
// | p2  | a_alfa  | w1          | 2024-01-15 10:00:00 | 1000   |                                   |
// | p9  | a_beta  | w4          | 2024-01-25 10:00:00 | 5000   |                                   |
// | p8  | a_fern  | w7          | 2024-01-30 10:00:00 | 1501   |                                   |
// | p10 | a_dune  | w6          | 2024-02-05 10:00:00 | 2000   |                                   |
// | p5  | a_cyan  | w5          | 2024-02-10 10:00:00 | 3000   |                                   |
// | p3  | a_alfa  | w2          | 2024-02-20 10:00:00 | 700    | on its second deal                |
// | p4  | a_alfa  | w1          | 2024-03-01 10:00:00 | -200   | a refund                          |
// | p6  | a_cyan  | w5          | 2024-06-30 00:00:00 | 100    |                                   |
// | p7  | a_cyan  | w5          | 2024-07-01 00:00:00 | 9999   |                                   |
// Paid up to 2024-06-30 00:00:00 inclusive: a_alfa 500 + 1000 + 700 - 200 =
// 2000, a_cyan 3000 + 100 = 3100, a_fern 1501, a_dune 2000.
#ifndef SALESMETRICS_TESTS_PLUGINS_CUSTOMER_ECONOMICS_FIXTURE_H_
#define SALESMETRICS_TESTS_PLUGINS_CUSTOMER_ECONOMICS_FIXTURE_H_

namespace salesmetrics::testing {

inline constexpr char kCustomerEconomicsFixture[] = R"sql(
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_alfa', 'Alfa', 'smb', NULL, 'east', '2023-01-01 00:00:00'),
  ('a_beta', 'Beta', 'mid', NULL, 'east', '2023-01-01 00:00:00'),
  ('a_cyan', 'Cyan', 'smb', NULL, 'west', '2023-01-01 00:00:00'),
  ('a_dune', 'Dune', 'enterprise', NULL, 'west', '2023-01-01 00:00:00'),
  ('a_echo', 'Echo', 'smb', NULL, 'east', '2022-01-01 00:00:00'),
  ('a_fern', 'Fern', 'mid', NULL, 'west', '2023-01-01 00:00:00'),
  ('a_gone', 'Gone', 'smb', NULL, 'east', '2022-01-01 00:00:00');
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           stage_id, status, closed_at, is_key) VALUES
  ('w9', NULL, 'a_gone', 'r_sam', NULL, NULL, 1200, '2022-05-01 00:00:00', 's_done', 'won',  '2022-06-01 12:00:00', FALSE),
  ('w3', NULL, 'a_beta', 'r_sam', NULL, NULL, 5000, '2023-10-01 00:00:00', 's_done', 'won',  '2023-11-20 12:00:00', FALSE),
  ('l1', NULL, 'a_cyan', 'r_sam', NULL, NULL, 400,  '2023-10-01 00:00:00', 's_done', 'lost', '2023-12-15 12:00:00', FALSE),
  ('w7', NULL, 'a_fern', 'r_sam', NULL, NULL, 900,  '2023-12-01 00:00:00', 's_done', 'won',  '2024-01-05 08:00:00', FALSE),
  ('w1', NULL, 'a_alfa', 'r_sam', NULL, NULL, 1000, '2023-12-01 00:00:00', 's_done', 'won',  '2024-01-10 10:00:00', FALSE),
  ('l2', NULL, 'a_echo', 'r_sam', NULL, NULL, 600,  '2023-12-01 00:00:00', 's_done', 'lost', '2024-01-12 12:00:00', FALSE),
  ('w4', NULL, 'a_beta', 'r_sam', NULL, NULL, 800,  '2023-12-01 00:00:00', 's_done', 'won',  '2024-01-20 12:00:00', FALSE),
  ('w8', NULL, 'a_fern', 'r_sam', NULL, NULL, 600,  '2024-01-06 00:00:00', 's_done', 'won',  '2024-01-25 08:00:00', FALSE),
  ('w5', NULL, 'a_cyan', 'r_sam', NULL, NULL, 3000, '2024-01-02 00:00:00', 's_done', 'won',  '2024-01-31 20:00:00', FALSE),
  ('w6', NULL, 'a_dune', 'r_sam', NULL, NULL, 2000, '2024-01-02 00:00:00', 's_done', 'won',  '2024-02-01 00:00:00', FALSE),
  ('w2', NULL, 'a_alfa', 'r_sam', NULL, NULL, 700,  '2024-01-20 00:00:00', 's_done', 'won',  '2024-02-15 09:00:00', FALSE),
  ('o1', NULL, 'a_echo', 'r_sam', NULL, NULL, 900,  '2024-01-20 00:00:00', 's_done', 'open', NULL, FALSE);
INSERT INTO expenses (id, incurred_on, category, channel, amount_minor) VALUES
  ('e1', '2023-12-31', 'marketing', 'web', 9000),
  ('e2', '2024-01-01', 'marketing', 'web', 3000),
  ('e3', '2024-01-15', 'sales', NULL, 2000),
  ('e4', '2024-01-31', 'marketing', 'event', 1001),
  ('e5', '2024-02-01', 'sales', NULL, 4000),
  ('e6', '2024-03-10', 'marketing', 'web', 500);
INSERT INTO payments (id, account_id, opportunity_id, received_at, amount_minor) VALUES
  ('p14', 'a_echo', NULL,  '2022-07-01 23:59:59', 50),
  ('p12', 'a_gone', 'w9',  '2022-07-02 00:00:00', 1200),
  ('p11', 'a_beta', 'w3',  '2023-03-01 10:00:00', 4000),
  ('p13', 'a_beta', NULL,  '2023-07-01 23:59:59', 300),
  ('p16', 'a_echo', NULL,  '2023-07-02 00:00:00', 399),
  ('p1',  'a_alfa', NULL,  '2023-12-20 10:00:00', 500),
  ('p2',  'a_alfa', 'w1',  '2024-01-15 10:00:00', 1000),
  ('p9',  'a_beta', 'w4',  '2024-01-25 10:00:00', 5000),
  ('p8',  'a_fern', 'w7',  '2024-01-30 10:00:00', 1501),
  ('p10', 'a_dune', 'w6',  '2024-02-05 10:00:00', 2000),
  ('p5',  'a_cyan', 'w5',  '2024-02-10 10:00:00', 3000),
  ('p3',  'a_alfa', 'w2',  '2024-02-20 10:00:00', 700),
  ('p4',  'a_alfa', 'w1',  '2024-03-01 10:00:00', -200),
  ('p6',  'a_cyan', 'w5',  '2024-06-30 00:00:00', 100),
  ('p7',  'a_cyan', 'w5',  '2024-07-01 00:00:00', 9999)
)sql";

// One new customer in January 2024 that paid 5000, bought with 1000 of
// marketing: LTV / CAC = 5 x gross_margin, so the gross margin moves the
// ratio onto and around the band edges 1, 3 and 5.
//
// | a_solo | won s1 2024-01-10 12:00:00 | expense 1000 on 2024-01-05 | paid 5000 on 2024-01-20 |
inline constexpr char kBandEdgesFixture[] = R"sql(
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_solo', 'Solo', 'smb', NULL, NULL, '2023-01-01 00:00:00');
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           stage_id, status, closed_at, is_key) VALUES
  ('s1', NULL, 'a_solo', 'r_sam', NULL, NULL, 5000, '2024-01-02 00:00:00', 's_done', 'won', '2024-01-10 12:00:00', FALSE);
INSERT INTO expenses (id, incurred_on, category, channel, amount_minor) VALUES
  ('x1', '2024-01-05', 'marketing', 'web', 1000);
INSERT INTO payments (id, account_id, opportunity_id, received_at, amount_minor) VALUES
  ('y1', 'a_solo', 's1', '2024-01-20 12:00:00', 5000)
)sql";

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_PLUGINS_CUSTOMER_ECONOMICS_FIXTURE_H_
