#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/plugins/deal_cycles_fixture.h"
#include "tests/plugins/opportunity_rows_columns.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

constexpr char kAsOf[] = "2024-03-01T00:00:00Z";

class TopOpportunitiesTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kDealCyclesFixture);
  }
};

TEST_P(TopOpportunitiesTest, OpenDealsByAmountThenIdInCodePointOrder) {
  // Open at as_of: every p_ deal but p_echo (created one second later);
  // p_hotel, created at exactly as_of, is in. The 5000 tie: 'C' < 'b'.
  auto r = Compute(Request("top_opportunities").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(OpportunityIds(r->result()), (std::vector<std::string>{"p_Comet", "p_beacon", "p_atlas", "p_delta",
                                                                   "p_fox", "p_hotel", "p_golf"}));
  // 5000 + 5000 + 1001 + 333 + 200 + 50 + 3.
  EXPECT_TRUE(IsCount(r->result().value(), 7));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "open_amount"), 11587));
  EXPECT_EQ(r->parameters().at("limit"), "10");
  EXPECT_FALSE(r->definition().formula().empty());
}

TEST_P(TopOpportunitiesTest, RowValues) {
  auto r = Compute(Request("top_opportunities").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->result().table().rows_size(), 7);
  const v1::Row& atlas = r->result().table().rows(2);
  EXPECT_TRUE(IsText(atlas.values(kOpportunityId), "p_atlas"));
  EXPECT_TRUE(IsText(atlas.values(kName), "Atlas"));
  EXPECT_TRUE(IsText(atlas.values(kAccountId), "a_acme"));
  EXPECT_TRUE(IsText(atlas.values(kAccountName), "Acme"));
  EXPECT_TRUE(IsText(atlas.values(kOwnerRepId), "r_ann"));
  EXPECT_TRUE(IsText(atlas.values(kOwnerName), "Ann"));
  EXPECT_TRUE(IsText(atlas.values(kStageId), "s_prop"));
  EXPECT_TRUE(IsText(atlas.values(kStageName), "Propose"));
  EXPECT_TRUE(IsMoney(atlas.values(kAmount), 1001));
  EXPECT_TRUE(IsMoney(atlas.values(kWeightedAmount), 501));  // 1001 x 50 / 100 = 500.5, half away from zero
  EXPECT_TRUE(IsDays(atlas.values(kAgeDays), 30));           // 31 January to 1 March 2024
  EXPECT_EQ(atlas.values(kExpectedCloseDate).date(), "2024-03-15");
  EXPECT_TRUE(atlas.values(kIsKey).flag());
  // p_beacon: 5000 x 75 / 100; created one second before p_atlas; no
  // expected close date.
  const v1::Row& beacon = r->result().table().rows(1);
  EXPECT_TRUE(IsMoney(beacon.values(kWeightedAmount), 3750));
  EXPECT_TRUE(IsDays(beacon.values(kAgeDays), 30 + 1.0 / 86400));
  EXPECT_EQ(beacon.values(kExpectedCloseDate).kind_case(), v1::Value::KIND_NOT_SET);
  EXPECT_TRUE(beacon.values(kIsKey).has_flag());
  EXPECT_FALSE(beacon.values(kIsKey).flag());
  EXPECT_TRUE(IsMoney(r->result().table().rows(0).values(kWeightedAmount), 500));  // p_Comet: 5000 x 10 %
  EXPECT_TRUE(IsMoney(r->result().table().rows(3).values(kWeightedAmount), 33));   // p_delta: 33.3
  EXPECT_TRUE(IsDays(r->result().table().rows(5).values(kAgeDays), 0));            // p_hotel
  // p_golf has no name; 3 x 50 / 100 = 1.5 -> 2; 20 Feb 12:00 to 1 March.
  const v1::Row& golf = r->result().table().rows(6);
  EXPECT_EQ(golf.values(kName).kind_case(), v1::Value::KIND_NOT_SET);
  EXPECT_TRUE(IsMoney(golf.values(kWeightedAmount), 2));
  EXPECT_TRUE(IsDays(golf.values(kAgeDays), 9.5));
}

TEST_P(TopOpportunitiesTest, LimitCutsTheRowsNotTheTotals) {
  auto r = Compute(Request("top_opportunities").AsOf(kAsOf).Param("limit", "2"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(OpportunityIds(r->result()), (std::vector<std::string>{"p_Comet", "p_beacon"}));
  EXPECT_TRUE(IsCount(r->result().value(), 7));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "open_amount"), 11587));
  for (const char* out_of_range : {"0", "100001"}) {
    auto refused = Compute(Request("top_opportunities").AsOf(kAsOf).Param("limit", out_of_range));
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << out_of_range;
  }
}

TEST_P(TopOpportunitiesTest, FiltersApplyToRowsAndTotals) {
  // Segment enterprise = a_bolt: p_beacon, p_delta, p_hotel (p_echo is not
  // open yet).
  auto bolt = Compute(Request("top_opportunities").AsOf(kAsOf).Where("segment", {"enterprise"}));
  ASSERT_TRUE(bolt.ok()) << bolt.status();
  EXPECT_EQ(OpportunityIds(bolt->result()), (std::vector<std::string>{"p_beacon", "p_delta", "p_hotel"}));
  EXPECT_TRUE(IsCount(bolt->result().value(), 3));
  EXPECT_TRUE(IsMoney(Measure(bolt->result(), "open_amount"), 5383));
  // Rep r_bob and product cloud: p_Comet and p_delta.
  auto bob = Compute(
      Request("top_opportunities").AsOf(kAsOf).Where("rep", {"r_bob"}).Where("product_line", {"cloud"}));
  ASSERT_TRUE(bob.ok()) << bob.status();
  EXPECT_EQ(OpportunityIds(bob->result()), (std::vector<std::string>{"p_Comet", "p_delta"}));
  EXPECT_TRUE(IsMoney(Measure(bob->result(), "open_amount"), 5333));
}

TEST_P(TopOpportunitiesTest, IsASnapshotAtAsOfWhateverThePeriod) {
  // At 31 January 00:00 only p_fox, p_Comet, p_beacon and p_atlas (created
  // at exactly as_of, age 0) exist. The period changes nothing.
  for (const auto& request :
       {Request("top_opportunities").AsOf("2024-01-31T00:00:00Z"),
        Request("top_opportunities").AsOf("2024-01-31T00:00:00Z").Period("2020-01-01", "2020-02-01")}) {
    auto r = Compute(request);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(OpportunityIds(r->result()), (std::vector<std::string>{"p_Comet", "p_beacon", "p_atlas", "p_fox"}));
    EXPECT_TRUE(IsMoney(Measure(r->result(), "open_amount"), 11201));
    EXPECT_TRUE(IsDays(r->result().table().rows(2).values(kAgeDays), 0));
  }
}

INSTANTIATE_BACKENDS(TopOpportunitiesTest);

}  // namespace
}  // namespace salesmetrics::testing
