#include <gtest/gtest.h>

#include <string>

#include "tests/plugins/customer_economics_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

constexpr char kAsOf[] = "2024-06-30T00:00:00Z";

class LtvCacRatioTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kCustomerEconomicsFixture);
  }
};

class LtvCacRatioBandTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kBandEdgesFixture);
  }
};

TEST_P(LtvCacRatioTest, DividesLtvByCacAsReturned) {
  // January: ltv 6601 / 3 -> 2200, cac 6001 / 3 -> 2000; 2200 / 2000 = 1.1.
  auto r = Compute(Request("ltv_cac_ratio").Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoneyRatio(r->result().value(), 2200, 2000));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "ltv"), 2200));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "cac"), 2000));
  EXPECT_TRUE(IsText(Measure(r->result(), "health_band"), "yellow"));
  EXPECT_FALSE(Measure(r->result(), "health_advice").text().empty());
  EXPECT_EQ(r->parameters().at("ltv_variant"), "cohort");
  EXPECT_EQ(r->parameters().at("cac_variant"), "blended");
  EXPECT_EQ(r->definition().variant(), "cohort/blended");
}

TEST_P(LtvCacRatioTest, PassesTheVariantsAndMarginOn) {
  // Predictive ltv at 1 Jul: 4667 (see ltv_test); marketing cac 4001 / 3 ->
  // 1334. 4667 / 1334 = 3.50: green.
  auto r = Compute(Request("ltv_cac_ratio")
                       .Period("2024-01-01", "2024-02-01")
                       .AsOf("2024-07-01T00:00:00Z")
                       .Param("ltv_variant", "predictive")
                       .Param("cac_variant", "marketing"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsMoneyRatio(r->result().value(), 4667, 1334));
  EXPECT_TRUE(IsText(Measure(r->result(), "health_band"), "green"));
  EXPECT_EQ(r->definition().variant(), "predictive/marketing");
  // Gross margin 0.5: cohort ltv 6601 x 0.5 / 3 = 1100.17 -> 1100; 1100 / 2000: red.
  auto half = Compute(
      Request("ltv_cac_ratio").Period("2024-01-01", "2024-02-01").AsOf(kAsOf).Param("gross_margin", "0.5"));
  ASSERT_TRUE(half.ok()) << half.status();
  EXPECT_TRUE(IsMoneyRatio(half->result().value(), 1100, 2000));
  EXPECT_TRUE(IsText(Measure(half->result(), "health_band"), "red"));
}

TEST_P(LtvCacRatioTest, AbsentWhenCacIsZeroOrEitherIsAbsent) {
  // February, marketing variant: no marketing spend, cac 0 for a_dune.
  auto zero = Compute(
      Request("ltv_cac_ratio").Period("2024-02-01", "2024-03-01").AsOf(kAsOf).Param("cac_variant", "marketing"));
  ASSERT_TRUE(zero.ok()) << zero.status();
  EXPECT_TRUE(IsAbsent(zero->result().value()));
  EXPECT_TRUE(IsMoney(Measure(zero->result(), "ltv"), 2000));
  EXPECT_TRUE(IsMoney(Measure(zero->result(), "cac"), 0));
  EXPECT_TRUE(IsAbsent(Measure(zero->result(), "health_band")));
  EXPECT_TRUE(IsAbsent(Measure(zero->result(), "health_advice")));
  // March: no new customers, so neither ltv nor cac.
  auto none = Compute(Request("ltv_cac_ratio").Period("2024-03-01", "2024-04-01").AsOf(kAsOf));
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(IsAbsent(none->result().value()));
  EXPECT_TRUE(IsAbsent(Measure(none->result(), "ltv")));
  EXPECT_TRUE(IsAbsent(Measure(none->result(), "health_band")));
}

TEST_P(LtvCacRatioTest, MonthlySeries) {
  // January 2200 / 2000 yellow; February a_dune 2000 / 4000 red; March absent.
  auto r = Compute(
      Request("ltv_cac_ratio").Period("2024-01-01", "2024-04-01").AsOf(kAsOf).Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->series_size(), 3);
  EXPECT_TRUE(IsText(Measure(r->series(0).result(), "health_band"), "yellow"));
  EXPECT_TRUE(IsMoneyRatio(r->series(1).result().value(), 2000, 4000));
  EXPECT_TRUE(IsText(Measure(r->series(1).result(), "health_band"), "red"));
  EXPECT_TRUE(IsAbsent(r->series(2).result().value()));
}

TEST_P(LtvCacRatioTest, RefusesFilters) {
  auto r = Compute(Request("ltv_cac_ratio").Period("2024-01-01", "2024-02-01").Where("rep", {"r_sam"}));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
}

struct BandCase {
  const char* gross_margin;
  int64_t ltv;  // 5000 x gross_margin, to the nearest minor unit
  const char* band;
};

// cac is 1000: the band edges are ltv 1000, 3000 and 5000.
constexpr BandCase kBandCases[] = {
    {"0.1998", 999, "red"},      {"0.1999", 1000, "yellow"},  // 999.5 rounds onto the edge: 1.0 is yellow
    {"0.2", 1000, "yellow"},     {"0.5998", 2999, "yellow"},  {"0.6", 3000, "green"},
    {"0.9998", 4999, "green"},   {"0.9999", 5000, "blue"},    {"1", 5000, "blue"},
};

TEST_P(LtvCacRatioBandTest, BandEdgesAreExact) {
  for (const BandCase& c : kBandCases) {
    auto r = Compute(Request("ltv_cac_ratio")
                         .Period("2024-01-01", "2024-02-01")
                         .AsOf(kAsOf)
                         .Param("gross_margin", c.gross_margin));
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(IsMoneyRatio(r->result().value(), c.ltv, 1000)) << c.gross_margin;
    EXPECT_TRUE(IsText(Measure(r->result(), "health_band"), c.band)) << c.gross_margin;
  }
}

INSTANTIATE_BACKENDS(LtvCacRatioTest);
INSTANTIATE_BACKENDS(LtvCacRatioBandTest);

}  // namespace
}  // namespace salesmetrics::testing
