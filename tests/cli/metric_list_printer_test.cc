#include "clients/cli/metric_list_printer.h"

#include <gtest/gtest.h>

#include "tests/cli/text_proto.h"

namespace salesmetrics::cli {
namespace {

TEST(RenderMetricListTest, PrintsARowPerMetric) {
  const auto response = ParseTextProto<salesmetrics::v1::ListMetricsResponse>(R"pb(
    metrics {
      metric_id: "win_rate"
      display_name: "Win rate"
      unit: UNIT_RATIO
      kind: METRIC_KIND_METRIC
      group_by_dimensions: [ "rep", "team" ]
      parameters { name: "variant" default_value: "closed" }
    }
    metrics {
      metric_id: "top_opportunities"
      display_name: "Top opportunities"
      kind: METRIC_KIND_VIEW
      parameters { name: "limit" default_value: "10" }
      parameters { name: "stage" }
    }
  )pb");
  EXPECT_EQ(RenderMetricList(response),
            "id                 kind    unit         name               group by  parameters\n"
            "-----------------  ------  -----------  -----------------  --------  --------------\n"
            "win_rate           metric  ratio        Win rate           rep,team  variant=closed\n"
            "top_opportunities  view    unspecified  Top opportunities            limit=10 stage\n");
}

}  // namespace
}  // namespace salesmetrics::cli
