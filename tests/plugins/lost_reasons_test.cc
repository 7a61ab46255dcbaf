#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

// Opportunities closed around January 2024. Every value the tests expect is
// worked out by hand from this table.
//
// | id  | status | lost_reason | amount | closed_at (UTC)     | rep   | region | competitors |
// | x1  | lost   | price       | 100    | 2024-01-05 10:00:00 | r_ann | east   | Rival       |
// | x2  | lost   | price       | 250    | 2024-01-09 00:00:00 | r_bob | west   | Rival, Zeta |
// | x3  | lost   | (null)      | 40     | 2024-01-12 00:00:00 | r_ann | east   |             |
// | x4  | lost   | unspecified | 60     | 2024-01-15 00:00:00 | r_bob | west   | Zeta        |
// | x5  | lost   | timing      | 300    | 2024-01-20 00:00:00 | r_ann | east   |             |
// | x6  | lost   | budget      | 30     | 2024-01-22 00:00:00 | r_bob | (null) |             |
// | x7  | lost   | No decision | 700    | 2024-01-31 20:00:00 | r_cid | (null) |             |
// | x8  | won    | (null)      | 999    | 2024-01-10 00:00:00 | r_ann | east   | Rival       |
// | x9  | lost   | price       | 80     | 2024-02-01 00:00:00 | r_ann | east   |             |
// | x10 | open   | price       | 500    |                     | r_bob | west   |             |
// | x11 | lost   | price       | 20     | 2023-12-31 23:59:59 | r_ann | east   |             |
//
// In Asia/Shanghai (UTC+8), x11 closes on 2024-01-01 local and x7 on
// 2024-02-01 local.
constexpr char kLostDealsFixture[] = R"sql(
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_acme', 'Acme', 'smb', NULL, 'east', '2023-01-01 00:00:00');
INSERT INTO pipeline_stages (id, name, position, win_probability) VALUES ('s_qual', 'Qualify', 1, 10);
INSERT INTO opportunities (id, account_id, owner_rep_id, region, amount_minor, created_at, stage_id, status,
                           closed_at, lost_reason, is_key) VALUES
  ('x1',  'a_acme', 'r_ann', 'east', 100, '2023-12-01 00:00:00', 's_qual', 'lost', '2024-01-05 10:00:00', 'price',       FALSE),
  ('x2',  'a_acme', 'r_bob', 'west', 250, '2023-12-01 00:00:00', 's_qual', 'lost', '2024-01-09 00:00:00', 'price',       FALSE),
  ('x3',  'a_acme', 'r_ann', 'east', 40,  '2023-12-01 00:00:00', 's_qual', 'lost', '2024-01-12 00:00:00', NULL,          FALSE),
  ('x4',  'a_acme', 'r_bob', 'west', 60,  '2023-12-01 00:00:00', 's_qual', 'lost', '2024-01-15 00:00:00', 'unspecified', FALSE),
  ('x5',  'a_acme', 'r_ann', 'east', 300, '2023-12-01 00:00:00', 's_qual', 'lost', '2024-01-20 00:00:00', 'timing',      FALSE),
  ('x6',  'a_acme', 'r_bob', NULL,   30,  '2023-12-01 00:00:00', 's_qual', 'lost', '2024-01-22 00:00:00', 'budget',      FALSE),
  ('x7',  'a_acme', 'r_cid', NULL,   700, '2023-12-01 00:00:00', 's_qual', 'lost', '2024-01-31 20:00:00', 'No decision', FALSE),
  ('x8',  'a_acme', 'r_ann', 'east', 999, '2023-12-01 00:00:00', 's_qual', 'won',  '2024-01-10 00:00:00', NULL,          FALSE),
  ('x9',  'a_acme', 'r_ann', 'east', 80,  '2023-12-01 00:00:00', 's_qual', 'lost', '2024-02-01 00:00:00', 'price',       FALSE),
  ('x10', 'a_acme', 'r_bob', 'west', 500, '2023-12-01 00:00:00', 's_qual', 'open', NULL,                  'price',       FALSE),
  ('x11', 'a_acme', 'r_ann', 'east', 20,  '2023-11-01 00:00:00', 's_qual', 'lost', '2023-12-31 23:59:59', 'price',       FALSE);
INSERT INTO opportunity_competitors (opportunity_id, competitor) VALUES
  ('x1', 'Rival'), ('x2', 'Rival'), ('x2', 'Zeta'), ('x4', 'Zeta'), ('x8', 'Rival')
)sql";

class LostReasonsTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kLostDealsFixture);
  }
};

// The reasons of a result's rows, in order.
std::vector<std::string> Reasons(const v1::Result& result) {
  std::vector<std::string> reasons;
  for (const v1::Row& row : result.table().rows()) reasons.push_back(row.values(0).text());
  return reasons;
}

// Checks the row at `index`: its reason, count, amount, and share = count / lost_count.
void ExpectRow(const v1::Result& result, int index, const std::string& reason, int64_t count, int64_t amount,
               int64_t lost_count) {
  SCOPED_TRACE(reason);
  ASSERT_LT(index, result.table().rows_size());
  const v1::Row& row = result.table().rows(index);
  ASSERT_EQ(row.values_size(), 4);
  EXPECT_TRUE(IsText(row.values(0), reason));
  EXPECT_TRUE(IsCount(row.values(1), count));
  EXPECT_TRUE(IsMoney(row.values(2), amount));
  EXPECT_TRUE(IsRatio(row.values(3), count, lost_count));
}

