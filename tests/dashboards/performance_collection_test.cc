#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/dashboards/dashboard_test_env.h"
#include "tests/plugins/sales_reps_fixture.h"

namespace salesmetrics::testing {
namespace {

// Added to kSalesRepsFixture (its reps, deals and rep targets in January
// 2024): a team without reps, a rep who left long ago, a teamless rep's win,
// company targets and payments. as_of is 2024-03-01 00:00:00 UTC. Every
// value the tests expect is worked out by hand from these tables.
//
// | team / rep | note                                         |
// | t_west     | a team without reps                         |
// | r_gus      | t_north, left 2023-06-30: nothing in January |
//
// | deal | rep   | status | amount | closed_at (UTC)     |
// | d12  | r_fay | won    | 100    | 2024-01-01 00:00:00 |  <- r_fay has no team
//
// | target | metric      | scope   | scope_id | period                   | value | in January 2024          |
// | t8     | total_sales | rep     | r_dan    | 2024-01-01 .. 2024-02-01 | 500   | r_dan is not employed    |
// | t9     | total_sales | company |          | 2024-01-01 .. 2024-02-01 | 20000 | inside                   |
// | t10    | total_sales | company |          | 2023-12-15 .. 2024-01-15 | 7777  | straddles: ignored       |
//
// Payments (account a_acme):
// | id  | opportunity (rep, won in) | received_at (UTC)   | amount | in January | against January's wins |
// | y1  | d1 (r_amy, January)       | 2023-12-20 10:00:00 | 1000   |            | yes: before P          |
// | y2  | d1                        | 2024-01-10 10:00:00 | 1500   | yes        | yes                    |
// | y3  | d1                        | 2024-01-20 10:00:00 | -200   | yes        | yes: a refund          |
// | y4  | d10 (r_amy, open)         | 2024-01-25 10:00:00 | 700    | yes        |                        |
// | y5  | d9 (r_amy, December)      | 2024-01-05 10:00:00 | 400    | yes        |                        |
// | y6  | d3 (r_Zoe, January)       | 2024-02-10 10:00:00 | 1000   |            | yes: after P           |
// | y7  | d4 (r_Zoe, January)       | 2024-03-01 00:00:00 | 500    |            | yes: exactly at as_of  |
// | y8  | d4                        | 2024-03-01 00:00:01 | 9999   |            | after as_of            |
// | y9  | d11 (r_cal, January)      | 2024-01-31 23:59:59 | 2500   | yes        | yes                    |
// | y10 | d7 (r_cal, December)      | 2024-02-01 00:00:00 | 800    | at `to`    |                        |
// | y11 | (none)                    | 2024-01-15 10:00:00 | 300    | yes        |                        |
// | y12 | (none)                    | 2024-02-15 10:00:00 | 400    |            |                        |
// | y13 | d12 (r_fay, January)      | 2024-01-02 00:00:00 | 100    | yes        | yes                    |
constexpr char kCollectionsFixture[] = R"sql(
INSERT INTO teams (id, name, region) VALUES ('t_west', 'West', 'west');
INSERT INTO sales_reps (id, name, team_id, hired_at, left_at) VALUES ('r_gus', 'Gus', 't_north', NULL, '2023-06-30');
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           stage_id, status, closed_at, is_key) VALUES
  ('d12', NULL, 'a_acme', 'r_fay', 'data', 'east', 100, '2023-12-01 00:00:00', 's_done', 'won', '2024-01-01 00:00:00', FALSE);
INSERT INTO targets (id, metric, scope, scope_id, period_start, period_end, target_value) VALUES
  ('t8',  'total_sales', 'rep',     'r_dan', '2024-01-01', '2024-02-01', 500),
  ('t9',  'total_sales', 'company', NULL,    '2024-01-01', '2024-02-01', 20000),
  ('t10', 'total_sales', 'company', NULL,    '2023-12-15', '2024-01-15', 7777);
INSERT INTO payments (id, account_id, opportunity_id, received_at, amount_minor) VALUES
  ('y1',  'a_acme', 'd1',  '2023-12-20 10:00:00', 1000),
  ('y2',  'a_acme', 'd1',  '2024-01-10 10:00:00', 1500),
  ('y3',  'a_acme', 'd1',  '2024-01-20 10:00:00', -200),
  ('y4',  'a_acme', 'd10', '2024-01-25 10:00:00', 700),
  ('y5',  'a_acme', 'd9',  '2024-01-05 10:00:00', 400),
  ('y6',  'a_acme', 'd3',  '2024-02-10 10:00:00', 1000),
  ('y7',  'a_acme', 'd4',  '2024-03-01 00:00:00', 500),
  ('y8',  'a_acme', 'd4',  '2024-03-01 00:00:01', 9999),
  ('y9',  'a_acme', 'd11', '2024-01-31 23:59:59', 2500),
  ('y10', 'a_acme', 'd7',  '2024-02-01 00:00:00', 800),
  ('y11', 'a_acme', NULL,  '2024-01-15 10:00:00', 300),
  ('y12', 'a_acme', NULL,  '2024-02-15 10:00:00', 400),
  ('y13', 'a_acme', 'd12', '2024-01-02 00:00:00', 100)
)sql";

