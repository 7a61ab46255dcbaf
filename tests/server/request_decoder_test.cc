// What every request goes through before a handler sees it.
#include "server/request_decoder.h"

#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "core/util/field_errors.h"
#include "salesmetrics/v1/alerts.pb.h"
#include "salesmetrics/v1/dashboards.pb.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  if (auto bad_request = BadRequestOf(status)) {
    for (const auto& v : bad_request->field_violations()) fields.push_back(v.field());
  }
  return fields;
}

// A length-delimited field appended to an encoded message (the last wins).
std::string WithField(std::string bytes, int number, const std::string& value) {
  bytes += static_cast<char>(number << 3 | 2);
  bytes += static_cast<char>(value.size());
  return bytes + value;
}

TEST(DecodeRequestTest, DecodesAValidRequest) {
  v1::ComputeMetricRequest request;
  request.set_metric("win_rate");
  request.add_filters()->set_dimension("region");
  request.mutable_filters(0)->add_values("west");
  v1::ComputeMetricRequest decoded;
  ASSERT_TRUE(DecodeRequest(request.SerializeAsString(), decoded).ok());
  EXPECT_EQ(decoded.filters(0).values(0), "west");
}

TEST(DecodeRequestTest, NamesTheStringThatIsNotUtf8) {
  v1::ComputeMetricRequest decoded;
  absl::Status status = DecodeRequest(WithField("", 1, "\xc3\x28"), decoded);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(status), std::vector<std::string>{"metric"});

  v1::Filter filter;
  filter.add_values("ok");
  const std::string filter_bytes = WithField(filter.SerializeAsString(), 2, "\xed\xa0\x80");  // a surrogate
  status = DecodeRequest(WithField(WithField("", 8, "\x0a\x01r"), 8, filter_bytes), decoded);
  EXPECT_EQ(Fields(status), std::vector<std::string>{"filters[1].values[1]"}) << status;

  v1::ComputeFunnelRequest funnel;
  status = DecodeRequest(WithField("", 1, WithField("", 3, "\xff")), funnel);
  EXPECT_EQ(Fields(status), std::vector<std::string>{"period.time_zone"}) << status;

  status = DecodeRequest(WithField("", 10, WithField("", 1, "\xff")), decoded);  // a parameter's name
  EXPECT_EQ(Fields(status), std::vector<std::string>{"parameters[0].key"}) << status;
}

TEST(DecodeRequestTest, RefusesBytesThatAreNoMessage) {
  v1::ComputeMetricRequest decoded;
  const absl::Status status = DecodeRequest("\x0a\x7f", decoded);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "the request is not a valid salesmetrics.v1.ComputeMetricRequest message");
}

TEST(CheckRequestShapeTest, BoundsEveryStringAndList) {
  v1::ComputeMetricRequest request;
  request.set_metric(std::string(257, 'm'));
  request.set_group_by(std::string(256, 'g'));  // at the limit
  v1::Filter* filter = request.add_filters();
  for (int i = 0; i < 1001; ++i) filter->add_values("v");
  (*request.mutable_parameters())[std::string(300, 'k')] = "v";
  const absl::Status status = CheckRequestShape(request);
  EXPECT_EQ(Fields(status),
            (std::vector<std::string>{"metric", "filters[0].values", "parameters[0].key"}))
      << status;
  EXPECT_NE(status.message().find("metric: is 257 bytes long; at most 256 are allowed"), std::string::npos);
  EXPECT_NE(status.message().find("filters[0].values: holds 1001 entries; at most 1000 are allowed"),
            std::string::npos);
}

TEST(CheckRequestShapeTest, EveryTimestampLiesInTheSupportedYears) {
  v1::EvaluateAlertsRequest alerts;
  alerts.mutable_as_of()->set_seconds(INT64_MAX);
  absl::Status status = CheckRequestShape(alerts);
  EXPECT_EQ(Fields(status), std::vector<std::string>{"as_of"});
  alerts.mutable_as_of()->set_seconds(1700000000);
  alerts.mutable_as_of()->set_nanos(-1);
  EXPECT_EQ(Fields(CheckRequestShape(alerts)), std::vector<std::string>{"as_of"});
  alerts.mutable_as_of()->set_nanos(0);
  EXPECT_TRUE(CheckRequestShape(alerts).ok());

  v1::ComputeForecastRequest forecast;
  forecast.mutable_period()->mutable_as_of()->set_seconds(-2208988801);  // 1899-12-31T23:59:59Z
  EXPECT_EQ(Fields(CheckRequestShape(forecast)), std::vector<std::string>{"period.as_of"});
}

TEST(CheckRequestShapeTest, ListsAFewViolationsAndCountsTheRest) {
  v1::ComputeMetricRequest request;
  for (int i = 0; i < 50; ++i) request.add_filters()->set_dimension(std::string(300, 'd'));
  const absl::Status status = CheckRequestShape(request);
  EXPECT_EQ(Fields(status).size(), FieldErrors::kMaxShownViolations);
  EXPECT_NE(status.message().find("; and 40 more"), std::string::npos);
  EXPECT_LT(status.message().size(), 1000u);
}

}  // namespace
}  // namespace salesmetrics
