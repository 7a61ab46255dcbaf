#include <gtest/gtest.h>

#include "tests/plugins/customer_economics_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

class CacTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kCustomerEconomicsFixture);
  }
};

TEST_P(CacTest, SpendPerNewCustomer) {
  // January: spend e2 + e3 + e4 = 3000 + 2000 + 1001 (e1 on 31 Dec and e5 on
  // 1 Feb are out). New: a_alfa, a_cyan, a_fern (twice, once); a_beta won
  // before. 6001 / 3 = 2000.33 -> 2000.
  auto r = Compute(Request("cac").Period("2024-01-01", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 2000));
  EXPECT_EQ(r->result().value().fraction().money_numerator().minor_units(), 6001);
  EXPECT_EQ(r->result().value().fraction().count_denominator(), 3);
  EXPECT_TRUE(IsMoney(Measure(r->result(), "spend"), 6001));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "marketing_spend"), 4001));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "sales_spend"), 2000));
  EXPECT_TRUE(IsCount(Measure(r->result(), "new_customer_count"), 3));
  EXPECT_EQ(r->definition().variant(), "blended");
  EXPECT_FALSE(r->definition().formula().empty());
}

TEST_P(CacTest, MarketingVariantDividesTheMarketingSpendOnly) {
  // 4001 / 3 = 1333.67 -> 1334; both categories are still reported.
  auto r = Compute(Request("cac").Period("2024-01-01", "2024-02-01").Param("variant", "marketing"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 1334));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "spend"), 4001));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "sales_spend"), 2000));
  EXPECT_EQ(r->definition().variant(), "marketing");
}