// The row with this id; fails the test when there is none.
const v1::PerformanceRow& Row(const google::protobuf::RepeatedPtrField<v1::PerformanceRow>& rows,
                              const std::string& id) {
  for (const v1::PerformanceRow& row : rows) {
    if (row.id() == id) return row;
  }
  ADD_FAILURE() << "no row " << id;
  return v1::PerformanceRow::default_instance();
}

std::vector<std::string> Ids(const google::protobuf::RepeatedPtrField<v1::PerformanceRow>& rows) {
  std::vector<std::string> ids;
  for (const v1::PerformanceRow& row : rows) ids.push_back(row.id());
  return ids;
}

class PerformanceCollectionTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    Load(kSalesRepsFixture);
    Load(kCollectionsFixture);
  }

  absl::StatusOr<v1::ComputePerformanceCollectionResponse> January() {
    return PerformanceCollection(Period("2024-01-01", "2024-02-01").AsOf("2024-03-01T00:00:00Z"));
  }
};

TEST_P(PerformanceCollectionTest, RepRowsAreTheEmployedAndThoseWithAFigureOrATarget) {
  // Employed in January: r_Zoe r_amy r_ben r_eve r_fay (r_eve with nothing
  // at all). Not employed: r_cal, listed for d11; r_dan, listed for t8;
  // r_gus, not listed. By id in code-point order ('Z' before 'a').
  auto r = January();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Ids(r->reps()), (std::vector<std::string>{"r_Zoe", "r_amy", "r_ben", "r_cal", "r_dan", "r_eve", "r_fay"}));
  EXPECT_EQ(Row(r->reps(), "r_amy").name(), "Amy");
  EXPECT_EQ(Row(r->reps(), "r_amy").team_id(), "t_north");
  EXPECT_EQ(Row(r->reps(), "r_fay").team_id(), "");
  const v1::PerformanceRow& eve = Row(r->reps(), "r_eve");
  EXPECT_TRUE(IsMoney(eve.won_amount(), 0));
  EXPECT_TRUE(IsMoney(eve.collected_in_period(), 0));
  EXPECT_TRUE(IsMoney(eve.collected_against_won(), 0));
  EXPECT_TRUE(IsAbsent(eve.collection_rate()));  // nothing won
}

TEST_P(PerformanceCollectionTest, TargetsAndAttainmentPerRep) {
  auto r = January();
  ASSERT_TRUE(r.ok()) << r.status();
  // r_amy: t1 6000.5 (t2 straddles), 6001 to the minor unit; attainment on
  // the target as summed: 3000 / 6000.5.
  const v1::PerformanceRow& amy = Row(r->reps(), "r_amy");
  EXPECT_TRUE(IsMoney(amy.target(), 6001));
  EXPECT_TRUE(IsMoney(amy.won_amount(), 3000));  // d1; d9 closed in December, d2 lost
  EXPECT_TRUE(IsInexactRatio(amy.attainment(), 3000 / 6000.5));
  // r_Zoe: t3 1000 + t4 2000; won d3 1000 + d4 2000.
  EXPECT_TRUE(IsMoneyRatio(Row(r->reps(), "r_Zoe").attainment(), 3000, 3000));
  // r_dan: t8 but nothing won in January (d8 closes at `to`).
  EXPECT_TRUE(IsMoneyRatio(Row(r->reps(), "r_dan").attainment(), 0, 500));
  // r_eve: a target of 0 gives no attainment; r_ben's t5 is an mql_count
  // target.
  EXPECT_TRUE(IsMoney(Row(r->reps(), "r_eve").target(), 0));
  EXPECT_TRUE(IsAbsent(Row(r->reps(), "r_eve").attainment()));
  EXPECT_TRUE(IsAbsent(Row(r->reps(), "r_ben").target()));
  EXPECT_TRUE(IsAbsent(Row(r->reps(), "r_ben").attainment()));
}