TEST_P(LostReasonsTest, GroupsLostDealsByReasonOrderedByCountThenReason) {
  // January UTC: x1-x7 (x8 is won, x9 closes at exactly `to`, x10 is open,
  // x11 closes before `from`). x3 (null) and x4 ('unspecified') merge.
  // Count ties: price < unspecified; 'No decision' < budget < timing by code
  // point (uppercase first), neither by amount nor case-insensitively.
  auto r = Compute(Request("lost_reasons").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 7));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "lost_amount"), 1480));  // 350 + 100 + 700 + 30 + 300
  EXPECT_EQ(Reasons(r->result()),
            (std::vector<std::string>{"price", "unspecified", "No decision", "budget", "timing"}));
  ExpectRow(r->result(), 0, "price", 2, 350, 7);
  ExpectRow(r->result(), 1, "unspecified", 2, 100, 7);
  ExpectRow(r->result(), 2, "No decision", 1, 700, 7);
  ExpectRow(r->result(), 3, "budget", 1, 30, 7);
  ExpectRow(r->result(), 4, "timing", 1, 300, 7);
  ASSERT_EQ(r->result().table().columns_size(), 4);
  EXPECT_EQ(r->result().table().columns(3).name(), "share");
}

TEST_P(LostReasonsTest, CutsThePeriodInTheRequestTimeZone) {
  // January in Shanghai: x11 is in (price 3: 20 + 100 + 250), x7 is out.
  auto r = Compute(Request("lost_reasons").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 7));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "lost_amount"), 800));  // 370 + 100 + 30 + 300
  EXPECT_EQ(Reasons(r->result()), (std::vector<std::string>{"price", "unspecified", "budget", "timing"}));
  ExpectRow(r->result(), 0, "price", 3, 370, 7);
}

TEST_P(LostReasonsTest, EachGroupHasItsOwnRowsAndShares) {
  // east: x1 price, x3 unspecified, x5 timing; west: x2 price, x4
  // unspecified; no region: x6 budget, x7 No decision.
  auto r = Compute(Request("lost_reasons").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 7));
  EXPECT_EQ(r->result().table().rows_size(), 5);
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"east", "west", "(null)"}));
  const v1::Result& east = GroupResult(r->groups(), "east");
  EXPECT_TRUE(IsCount(east.value(), 3));
  EXPECT_TRUE(IsMoney(Measure(east, "lost_amount"), 440));
  EXPECT_EQ(Reasons(east), (std::vector<std::string>{"price", "timing", "unspecified"}));
  ExpectRow(east, 1, "timing", 1, 300, 3);
  const v1::Result& west = GroupResult(r->groups(), "west");
  EXPECT_EQ(Reasons(west), (std::vector<std::string>{"price", "unspecified"}));
  ExpectRow(west, 1, "unspecified", 1, 60, 2);
  const v1::Result& none = GroupResult(r->groups(), std::nullopt);
  EXPECT_EQ(Reasons(none), (std::vector<std::string>{"No decision", "budget"}));
  ExpectRow(none, 0, "No decision", 1, 700, 2);
}

TEST_P(LostReasonsTest, CountsADealOnceInEachCompetitorGroup) {
  // Rival: x1 x2 (x8 is won); Zeta: x2 x4.
  auto r = Compute(Request("lost_reasons").Period("2024-01-01", "2024-02-01").GroupBy("competitor"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"Rival", "Zeta"}));
  const v1::Result& rival = GroupResult(r->groups(), "Rival");
  EXPECT_EQ(Reasons(rival), (std::vector<std::string>{"price"}));
  ExpectRow(rival, 0, "price", 2, 350, 2);
  const v1::Result& zeta = GroupResult(r->groups(), "Zeta");
  ExpectRow(zeta, 0, "price", 1, 250, 2);
  ExpectRow(zeta, 1, "unspecified", 1, 60, 2);
}

TEST_P(LostReasonsTest, FiltersTheDeals) {
  // r_bob: x2 price, x4 unspecified, x6 budget; all ties, by reason.
  auto r = Compute(Request("lost_reasons").Period("2024-01-01", "2024-02-01").Where("rep", {"r_bob"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 3));
  EXPECT_EQ(Reasons(r->result()), (std::vector<std::string>{"budget", "price", "unspecified"}));
  ExpectRow(r->result(), 0, "budget", 1, 30, 3);
}

TEST_P(LostReasonsTest, MonthlySeriesHasRowsPerBucket) {
  // December: x11; January: as above; February: x9. Whole: price x11 x1 x2 x9.
  auto r = Compute(Request("lost_reasons").Period("2023-12-01", "2024-03-01").Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_EQ(r->series(0).label(), "2023-12");
  ExpectRow(r->series(0).result(), 0, "price", 1, 20, 1);
  EXPECT_EQ(r->series(1).result().table().rows_size(), 5);
  EXPECT_TRUE(IsCount(r->series(1).result().value(), 7));
  EXPECT_EQ(Reasons(r->series(2).result()), (std::vector<std::string>{"price"}));
  ExpectRow(r->series(2).result(), 0, "price", 1, 80, 1);
  EXPECT_TRUE(IsCount(r->result().value(), 9));
  ExpectRow(r->result(), 0, "price", 4, 450, 9);
}

TEST_P(LostReasonsTest, AnEmptyPeriodLosesNothing) {
  auto r = Compute(Request("lost_reasons").Period("2024-03-01", "2024-04-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 0));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "lost_amount"), 0));
  EXPECT_EQ(r->result().table().rows_size(), 0);
  EXPECT_EQ(r->result().table().columns_size(), 4);
}

INSTANTIATE_BACKENDS(LostReasonsTest);

}  // namespace
}  // namespace salesmetrics::testing
