#include "clients/cli/compute_printer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/cli/text_proto.h"

namespace salesmetrics::cli {
namespace {

using salesmetrics::v1::ComputeMetricRequest;
using salesmetrics::v1::ComputeMetricResponse;
using ::testing::HasSubstr;

// 2024-01-01 to 2024-03-01 in Asia/Shanghai, as of 2024-03-01 00:00 there.
constexpr char kPeriod[] = R"pb(
  metric: "win_rate"
  definition { variant: "closed" formula: "won / closed" }
  start_time { seconds: 1704038400 }
  end_time { seconds: 1709222400 }
  as_of { seconds: 1709222400 }
  time_zone: "Asia/Shanghai"
  parameters { key: "variant" value: "closed" }
)pb";

constexpr char kWinRate[] = R"pb(
  measures {
    name: "win_rate"
    value { ratio: 0.6666666 fraction { count_numerator: 2 count_denominator: 3 } }
  }
  measures { name: "won_count" value { count: 2 } }
)pb";

TEST(RenderComputeResponseTest, PrintsTheHeaderAndAPlainResultAsMeasures) {
  const auto response = ParseTextProto<ComputeMetricResponse>(absl::StrCat(kPeriod, "result {", kWinRate, "}"));
  EXPECT_EQ(RenderComputeResponse(ComputeMetricRequest(), response),
            "win_rate  [2024-01-01T00:00:00+08:00, 2024-03-01T00:00:00+08:00) Asia/Shanghai"
            "  as of 2024-03-01T00:00:00+08:00\n"
            "definition: closed: won / closed\n"
            "parameters: variant=closed\n"
            "\n"
            "measure    value\n"
            "---------  ----------------\n"
            "win_rate   66.67 %  (2 / 3)\n"
            "won_count  2\n");
}

TEST(RenderComputeResponseTest, PrintsARowPerBucketAndGroup) {
  const auto request = ParseTextProto<ComputeMetricRequest>(R"pb(group_by: "team" granularity: GRANULARITY_MONTH)pb");
  const auto response = ParseTextProto<ComputeMetricResponse>(absl::StrCat(
      kPeriod, "result {", kWinRate, "}",                                       //
      "groups { key: \"t1\" result {", kWinRate, "} }",                         //
      "groups { result { measures { name: \"won_count\" value { count: 0 } } } }",  //
      "series { label: \"2024-01\" result {", kWinRate, "} groups { key: \"t1\" result {", kWinRate, "} } }"));
  const std::string text = RenderComputeResponse(request, response);
  EXPECT_THAT(text, HasSubstr("period   team            win_rate  won_count\n"
                              "-------  ------  ----------------  ---------\n"
                              "2024-01  t1      66.67 %  (2 / 3)          2\n"
                              "2024-01  (all)   66.67 %  (2 / 3)          2\n"
                              "total    t1      66.67 %  (2 / 3)          2\n"
                              "total    (none)                            0\n"
                              "total    (all)   66.67 %  (2 / 3)          2\n"));
}

TEST(RenderComputeResponseTest, PrintsTheRowsOfAView) {
  const auto response = ParseTextProto<ComputeMetricResponse>(absl::StrCat(kPeriod, R"pb(
    result {
      table {
        columns { name: "id" unit: UNIT_TEXT }
        columns { name: "amount" unit: UNIT_MONEY }
        rows {
          values { text: "opp-1" }
          values { money { currency_code: "CNY" minor_units: 1000000 } }
        }
        rows {
          values { text: "opp-22" }
          values { money { currency_code: "CNY" minor_units: 500 } }
        }
      }
    })pb"));
  EXPECT_THAT(RenderComputeResponse(ComputeMetricRequest(), response),
              HasSubstr("\nid             amount\n"
                        "------  -------------\n"
                        "opp-1   10,000.00 CNY\n"
                        "opp-22       5.00 CNY\n"));
}

}  // namespace
}  // namespace salesmetrics::cli
