// The limits on what one answer may hold.
#include "core/engine/result_collector.h"

#include <gtest/gtest.h>

#include "core/engine/request_limits.h"

namespace salesmetrics {
namespace {

salesmetrics::v1::Metric CountMetric() {
  salesmetrics::v1::Metric info;
  info.set_metric_id("test_count");
  auto* measure = info.add_measures();
  measure->set_name("n");
  measure->set_unit(salesmetrics::v1::UNIT_COUNT);
  auto* column = info.add_columns();
  column->set_name("n");
  column->set_unit(salesmetrics::v1::UNIT_COUNT);
  return info;
}

sm_value Count(int64_t n) {
  sm_value value{};
  value.unit = SM_UNIT_COUNT;
  value.integer = n;
  return value;
}

TEST(ResultCollectorTest, NoMoreCellsThanTheLimit) {
  const salesmetrics::v1::Metric info = CountMetric();
  ResultCollector results(info, "CNY");
  for (int i = 0; i < kMaxResultCells; ++i) {
    ASSERT_TRUE(results.EmitMeasure({0, true, std::to_string(i)}, "n", Count(i)).ok());
  }
  // Cells that exist take more values; a new one is refused.
  EXPECT_TRUE(results.EmitMeasure({0, true, "0"}, "n", Count(1)).ok());
  const absl::Status status = results.EmitMeasure({1, true, "x"}, "n", Count(1));
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(status.message().find("more than 20000 cells (buckets x groups)"), std::string::npos) << status;
}

TEST(ResultCollectorTest, NoMoreRowsThanTheLimit) {
  const salesmetrics::v1::Metric info = CountMetric();
  ResultCollector results(info, "CNY");
  const sm_value row[] = {Count(1)};
  for (int i = 0; i < kMaxResultRows; ++i) ASSERT_TRUE(results.EmitRow({0, false, std::nullopt}, row, 1).ok());
  const absl::Status status = results.EmitRow({0, false, std::nullopt}, row, 1);
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(status.message().find("more than 20000 rows"), std::string::npos) << status;
}

}  // namespace
}  // namespace salesmetrics
