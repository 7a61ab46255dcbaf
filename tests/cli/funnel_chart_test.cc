#include "clients/cli/funnel_chart.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/text_proto.h"

namespace salesmetrics::cli {
namespace {

using ::testing::ElementsAre;

TEST(ScaleBarsTest, GivesTheLargestTheWholeWidthAndTheOthersTheirShare) {
  EXPECT_THAT(ScaleBars({120, 75, 30, 12}, 40), ElementsAre(40, 25, 10, 4));
  EXPECT_THAT(ScaleBars({3, 1}, 10), ElementsAre(10, 3));  // 3.33 rounds down
  EXPECT_THAT(ScaleBars({3, 2}, 10), ElementsAre(10, 7));  // 6.67 rounds up
}

TEST(ScaleBarsTest, KeepsANonZeroCountVisible) { EXPECT_THAT(ScaleBars({1000, 1, 0}, 40), ElementsAre(40, 1, 0)); }

TEST(ScaleBarsTest, DrawsNothingWithoutCounts) {
  EXPECT_THAT(ScaleBars({0, 0}, 40), ElementsAre(0, 0));
  EXPECT_TRUE(ScaleBars({}, 40).empty());
}

TEST(RenderBarsTest, CentresTheBarsAndAlignsLabelsCountsAndNotes) {
  EXPECT_EQ(
      RenderBars({{"Lead", 10, "50.00 % to 资格确认"}, {"资格确认", 5, "40.00 % to won"}, {"won", 2, ""}}, "#", 10),
      "Lead      ##########  10  50.00 % to 资格确认\n"
      "资格确认    #####      5  40.00 % to won\n"
      "won           ##       2\n");
}

TEST(RenderBarsTest, DrawsWithTheGlyphGiven) {
  EXPECT_EQ(RenderBars({{"a", 2, ""}, {"b", 1, ""}}, "█", 4), "a  ████  2\nb   ██   1\n");
}

TEST(FunnelBarsTest, BarsEachStagesReachedCountThenTheWon) {
  const auto response = ParseTextProto<salesmetrics::v1::ComputeFunnelResponse>(R"pb(
    stages {
      stage_name: "Lead"
      reached_count: 10
      next_stage: "qualify"
      conversion_to_next {
        ratio: 0.5
        fraction { count_numerator: 5 count_denominator: 10 }
      }
    }
    stages {
      stage_name: "Qualify"
      reached_count: 5
      next_stage: "won"
      conversion_to_next { ratio: 0.4 }
    }
    stages {
      stage_name: "Dormant"
      next_stage: "won"
      conversion_to_next { absent_reason: "no opportunity reached the stage" }
    }
    cohort_count: 10
    won_count: 2
  )pb");
  const std::vector<FunnelBar> bars = FunnelBars(response);
  ASSERT_EQ(bars.size(), 4u);
  EXPECT_EQ(bars[0].label, "Lead");
  EXPECT_EQ(bars[0].count, 10);
  EXPECT_EQ(bars[0].note, "50.00 % to Qualify");
  EXPECT_EQ(bars[1].note, "40.00 % to Dormant");
  EXPECT_EQ(bars[2].count, 0);
  EXPECT_EQ(bars[2].note, "");
  EXPECT_EQ(bars[3].label, "won");
  EXPECT_EQ(bars[3].count, 2);
}

TEST(IsUtf8LocaleTest, RecognizesTheSpellingsOfUtf8) {
  EXPECT_TRUE(IsUtf8Locale("en_US.UTF-8"));
  EXPECT_TRUE(IsUtf8Locale("zh_CN.utf8"));
  EXPECT_TRUE(IsUtf8Locale("C.UTF-8"));
  EXPECT_FALSE(IsUtf8Locale("C"));
  EXPECT_FALSE(IsUtf8Locale("POSIX"));
  EXPECT_FALSE(IsUtf8Locale("zh_CN.GB18030"));
}

}  // namespace
}  // namespace salesmetrics::cli