TEST_P(CacTest, ASecondWinIsNotANewCustomer) {
  // February: a_dune (won exactly at 1 Feb 00:00); a_alfa's second win w2 is
  // not new. Spend: e5 4000 (sales), no marketing: the marketing CAC is 0.
  auto r = Compute(Request("cac").Period("2024-02-01", "2024-03-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(Measure(r->result(), "new_customer_count"), 1));
  EXPECT_TRUE(IsMoney(r->result().value(), 4000));
  auto marketing = Compute(Request("cac").Period("2024-02-01", "2024-03-01").Param("variant", "marketing"));
  ASSERT_TRUE(marketing.ok()) << marketing.status();
  EXPECT_TRUE(IsMoney(marketing->result().value(), 0));
}

TEST_P(CacTest, TheFirstWinIsTakenOverAllTime) {
  // From 15 Jan: a_beta (w4 on 20 Jan) and a_fern (w8 on 25 Jan) won before
  // the period; only a_cyan is new. Spend e3 + e4 = 3001.
  auto r = Compute(Request("cac").Period("2024-01-15", "2024-02-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(Measure(r->result(), "new_customer_count"), 1));
  EXPECT_TRUE(IsMoney(r->result().value(), 3001));
}

TEST_P(CacTest, NoNewCustomersMeansNoCac) {
  // March: e6 500 spent, nobody won for the first time.
  auto r = Compute(Request("cac").Period("2024-03-01", "2024-04-01"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsAbsent(r->result().value()));
  EXPECT_EQ(r->result().value().fraction().count_denominator(), 0);
  EXPECT_TRUE(IsMoney(Measure(r->result(), "spend"), 500));
  EXPECT_TRUE(IsCount(Measure(r->result(), "new_customer_count"), 0));
}

TEST_P(CacTest, CutsThePeriodInTheRequestTimeZone) {
  // January in Shanghai: a_cyan's win (31 Jan 20:00Z) is in February, so the
  // new customers are a_alfa and a_fern; expense dates are local midnights,
  // so the spend is January's 6001. 6001 / 2 = 3000.5 -> 3001 (half away
  // from zero); marketing 4001 / 2 = 2000.5 -> 2001.
  auto jan = Compute(Request("cac").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(jan.ok()) << jan.status();
  EXPECT_TRUE(IsCount(Measure(jan->result(), "new_customer_count"), 2));
  EXPECT_TRUE(IsMoney(jan->result().value(), 3001));
  auto marketing = Compute(
      Request("cac").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai").Param("variant", "marketing"));
  ASSERT_TRUE(marketing.ok()) << marketing.status();
  EXPECT_TRUE(IsMoney(marketing->result().value(), 2001));
  // February in Shanghai: a_cyan and a_dune; 4000 / 2.
  auto feb = Compute(Request("cac").Period("2024-02-01", "2024-03-01").TimeZone("Asia/Shanghai"));
  ASSERT_TRUE(feb.ok()) << feb.status();
  EXPECT_TRUE(IsCount(Measure(feb->result(), "new_customer_count"), 2));
  EXPECT_TRUE(IsMoney(feb->result().value(), 2000));
}

TEST_P(CacTest, MonthlySeriesComputesEachBucketAsAPeriod) {
  // Q1: 10501 / 4 (a_alfa, a_cyan, a_dune, a_fern) = 2625.25 -> 2625.
  // January 2000, February 4000 (a_alfa is not new again), March none.
  auto r = Compute(Request("cac").Period("2024-01-01", "2024-04-01").Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 2625));
  EXPECT_TRUE(IsCount(Measure(r->result(), "new_customer_count"), 4));
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_EQ(r->series(0).label(), "2024-01");
  EXPECT_TRUE(IsMoney(r->series(0).result().value(), 2000));
  EXPECT_TRUE(IsMoney(r->series(1).result().value(), 4000));
  EXPECT_TRUE(IsCount(Measure(r->series(1).result(), "new_customer_count"), 1));
  EXPECT_TRUE(IsAbsent(r->series(2).result().value()));
  EXPECT_TRUE(IsMoney(Measure(r->series(2).result(), "marketing_spend"), 500));
}

TEST_P(CacTest, WeeklySeries) {
  // 2024-W05 (Mon 29 Jan - Sun 4 Feb): a_cyan and a_dune are new; e4 + e5 =
  // 5001; 5001 / 2 = 2500.5 -> 2501. 2024-W06: nothing.
  auto r = Compute(Request("cac").Period("2024-01-29", "2024-02-12").Granularity(v1::GRANULARITY_WEEK));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 2);
  EXPECT_EQ(r->series(0).label(), "2024-W05");
  EXPECT_TRUE(IsMoney(r->series(0).result().value(), 2501));
  EXPECT_TRUE(IsAbsent(r->series(1).result().value()));
  EXPECT_TRUE(IsMoney(Measure(r->series(1).result(), "spend"), 0));
}

TEST_P(CacTest, FiscalQuartersStartInApril) {
  // FY2024-Q3 (Oct-Dec 2023): e1 9000 over a_beta (first win 20 Nov; a_cyan
  // only lost). FY2024-Q4 (Jan-Mar 2024): 10501 / 4 -> 2625.
  auto r = Compute(Request("cac")
                       .Period("2023-10-01", "2024-04-01")
                       .Granularity(v1::GRANULARITY_QUARTER)
                       .FiscalYearStartMonth(4));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 2);
  EXPECT_EQ(r->series(0).label(), "FY2024-Q3");
  EXPECT_TRUE(IsMoney(r->series(0).result().value(), 9000));
  EXPECT_TRUE(IsCount(Measure(r->series(0).result(), "new_customer_count"), 1));
  EXPECT_EQ(r->series(1).label(), "FY2024-Q4");
  EXPECT_TRUE(IsMoney(r->series(1).result().value(), 2625));
}

TEST_P(CacTest, RefusesFiltersAndGroupBy) {
  auto filtered = Compute(Request("cac").Period("2024-01-01", "2024-02-01").Where("region", {"east"}));
  EXPECT_EQ(filtered.status().code(), absl::StatusCode::kInvalidArgument);
  auto grouped = Compute(Request("cac").Period("2024-01-01", "2024-02-01").GroupBy("region"));
  EXPECT_EQ(grouped.status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_BACKENDS(CacTest);

}  // namespace
}  // namespace salesmetrics::testing
