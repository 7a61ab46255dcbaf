#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/plugins/deal_cycles_fixture.h"
#include "tests/plugins/opportunity_rows_columns.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

// The 365-day window is [2023-03-02 00:00, 2024-03-01 00:00): w0..w6 won
// in it, cycles 2 + 10.5 + 20 + 30 + 41 + 101 + 5.5 = 210 days, mean 30.
// w_old closed before it (2023-03-01 12:00) and w_late at exactly as_of.
constexpr char kAsOf[] = "2024-03-01T00:00:00Z";

class StalledOpportunitiesTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(kDealCyclesFixture);
  }
};

TEST_P(StalledOpportunitiesTest, OlderThanTheMeanCycleOldestFirst) {
  // Ages: p_fox 274, p_Comet 35, p_beacon 30 days + 1 s: stalled. p_atlas
  // is exactly 30 days old: not stalled. p_delta 15, p_golf 9.5, p_hotel 0;
  // p_echo is created after as_of. (With w_old the mean would be 575 / 8,
  // with w_late 576 / 8, and p_Comet and p_beacon would not be stalled.)
  auto r = Compute(Request("stalled_opportunities").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(OpportunityIds(r->result()), (std::vector<std::string>{"p_fox", "p_Comet", "p_beacon"}));
  EXPECT_TRUE(IsCount(r->result().value(), 3));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "stalled_amount"), 10200));  // 200 + 5000 + 5000
  EXPECT_TRUE(IsDays(Measure(r->result(), "mean_cycle_days"), 30));
  // The rows are those of top_opportunities.
  const v1::Row& fox = r->result().table().rows(0);
  EXPECT_TRUE(IsText(fox.values(kName), "Foxtrot"));
  EXPECT_TRUE(IsMoney(fox.values(kWeightedAmount), 100));  // 200 x 50 %
  EXPECT_TRUE(IsDays(fox.values(kAgeDays), 274));          // 1 June 2023 to 1 March 2024
  EXPECT_EQ(fox.values(kExpectedCloseDate).date(), "2024-01-31");
  EXPECT_TRUE(IsDays(r->result().table().rows(2).values(kAgeDays), 30 + 1.0 / 86400));
  EXPECT_EQ(r->parameters().count("limit"), 0u);  // unset: every stalled opportunity
  EXPECT_FALSE(r->definition().formula().empty());
}

TEST_P(StalledOpportunitiesTest, TheWindowStartIsInclusive) {
  // as_of 29 February 12:00: the window starts at 2023-03-01 12:00, when
  // w_old closed; w0..w6 and w_old: (210 + 365) / 8 = 71.875 days. Only
  // p_fox (273.5 days) is older; p_hotel does not exist yet.
  auto r = Compute(Request("stalled_opportunities").AsOf("2024-02-29T12:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsDays(Measure(r->result(), "mean_cycle_days"), 71.875));
  EXPECT_EQ(OpportunityIds(r->result()), (std::vector<std::string>{"p_fox"}));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "stalled_amount"), 200));
}

TEST_P(StalledOpportunitiesTest, LimitCutsTheRowsNotTheTotals) {
  auto r = Compute(Request("stalled_opportunities").AsOf(kAsOf).Param("limit", "2"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(OpportunityIds(r->result()), (std::vector<std::string>{"p_fox", "p_Comet"}));
  EXPECT_TRUE(IsCount(r->result().value(), 3));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "stalled_amount"), 10200));
}

TEST_P(StalledOpportunitiesTest, ALimitIsAtLeastOne) {
  EXPECT_EQ(Compute(Request("stalled_opportunities").AsOf(kAsOf).Param("limit", "0")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StalledOpportunitiesTest, FiltersApplyToTheWonDealsAndTheOpenDeals) {
  // Region east: won w1 w3 w4 w5 w6, (10.5 + 30 + 41 + 101 + 5.5) / 5 = 37.6
  // days; of the open east deals only p_fox is older (p_Comet is 35).
  auto east = Compute(Request("stalled_opportunities").AsOf(kAsOf).Where("region", {"east"}));
  ASSERT_TRUE(east.ok()) << east.status();
  EXPECT_TRUE(IsDays(Measure(east->result(), "mean_cycle_days"), 37.6));
  EXPECT_EQ(OpportunityIds(east->result()), (std::vector<std::string>{"p_fox"}));
  EXPECT_TRUE(IsMoney(Measure(east->result(), "stalled_amount"), 200));
  // Region west: won w0 w2, (2 + 20) / 2 = 11 days; p_delta (15) is stalled,
  // though younger than the overall mean; p_hotel (0) is not.
  auto west = Compute(Request("stalled_opportunities").AsOf(kAsOf).Where("region", {"west"}));
  ASSERT_TRUE(west.ok()) << west.status();
  EXPECT_TRUE(IsDays(Measure(west->result(), "mean_cycle_days"), 11));
  EXPECT_EQ(OpportunityIds(west->result()), (std::vector<std::string>{"p_delta"}));
  EXPECT_TRUE(IsCount(west->result().value(), 1));
  EXPECT_TRUE(IsMoney(Measure(west->result(), "stalled_amount"), 333));
}

TEST_P(StalledOpportunitiesTest, NothingIsStalledWithoutWins) {
  // Product data: p_fox (274 days) and p_hotel are open, but nothing was won.
  auto r = Compute(Request("stalled_opportunities").AsOf(kAsOf).Where("product_line", {"data"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsAbsent(Measure(r->result(), "mean_cycle_days")));
  EXPECT_TRUE(IsCount(r->result().value(), 0));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "stalled_amount"), 0));
  EXPECT_EQ(r->result().table().rows_size(), 0);
}

INSTANTIATE_BACKENDS(StalledOpportunitiesTest);

}  // namespace
}  // namespace salesmetrics::testing
