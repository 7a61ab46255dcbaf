#include <gtest/gtest.h>

#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

class AvgSalesPerCustomerTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kClosedDealsFixture);
  }
};

TEST_P(AvgSalesPerCustomerTest, DividesTotalSalesByDistinctCustomers) {
  // January UTC: won o1 (a_acme 1001), o3 (a_bolt 2001), o8 (a_cora 50):
  // 3052 / 3 = 1017.33 -> 1017.
  auto r = Compute(Request("avg_sales_per_customer").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 1017));
  EXPECT_EQ(r->result().value().fraction().money_numerator().minor_units(), 3052);
  EXPECT_EQ(r->result().value().fraction().count_denominator(), 3);
  EXPECT_TRUE(IsMoney(Measure(r->result(), "total_sales"), 3052));
  EXPECT_TRUE(IsCount(Measure(r->result(), "customer_count"), 3));
  EXPECT_FALSE(r->definition().formula().empty());
}

TEST_P(AvgSalesPerCustomerTest, CountsACustomerWithTwoWinsOnce) {
  // January and February: o1 and o4 are both a_acme's; with o3 (a_bolt) and
  // o8 (a_cora): 3752 / 3 = 1250.67 -> 1251.
  auto r = Compute(Request("avg_sales_per_customer").Period("2024-01-01", "2024-03-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 1251));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "total_sales"), 3752));
  EXPECT_TRUE(IsCount(Measure(r->result(), "customer_count"), 3));
}

TEST_P(AvgSalesPerCustomerTest, RoundsHalvesAwayFromZero) {
  // Region east in January: o1 (a_acme 1001) + o8 (a_cora 50) = 1051 / 2 = 525.5 -> 526.
  auto r = Compute(Request("avg_sales_per_customer").Period("2024-01-01", "2024-02-01").Where("region", {"east"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 526));
}

TEST_P(AvgSalesPerCustomerTest, CutsThePeriodInTheRequestTimeZone) {
  // January in Shanghai: o5 (a_cora 400) and o1 (a_acme 1001): 1401 / 2 = 700.5 -> 701.
  auto jan = Compute(
      Request("avg_sales_per_customer").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(jan.ok()) << jan.status();
  EXPECT_TRUE(IsMoney(jan->result().value(), 701));
  // February in Shanghai: o8 (a_cora 50), o3 (a_bolt 2001), o4 (a_acme 700): 2751 / 3 = 917.
  auto feb = Compute(
      Request("avg_sales_per_customer").Period("2024-02-01", "2024-03-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(feb.ok()) << feb.status();
  EXPECT_TRUE(IsMoney(feb->result().value(), 917));
}

TEST_P(AvgSalesPerCustomerTest, GroupsComeFromWonDeals) {
  // January by region: east o1 o8 (1051 / 2 -> 526); west o3 (o2 is lost);
  // o7, the only deal without a region, is lost: no null group.
  auto r = Compute(Request("avg_sales_per_customer").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"east", "west"}));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "east").value(), 526));
  EXPECT_TRUE(IsCount(Measure(GroupResult(r->groups(), "east"), "customer_count"), 2));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "west").value(), 2001));
}

TEST_P(AvgSalesPerCustomerTest, CountsDistinctCustomersWithinEachCompetitorGroup) {
  // Two more January wins against Rival: o9 (a_acme 500) and o10 (a_bolt 300).
  // Rival: o1 o9 (a_acme) and o10 (a_bolt): 1801 / 2 = 900.5 -> 901.
  // beta: o3 (a_bolt 2001); Acorn: o8 (a_cora 50); Zeta only lost: no group.
  Load(R"sql(
INSERT INTO opportunities (id, account_id, owner_rep_id, amount_minor, created_at, stage_id, status, closed_at, is_key)
VALUES ('o9',  'a_acme', 'r_ann', 500, '2024-01-02 00:00:00', 's_nego', 'won', '2024-01-25 00:00:00', FALSE),
       ('o10', 'a_bolt', 'r_bob', 300, '2024-01-02 00:00:00', 's_nego', 'won', '2024-01-26 00:00:00', FALSE);
INSERT INTO opportunity_competitors (opportunity_id, competitor) VALUES ('o9', 'Rival'), ('o10', 'Rival')
)sql");
  auto r = Compute(Request("avg_sales_per_customer").Period("2024-01-01", "2024-02-01").GroupBy("competitor"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(GroupKeys(r->groups()), (std::vector<std::string>{"Acorn", "Rival", "beta"}));
  const v1::Result& rival = GroupResult(r->groups(), "Rival");
  EXPECT_TRUE(IsMoney(rival.value(), 901));
  EXPECT_TRUE(IsMoney(Measure(rival, "total_sales"), 1801));
  EXPECT_TRUE(IsCount(Measure(rival, "customer_count"), 2));
  EXPECT_TRUE(IsMoney(GroupResult(r->groups(), "beta").value(), 2001));
  // Ungrouped: 3052 + 800 over a_acme, a_bolt, a_cora: 3852 / 3 = 1284.
  EXPECT_TRUE(IsMoney(r->result().value(), 1284));
}

TEST_P(AvgSalesPerCustomerTest, MonthlySeries) {
  // December: o5 (a_cora 400); January: 1017; February: o4 (a_acme 700).
  // Whole: 4152 over a_cora (o5 o8), a_acme (o1 o4), a_bolt (o3) = 1384.
  auto r = Compute(
      Request("avg_sales_per_customer").Period("2023-12-01", "2024-03-01").Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_EQ(r->series(0).label(), "2023-12");
  EXPECT_TRUE(IsMoney(r->series(0).result().value(), 400));
  EXPECT_TRUE(IsMoney(r->series(1).result().value(), 1017));
  EXPECT_TRUE(IsMoney(r->series(2).result().value(), 700));
  EXPECT_TRUE(IsMoney(r->result().value(), 1384));
}

TEST_P(AvgSalesPerCustomerTest, AbsentWhenNothingWasWon) {
  auto march = Compute(Request("avg_sales_per_customer").Period("2024-03-01", "2024-04-01"));
  ASSERT_TRUE(march.ok()) << march.status();
  EXPECT_TRUE(IsAbsent(march->result().value()));
  EXPECT_TRUE(IsMoney(Measure(march->result(), "total_sales"), 0));
  EXPECT_TRUE(IsCount(Measure(march->result(), "customer_count"), 0));
  // Zeta's January deals, o2 and o7, were both lost.
  auto zeta = Compute(
      Request("avg_sales_per_customer").Period("2024-01-01", "2024-02-01").Where("competitor", {"Zeta"}));
  ASSERT_TRUE(zeta.ok()) << zeta.status();
  EXPECT_TRUE(IsAbsent(zeta->result().value()));
}

INSTANTIATE_BACKENDS(AvgSalesPerCustomerTest);

}  // namespace
}  // namespace salesmetrics::testing
