#include "clients/cli/compute_request.h"

#include <google/protobuf/util/message_differencer.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/cli/text_proto.h"

namespace salesmetrics::cli {
namespace {

using salesmetrics::v1::ComputeMetricRequest;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

absl::Time Utc(int year, int month, int day, int hour = 0, int minute = 0) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), absl::UTCTimeZone());
}

ComputeArgs WinRateArgs() { return {.metric = "win_rate", .period = {.from = "2024-01-01", .to = "2024-04-01"}}; }

TEST(BuildComputeRequestTest, FillsEveryField) {
  ComputeArgs args = WinRateArgs();
  args.period.time_zone = "Asia/Shanghai";
  args.period.as_of = "2024-05-01T08:00:00+08:00";
  args.group_by = "team";
  args.granularity = "month";
  args.period.fiscal_year_start_month = 4;
  args.where = {"region=north,south", "segment=smb"};
  args.params = {"variant=created", "gross_margin=0.7"};
  absl::StatusOr<ComputeMetricRequest> request = BuildComputeRequest(args);
  ASSERT_TRUE(request.ok()) << request.status();

  const auto expected = ParseTextProto<ComputeMetricRequest>(R"pb(
    metric: "win_rate"
    period_start: "2024-01-01"
    period_end: "2024-04-01"
    time_zone: "Asia/Shanghai"
    as_of { seconds: 1714521600 }
    granularity: GRANULARITY_MONTH
    fiscal_year_start_month: 4
    filters { dimension: "region" values: "north" values: "south" }
    filters { dimension: "segment" values: "smb" }
    group_by: "team"
    parameters { key: "variant" value: "created" }
    parameters { key: "gross_margin" value: "0.7" }
  )pb");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*request, expected)) << request->DebugString();
}

TEST(BuildComputeRequestTest, LeavesUnsetArgumentsUnset) {
  absl::StatusOr<ComputeMetricRequest> request = BuildComputeRequest(WinRateArgs());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_FALSE(request->has_as_of());
  EXPECT_EQ(request->granularity(), salesmetrics::v1::GRANULARITY_UNSPECIFIED);
  EXPECT_TRUE(request->filters().empty());
  EXPECT_TRUE(request->parameters().empty());
}

TEST(BuildComputeRequestTest, LeavesAMissingPeriodToTheServer) {
  ComputeArgs args = WinRateArgs();
  args.period.from.clear();
  args.period.to.clear();
  const auto request = BuildComputeRequest(args);
  ASSERT_TRUE(request.ok());
  EXPECT_TRUE(request->period_start().empty());
  EXPECT_TRUE(request->period_end().empty());
}

TEST(BuildComputeRequestTest, RejectsMalformedAndRepeatedParameters) {
  ComputeArgs args = WinRateArgs();
  args.params = {"variant"};
  EXPECT_THAT(BuildComputeRequest(args).status().message(), HasSubstr("--param expects NAME=VALUE"));
  args.params = {"variant=closed", "variant=created"};
  EXPECT_THAT(BuildComputeRequest(args).status().message(), HasSubstr("--param variant is given twice"));
}

TEST(ParseAsOfTest, ReadsRfc3339WithOffset) {
  EXPECT_EQ(*ParseAsOf("2024-03-01T09:00:00+08:00"), Utc(2024, 3, 1, 1));
  EXPECT_EQ(*ParseAsOf("2024-03-01T09:00:00Z"), Utc(2024, 3, 1, 9));
  EXPECT_EQ(*ParseAsOf("2024-03-01T09:00:00.5Z"), Utc(2024, 3, 1, 9) + absl::Milliseconds(500));
}

TEST(ParseAsOfTest, ReadsDatesAndDateTimesWithoutOffsetAsUtc) {
  EXPECT_EQ(*ParseAsOf("2024-03-01"), Utc(2024, 3, 1));
  EXPECT_EQ(*ParseAsOf("2024-03-01T09:30"), Utc(2024, 3, 1, 9, 30));
  EXPECT_EQ(*ParseAsOf("2024-03-01T09:30:15"), Utc(2024, 3, 1, 9, 30) + absl::Seconds(15));
}

TEST(ParseAsOfTest, RejectsOtherText) {
  EXPECT_THAT(ParseAsOf("yesterday").status().message(), HasSubstr("--as-of expects"));
  EXPECT_FALSE(ParseAsOf("2024-02-30").ok());
}

TEST(ParseGranularityTest, ReadsTheFiveGranularities) {
  EXPECT_EQ(*ParseGranularity("day"), salesmetrics::v1::GRANULARITY_DAY);
  EXPECT_EQ(*ParseGranularity("week"), salesmetrics::v1::GRANULARITY_WEEK);
  EXPECT_EQ(*ParseGranularity("month"), salesmetrics::v1::GRANULARITY_MONTH);
  EXPECT_EQ(*ParseGranularity("quarter"), salesmetrics::v1::GRANULARITY_QUARTER);
  EXPECT_EQ(*ParseGranularity("year"), salesmetrics::v1::GRANULARITY_YEAR);
  EXPECT_FALSE(ParseGranularity("fortnight").ok());
  EXPECT_FALSE(ParseGranularity("unspecified").ok());
}

TEST(ParseFilterTest, SplitsTheValuesAtCommas) {
  absl::StatusOr<salesmetrics::v1::Filter> filter = ParseFilter("region=华东,north");
  ASSERT_TRUE(filter.ok()) << filter.status();
  EXPECT_EQ(filter->dimension(), "region");
  EXPECT_THAT(filter->values(), ElementsAre("华东", "north"));
}

TEST(ParseFilterTest, RejectsAFilterWithoutDimensionOrValue) {
  for (const char* text : {"region", "=north", "region="}) {
    EXPECT_THAT(ParseFilter(text).status().message(), HasSubstr("--where expects DIM=VALUE[,VALUE...]")) << text;
  }
}

}  // namespace
}  // namespace salesmetrics::cli
