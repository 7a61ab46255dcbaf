#include "clients/cli/dashboard_request.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "clients/cli/compute_request.h"
#include "salesmetrics/v1/alerts.pb.h"
#include "tests/cli/text_proto.h"

namespace salesmetrics::cli {
namespace {

namespace v1 = salesmetrics::v1;
using google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;

DashboardArgs Args(const std::string& dashboard) {
  return {.dashboard = dashboard, .period = {.from = "2024-01-01", .to = "2024-04-01"}};
}

constexpr char kFullPeriod[] = R"pb(
  period_start: "2024-01-01"
  period_end: "2024-04-01"
  time_zone: "Asia/Shanghai"
  as_of { seconds: 1714521600 }
  fiscal_year_start_month: 4
)pb";

DashboardArgs FullArgs(const std::string& dashboard) {
  DashboardArgs args = Args(dashboard);
  args.period.time_zone = "Asia/Shanghai";
  args.period.as_of = "2024-05-01T08:00:00+08:00";
  args.period.fiscal_year_start_month = 4;
  return args;
}

TEST(BuildDashboardRequestTest, BuildsTheFunnelWithItsFilters) {
  DashboardArgs args = FullArgs("funnel");
  args.where = {"region=north,south", "segment=smb"};
  absl::StatusOr<DashboardRequest> request = BuildDashboardRequest(args);
  ASSERT_TRUE(request.ok()) << request.status();
  const auto* funnel = std::get_if<v1::ComputeFunnelRequest>(&*request);
  ASSERT_NE(funnel, nullptr);
  const auto expected = ParseTextProto<v1::ComputeFunnelRequest>(
      absl::StrCat(R"pb(
                     filters { dimension: "region" values: "north" values: "south" }
                     filters { dimension: "segment" values: "smb" }
                     period {)pb",
                   kFullPeriod, "}"));
  EXPECT_TRUE(MessageDifferencer::Equals(*funnel, expected)) << funnel->DebugString();
}

// The period a company-wide dashboard's request holds, or a failure.
template <typename Request>
v1::DashboardPeriod PeriodOf(const std::string& dashboard) {
  absl::StatusOr<DashboardRequest> request = BuildDashboardRequest(FullArgs(dashboard));
  EXPECT_TRUE(request.ok()) << request.status();
  const Request* typed = request.ok() ? std::get_if<Request>(&*request) : nullptr;
  EXPECT_NE(typed, nullptr) << dashboard;
  return typed == nullptr ? v1::DashboardPeriod() : typed->period();
}

TEST(BuildDashboardRequestTest, BuildsEachCompanyWideDashboardWithItsPeriod) {
  const auto expected = ParseTextProto<v1::DashboardPeriod>(kFullPeriod);
  EXPECT_TRUE(MessageDifferencer::Equals(PeriodOf<v1::ComputeSalesBriefingRequest>("briefing"), expected));
  EXPECT_TRUE(MessageDifferencer::Equals(PeriodOf<v1::ComputeForecastRequest>("forecast"), expected));
  EXPECT_TRUE(MessageDifferencer::Equals(PeriodOf<v1::ComputePerformanceCollectionRequest>("performance"), expected));
}

TEST(BuildDashboardRequestTest, LeavesUnsetArgumentsUnset) {
  absl::StatusOr<DashboardRequest> request = BuildDashboardRequest(Args("forecast"));
  ASSERT_TRUE(request.ok()) << request.status();
  const v1::DashboardPeriod& period = std::get<v1::ComputeForecastRequest>(*request).period();
  EXPECT_FALSE(period.has_as_of());
  EXPECT_TRUE(period.time_zone().empty());
  EXPECT_EQ(period.fiscal_year_start_month(), 0);
}

TEST(BuildDashboardRequestTest, RejectsAnUnknownDashboard) {
  EXPECT_THAT(BuildDashboardRequest(Args("pipeline")).status().message(),
              HasSubstr("unknown dashboard \"pipeline\": expected briefing, funnel, forecast or performance"));
}

TEST(BuildDashboardRequestTest, RejectsWhereOutsideTheFunnel) {
  DashboardArgs args = Args("briefing");
  args.where = {"region=north"};
  EXPECT_THAT(BuildDashboardRequest(args).status().message(), HasSubstr("--where applies to the funnel only"));
}

TEST(BuildDashboardRequestTest, RejectsMalformedArguments) {
  DashboardArgs args = Args("funnel");
  args.where = {"region"};
  EXPECT_THAT(BuildDashboardRequest(args).status().message(), HasSubstr("--where expects DIM=VALUE"));
  args = Args("briefing");
  args.period.as_of = "yesterday";
  EXPECT_THAT(BuildDashboardRequest(args).status().message(), HasSubstr("--as-of expects"));
}

TEST(SetAsOfTest, SetsTheAsOfOfAnAlertsRequestOrLeavesItUnset) {
  v1::EvaluateAlertsRequest request;
  ASSERT_TRUE(SetAsOf("", request).ok());
  EXPECT_FALSE(request.has_as_of());
  ASSERT_TRUE(SetAsOf("2024-05-01", request).ok());
  EXPECT_EQ(request.as_of().seconds(), 1714521600);
  EXPECT_THAT(SetAsOf("soon", request).message(), HasSubstr("--as-of expects"));
}

}  // namespace
}  // namespace salesmetrics::cli
