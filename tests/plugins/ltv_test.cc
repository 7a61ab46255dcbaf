#include <gtest/gtest.h>

#include "tests/plugins/customer_economics_fixture.h"
#include "plugins/common/customer_economics.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

namespace sdk = salesmetrics::sdk;

constexpr char kCohortAsOf[] = "2024-06-30T00:00:00Z";
// Predictive windows: recent [2023-07-02 00:00, 2024-07-01 00:00) (2024 is
// a leap year), older [2022-07-02 00:00, 2023-07-02 00:00).
constexpr char kPredictiveAsOf[] = "2024-07-01T00:00:00Z";

class LtvTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kCustomerEconomicsFixture);
  }
};

TEST_P(LtvTest, CohortCountsEveryPaymentOfTheNewCustomersUpToAsOf) {
  // January's new customers a_alfa, a_cyan, a_fern paid 2000 (p1 before the
  // period without a deal, p3 on another deal, refund p4 included) + 3100
  // (p6 exactly at as_of is in, p7 after it out) + 1501 = 6601; a_beta's
  // 5000 does not count. 6601 / 3 = 2200.33 -> 2200.
  auto r = Compute(Request("ltv").Period("2024-01-01", "2024-02-01").AsOf(kCohortAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 2200));
  EXPECT_EQ(r->result().value().fraction().money_numerator().minor_units(), 6601);
  EXPECT_EQ(r->result().value().fraction().count_denominator(), 3);
  EXPECT_TRUE(IsCount(Measure(r->result(), "customer_count"), 3));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "customer_payments"), 6601));
  EXPECT_EQ(r->definition().variant(), "cohort");
  EXPECT_EQ(r->parameters().at("gross_margin"), "1");
}

TEST_P(LtvTest, AsOfBoundsThePayments) {
  // One second before p6 (100): 6501 / 3 = 2167.
  auto r = Compute(Request("ltv").Period("2024-01-01", "2024-02-01").AsOf("2024-06-29T23:59:59Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 2167));
}

TEST_P(LtvTest, GrossMarginIsAppliedExactly) {
  // 0.7 x 6601 / 3 = 46207 / 30 = 1540.23 -> 1540.
  auto r = Compute(Request("ltv").Period("2024-01-01", "2024-02-01").AsOf(kCohortAsOf).Param("gross_margin", "0.7"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 1540));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "customer_payments"), 6601));
}

TEST_P(LtvTest, GrossMarginMustBeInZeroToOne) {
  for (const char* margin : {"0", "1.01", "-0.5"}) {
    auto r = Compute(Request("ltv").Period("2024-01-01", "2024-02-01").Param("gross_margin", margin));
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << margin;
  }
}

TEST_P(LtvTest, CohortInShanghaiRoundsHalfAwayFromZero) {
  // January in Shanghai: a_alfa and a_fern (a_cyan's win is on 1 Feb local):
  // (2000 + 1501) / 2 = 1750.5 -> 1751.
  auto r = Compute(Request("ltv").Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai").AsOf(kCohortAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 1751));
  EXPECT_TRUE(IsCount(Measure(r->result(), "customer_count"), 2));
}

TEST_P(LtvTest, MonthlyCohortSeries) {
  // Q1 cohort a_alfa a_cyan a_dune a_fern: (6601 + 2000) / 4 = 2150.25 -> 2150.
  // January 2200; February a_dune alone (a_alfa's 700 on w2 belongs to
  // January's cohort): 2000; March: no new customer.
  auto r = Compute(
      Request("ltv").Period("2024-01-01", "2024-04-01").AsOf(kCohortAsOf).Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 2150));
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_TRUE(IsMoney(r->series(0).result().value(), 2200));
  EXPECT_TRUE(IsMoney(r->series(1).result().value(), 2000));
  EXPECT_TRUE(IsCount(Measure(r->series(1).result(), "customer_count"), 1));
  EXPECT_TRUE(IsAbsent(r->series(2).result().value()));
  EXPECT_TRUE(IsCount(Measure(r->series(2).result(), "customer_count"), 0));
}

