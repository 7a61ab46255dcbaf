#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "tests/dashboards/dashboard_test_env.h"
#include "tests/plugins/stage_funnel_fixture.h"

namespace salesmetrics::testing {
namespace {

// Deals outside January's cohort, added to kStageFunnelFixture (whose deals
// all have amount 100) for the open and lost figures. as_of is
// 2024-03-01 00:00:00 UTC.
//
// | id | status | stage  | amount | region | created_at (UTC)    | closed_at (UTC)     | note                     |
// | q1 | open   | s_nego | 2500   | east   | 2023-11-01 00:00:00 |                     |                          |
// | q2 | open   | s_qual | 40     | east   | 2024-03-01 00:00:00 |                     | created at as_of         |
// | q3 | open   | s_qual | 9000   | east   | 2024-03-01 00:00:01 |                     | created after as_of      |
// | q4 | lost   | s_prop | 700    | west   | 2023-10-01 00:00:00 | 2024-01-31 23:59:59 | 1 Feb in Shanghai        |
// | q5 | lost   | s_prop | 900    | west   | 2023-10-01 00:00:00 | 2024-02-01 00:00:00 | exactly at January's end |
// | q6 | lost   | s_qual | 300    | east   | 2023-10-01 00:00:00 | 2023-12-31 23:59:59 | 1 Jan in Shanghai        |
constexpr char kOpenAndLostFixture[] = R"sql(
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           stage_id, status, closed_at, is_key) VALUES
  ('q1', NULL, 'a_acme', 'r_ann', 'cloud', 'east', 2500, '2023-11-01 00:00:00', 's_nego', 'open', NULL, FALSE),
  ('q2', NULL, 'a_acme', 'r_ann', 'data',  'east', 40,   '2024-03-01 00:00:00', 's_qual', 'open', NULL, FALSE),
  ('q3', NULL, 'a_acme', 'r_ann', 'data',  'east', 9000, '2024-03-01 00:00:01', 's_qual', 'open', NULL, FALSE),
  ('q4', NULL, 'a_acme', 'r_ann', 'data',  'west', 700,  '2023-10-01 00:00:00', 's_prop', 'lost', '2024-01-31 23:59:59', FALSE),
  ('q5', NULL, 'a_acme', 'r_ann', 'data',  'west', 900,  '2023-10-01 00:00:00', 's_prop', 'lost', '2024-02-01 00:00:00', FALSE),
  ('q6', NULL, 'a_acme', 'r_ann', 'cloud', 'east', 300,  '2023-10-01 00:00:00', 's_qual', 'lost', '2023-12-31 23:59:59', FALSE)
)sql";

constexpr char kAsOf[] = "2024-03-01T00:00:00Z";

// A figure of every stage, in the response's order, e.g.
// PerStage(r, &v1::FunnelStage::open_count).
template <typename Figure>
auto PerStage(const v1::ComputeFunnelResponse& r, Figure figure) {
  std::vector<std::decay_t<std::invoke_result_t<Figure, const v1::FunnelStage&>>> figures;
  for (const v1::FunnelStage& stage : r.stages()) figures.push_back(std::invoke(figure, stage));
  return figures;
}

// The minor units of a money figure of every stage.
std::vector<int64_t> Amounts(const v1::ComputeFunnelResponse& r, const v1::Money& (v1::FunnelStage::*amount)() const) {
  std::vector<int64_t> amounts;
  for (const v1::Money& money : PerStage(r, amount)) amounts.push_back(money.minor_units());
  return amounts;
}

class FunnelTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    Load(kStageFunnelFixture);
    Load(kOpenAndLostFixture);
  }
};

TEST_P(FunnelTest, EveryStageInPositionOrder) {
  auto r = Funnel(Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::stage_id),
            (std::vector<std::string>{"s_qual", "s_disc", "s_prop", "s_nego"}));
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::stage_name),
            (std::vector<std::string>{"Qualify", "Discover", "Propose", "Negotiate"}));
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::position), (std::vector<int32_t>{10, 20, 30, 40}));
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::next_stage),
            (std::vector<std::string>{"s_disc", "s_prop", "s_nego", "won"}));
}

TEST_P(FunnelTest, OpenPipelineAtAsOfByCurrentStage) {
  // Open at as_of: Qualify p7 100 + q2 40 (created exactly at as_of; q3 a
  // second later is not); Discover p1; Propose p2 + p9; Negotiate q1 2500.
  // The period plays no part.
  auto r = Funnel(Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::open_count), (std::vector<int64_t>{2, 1, 2, 1}));
  EXPECT_EQ(Amounts(*r, &v1::FunnelStage::open_amount), (std::vector<int64_t>{140, 100, 200, 2500}));
  EXPECT_EQ(r->stages(0).open_amount().currency_code(), "CNY");
}

TEST_P(FunnelTest, ReachedAndConversionAsStageConversion) {
  // The January cohort of kStageFunnelFixture (see stage_conversion_test):
  // p1-p7 and p10, won p4 p5; reached 8, 7, 5, 3.
  auto r = Funnel(Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->cohort_count(), 8);
  EXPECT_EQ(r->won_count(), 2);
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::reached_count), (std::vector<int64_t>{8, 7, 5, 3}));
  EXPECT_TRUE(IsRatio(r->stages(0).conversion_to_next(), 7, 8));
  EXPECT_TRUE(IsRatio(r->stages(1).conversion_to_next(), 5, 7));
  EXPECT_TRUE(IsRatio(r->stages(2).conversion_to_next(), 3, 5));
  EXPECT_TRUE(IsRatio(r->stages(3).conversion_to_next(), 2, 3));  // won p4 p5 / 3
}

