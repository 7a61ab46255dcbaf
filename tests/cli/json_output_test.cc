#include "clients/cli/json_output.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "salesmetrics/v1/alerts.pb.h"
#include "tests/cli/text_proto.h"

namespace salesmetrics::cli {
namespace {

TEST(FormatJsonTest, PrintsOneCompactLineOrIndentedLines) {
  const auto event = ParseTextProto<salesmetrics::v1::WatchAlertsResponse>(R"pb(
    change: CHANGE_ACTIVATED
    alert {
      rule: "stalled"
      values {
        name: "days"
        value { days: 30 }
      }
    }
  )pb");
  absl::StatusOr<std::string> line = FormatJson(event, JsonLayout::kOneLine);
  ASSERT_TRUE(line.ok()) << line.status();
  EXPECT_EQ(*line,
            R"({"change":"CHANGE_ACTIVATED","alert":{"rule":"stalled","values":[{"name":"days","value":{"days":30}}]}})"
            "\n");
  absl::StatusOr<std::string> indented = FormatJson(event, JsonLayout::kIndented);
  ASSERT_TRUE(indented.ok()) << indented.status();
  EXPECT_EQ(indented->front(), '{');
  EXPECT_EQ(indented->back(), '\n');
  EXPECT_GT(std::count(indented->begin(), indented->end(), '\n'), 5);
}

}  // namespace
}  // namespace salesmetrics::cli