TEST_P(LtvTest, PredictiveIsArpaTimesMarginOverChurn) {
  // Recent window: p16 (exactly at its start) p1 p2 p3 p4 p5 p6 p8 p9 p10 =
  // 14000 from a_echo, a_alfa, a_cyan, a_fern, a_beta, a_dune (N = 6); p7 at
  // exactly as_of and p13 one second before the window are out.
  // Older window: p12 (exactly at its start) for a_gone, p11 and p13 for
  // a_beta (M = 2); p14 one second before it is out. a_gone did not pay
  // recently: churn 1 / 2. LTV = 14000 x 2 / (6 x 1) = 4666.67 -> 4667
  // (ARPA rounded first would give 2333 x 2 = 4666).
  auto r = Compute(Request("ltv")
                       .Period("2024-01-01", "2024-02-01")
                       .AsOf(kPredictiveAsOf)
                       .Param("variant", "predictive"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 4667));
  EXPECT_EQ(r->result().value().fraction().money_numerator().minor_units(), 28000);
  EXPECT_EQ(r->result().value().fraction().count_denominator(), 6);
  EXPECT_TRUE(IsMoney(Measure(r->result(), "arpa"), 2333));
  EXPECT_TRUE(IsRatio(Measure(r->result(), "churn_rate"), 1, 2));
  EXPECT_TRUE(IsCount(Measure(r->result(), "active_account_count"), 6));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "recent_payments"), 14000));
  EXPECT_EQ(r->definition().variant(), "predictive");
  // 0.7 x 28000 / 6 = 3266.67 -> 3267 (a rounded ARPA: 2333 x 0.7 x 2 = 3266.2).
  auto margin = Compute(Request("ltv")
                            .Period("2024-01-01", "2024-02-01")
                            .AsOf(kPredictiveAsOf)
                            .Param("variant", "predictive")
                            .Param("gross_margin", "0.7"));
  ASSERT_TRUE(margin.ok()) << margin.status();
  EXPECT_TRUE(IsMoney(margin->result().value(), 3267));
}

TEST_P(LtvTest, PredictiveIgnoresThePeriod) {
  // Every bucket gets the same value.
  auto r = Compute(Request("ltv")
                       .Period("2024-01-01", "2024-04-01")
                       .AsOf(kPredictiveAsOf)
                       .Param("variant", "predictive")
                       .Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoney(r->result().value(), 4667));
  ASSERT_EQ(r->series_size(), 3);
  for (const auto& bucket : r->series()) EXPECT_TRUE(IsMoney(bucket.result().value(), 4667)) << bucket.label();
}

TEST_P(LtvTest, PredictiveWithoutChurnHasNoValue) {
  // a_gone pays again in the recent window: nobody churned (0 / 2). ARPA
  // (14000 + 700) / 7 = 2100.
  Load("INSERT INTO payments (id, account_id, opportunity_id, received_at, amount_minor) VALUES "
       "('p15', 'a_gone', NULL, '2024-05-01 00:00:00', 700)");
  auto r = Compute(Request("ltv")
                       .Period("2024-01-01", "2024-02-01")
                       .AsOf(kPredictiveAsOf)
                       .Param("variant", "predictive"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsAbsent(r->result().value()));
  EXPECT_TRUE(IsRatio(Measure(r->result(), "churn_rate"), 0, 2));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "arpa"), 2100));
}

TEST_P(LtvTest, PredictiveWithoutOlderPayersHasNoChurn) {
  // as_of 2023-01-01: recent [2022-01-01, 2023-01-01) has p14 and p12; the
  // older window before it has nothing, so churn is undefined.
  auto r = Compute(Request("ltv")
                       .Period("2022-01-01", "2022-02-01")
                       .AsOf("2023-01-01T00:00:00Z")
                       .Param("variant", "predictive"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsAbsent(r->result().value()));
  EXPECT_TRUE(IsAbsent(Measure(r->result(), "churn_rate")));
  EXPECT_TRUE(IsCount(Measure(r->result(), "active_account_count"), 2));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "recent_payments"), 1250));
}

TEST_P(LtvTest, RefusesFilters) {
  auto r = Compute(Request("ltv").Period("2024-01-01", "2024-02-01").Where("segment", {"smb"}));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PredictiveLtvValueTest, ExactBeyondSixtyFourBits) {
  // S = 1e13 minor units, M = 1,000,001 older payers, N = 3 recent payers,
  // C = 1 churned: S x M overflows 64 bits; the value is still exact.
  const sdk::Value ltv = customer_economics::PredictiveLtvValue(10'000'000'000'000, 1'000'001, 3, 1,
                                                                *Decimal::Parse("1"), "none");
  EXPECT_EQ(ltv.integer(), 3'333'336'666'666'666'667);  // (1e13 x 1000001) / 3, .67 rounded up
  EXPECT_EQ(ltv.raw().numerator_unit, SM_UNIT_ABSENT);  // no fraction: S x M does not fit
}

INSTANTIATE_BACKENDS(LtvTest);

}  // namespace
}  // namespace salesmetrics::testing