TEST_P(FunnelTest, MeanDwellAsStageDwell) {
  // History rows exiting in January, in seconds:
  // Qualify: p1 54000 (09:00 to midnight) + 86400, p2 259200, p3 259200, p4
  //   864000, p5 172800, p6 172800, p9 172801 (from 23:59:59) = 2041201 / 8.
  // Discover: p1 1 d, p3 10 d, p5 2 d. Propose: p3 3 d, p5 5 d.
  // Negotiate: p5 10 d, p6 19 d. (p8 and p10 exit in February.)
  auto r = Funnel(Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsDays(r->stages(0).mean_dwell_days(), 2041201.0 / 8 / 86400));
  EXPECT_TRUE(IsDays(r->stages(1).mean_dwell_days(), 13.0 / 3));
  EXPECT_TRUE(IsDays(r->stages(2).mean_dwell_days(), 4));
  EXPECT_TRUE(IsDays(r->stages(3).mean_dwell_days(), 14.5));
}

TEST_P(FunnelTest, LostInThePeriodByTheirStage) {
  // Lost in January UTC: p3 (Discover), q4 (Propose, 23:59:59 on the 31st),
  // p6 (Negotiate); q5 at `to`, q6 in December and p10 in February are out.
  auto r = Funnel(Period("2024-01-01", "2024-02-01").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::lost_count), (std::vector<int64_t>{0, 1, 1, 1}));
  EXPECT_EQ(Amounts(*r, &v1::FunnelStage::lost_amount), (std::vector<int64_t>{0, 100, 700, 100}));
}

TEST_P(FunnelTest, ThePeriodIsCutInTheTimeZone) {
  // January in Shanghai: the cohort gains p9 and loses p10 (still 8); q6
  // is lost in it (1 Jan local) and q4 is not (1 Feb local).
  auto r = Funnel(Period("2024-01-01", "2024-02-01").TimeZone("Asia/Shanghai").AsOf(kAsOf));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->cohort_count(), 8);
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::lost_count), (std::vector<int64_t>{1, 1, 0, 1}));
  EXPECT_EQ(Amounts(*r, &v1::FunnelStage::lost_amount), (std::vector<int64_t>{300, 100, 0, 100}));
}

// West only. Cohort p3 p7 p10, none won: reached 3, 2, 1, 0. Open: p7
// (Qualify), p9 (Propose). Lost: p3 (Discover), q4 700 (Propose). Dwell:
// Qualify p3 259200 s and p9 172801 s; Discover p3 10 d; Propose p3 3 d;
// Negotiate none.
void ExpectTheWestFunnel(const absl::StatusOr<v1::ComputeFunnelResponse>& r) {
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->cohort_count(), 3);
  EXPECT_EQ(r->won_count(), 0);
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::reached_count), (std::vector<int64_t>{3, 2, 1, 0}));
  EXPECT_TRUE(IsRatio(r->stages(2).conversion_to_next(), 0, 1));
  EXPECT_TRUE(IsAbsent(r->stages(3).conversion_to_next()));  // nobody reached Negotiate
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::open_count), (std::vector<int64_t>{1, 0, 1, 0}));
  EXPECT_EQ(Amounts(*r, &v1::FunnelStage::open_amount), (std::vector<int64_t>{100, 0, 100, 0}));
  EXPECT_EQ(PerStage(*r, &v1::FunnelStage::lost_count), (std::vector<int64_t>{0, 1, 1, 0}));
  EXPECT_EQ(Amounts(*r, &v1::FunnelStage::lost_amount), (std::vector<int64_t>{0, 100, 700, 0}));
  EXPECT_TRUE(IsDays(r->stages(0).mean_dwell_days(), (259200.0 + 172801.0) / 2 / 86400));
  EXPECT_TRUE(IsDays(r->stages(1).mean_dwell_days(), 10));
  EXPECT_TRUE(IsDays(r->stages(2).mean_dwell_days(), 3));
  EXPECT_TRUE(IsAbsent(r->stages(3).mean_dwell_days()));
}

TEST_P(FunnelTest, FiltersApplyToEveryFigure) {
  ExpectTheWestFunnel(Funnel(Period("2024-01-01", "2024-02-01").AsOf(kAsOf), {Filter("region", {"west"})}));
}

TEST_P(FunnelTest, AStrictFilterGivesTheSameFunnel) {
  // Every figure of the funnel is about opportunities, which have a region:
  // a caller scoped to the west sees what a west filter shows.
  v1::Filter west = Filter("region", {"west"});
  west.set_strict(true);
  ExpectTheWestFunnel(Funnel(Period("2024-01-01", "2024-02-01").AsOf(kAsOf), {west}));
}

TEST_P(FunnelTest, OnlyOpportunityDimensionsFilter) {
  auto r = Funnel(Period("2024-01-01", "2024-02-01"), {Filter("source_channel", {"web"})});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("filters[0].dimension"), std::string::npos) << r.status();
}

INSTANTIATE_BACKENDS(FunnelTest);

}  // namespace
}  // namespace salesmetrics::testing