TEST_P(PerformanceCollectionTest, CollectionsPerRep) {
  auto r = January();
  ASSERT_TRUE(r.ok()) << r.status();
  // r_amy: in P y2 1500 + y3 -200 + y4 700 (open d10) + y5 400 (d9, won in
  // December) = 2400; against d1: y1 1000 (before P) + y2 1500 + y3 -200 =
  // 2300, of 3000 won.
  const v1::PerformanceRow& amy = Row(r->reps(), "r_amy");
  EXPECT_TRUE(IsMoney(amy.collected_in_period(), 2400));
  EXPECT_TRUE(IsMoney(amy.collected_against_won(), 2300));
  EXPECT_TRUE(IsMoneyRatio(amy.collection_rate(), 2300, 3000));
  // r_Zoe: nothing in P; against: y6 1000 + y7 500 (at as_of; y8 after it).
  const v1::PerformanceRow& zoe = Row(r->reps(), "r_Zoe");
  EXPECT_TRUE(IsMoney(zoe.collected_in_period(), 0));
  EXPECT_TRUE(IsMoney(zoe.collected_against_won(), 1500));
  EXPECT_TRUE(IsMoneyRatio(zoe.collection_rate(), 1500, 3000));
  // r_cal: y9 2500 at 23:59:59 on the 31st; y10 at `to` is out.
  const v1::PerformanceRow& cal = Row(r->reps(), "r_cal");
  EXPECT_TRUE(IsMoney(cal.won_amount(), 5000));
  EXPECT_TRUE(IsMoney(cal.collected_in_period(), 2500));
  EXPECT_TRUE(IsMoneyRatio(cal.collection_rate(), 2500, 5000));
  // r_ben: won d5 1502, nothing paid.
  EXPECT_TRUE(IsMoneyRatio(Row(r->reps(), "r_ben").collection_rate(), 0, 1502));
}

TEST_P(PerformanceCollectionTest, TeamRowsAreEveryTeamWithItsOwnTarget) {
  auto r = January();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Ids(r->teams()), (std::vector<std::string>{"t_north", "t_south", "t_west"}));
  // t_north: r_amy 3000 + r_ben 1502 + r_eve 0 (+ r_gus nothing); its own
  // target t6 99999, not r_amy's 6000.5 + r_eve's 0.
  const v1::PerformanceRow& north = Row(r->teams(), "t_north");
  EXPECT_EQ(north.name(), "North");
  EXPECT_TRUE(IsMoney(north.target(), 99999));
  EXPECT_TRUE(IsMoney(north.won_amount(), 4502));
  EXPECT_TRUE(IsMoneyRatio(north.attainment(), 4502, 99999));
  EXPECT_TRUE(IsMoney(north.collected_in_period(), 2400));
  EXPECT_TRUE(IsMoneyRatio(north.collection_rate(), 2300, 4502));
  // t_south: r_Zoe 3000 + r_cal 5000 + r_dan 0; no team target (its reps'
  // 3000 + 500 are not one); collected in P y9 2500; against 1500 + 2500.
  const v1::PerformanceRow& south = Row(r->teams(), "t_south");
  EXPECT_TRUE(IsAbsent(south.target()));
  EXPECT_TRUE(IsAbsent(south.attainment()));
  EXPECT_TRUE(IsMoney(south.won_amount(), 8000));
  EXPECT_TRUE(IsMoney(south.collected_in_period(), 2500));
  EXPECT_TRUE(IsMoneyRatio(south.collection_rate(), 4000, 8000));
  // t_west has no reps.
  const v1::PerformanceRow& west = Row(r->teams(), "t_west");
  EXPECT_TRUE(IsMoney(west.won_amount(), 0));
  EXPECT_TRUE(IsAbsent(west.collection_rate()));
}

TEST_P(PerformanceCollectionTest, CompanyRowCountsEveryRepAndPaymentsWithoutOpportunity) {
  auto r = January();
  ASSERT_TRUE(r.ok()) << r.status();
  // The teams' 4502 + 8000 and teamless r_fay's d12 100 = 12602, against
  // t9 20000 (t10 straddles).
  const v1::PerformanceRow& company = r->company();
  EXPECT_EQ(company.id(), "");
  EXPECT_TRUE(IsMoney(company.target(), 20000));
  EXPECT_TRUE(IsMoney(company.won_amount(), 12602));
  EXPECT_TRUE(IsMoneyRatio(company.attainment(), 12602, 20000));
  // On opportunities, in P: r_amy 2400 + r_cal 2500 + r_fay 100 = 5000; y11
  // 300 has no opportunity and is reported apart (y12 is after P).
  EXPECT_TRUE(IsMoney(company.collected_in_period(), 5000));
  EXPECT_TRUE(IsMoney(r->collected_without_opportunity(), 300));
  // Against January's wins: 2300 + 1500 + 2500 + 100 = 6400.
  EXPECT_TRUE(IsMoney(company.collected_against_won(), 6400));
  EXPECT_TRUE(IsMoneyRatio(company.collection_rate(), 6400, 12602));
}

INSTANTIATE_BACKENDS(PerformanceCollectionTest);

}  // namespace
}  // namespace salesmetrics::testing
