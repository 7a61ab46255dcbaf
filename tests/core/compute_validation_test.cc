// Every field of ComputeMetricRequest is validated, and errors name it.
#include <gtest/gtest.h>

#include "core/util/field_errors.h"
#include "google/rpc/error_details.pb.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

class ComputeValidationTest : public MetricTest {
 protected:
  // The fields named by the BadRequest details of an INVALID_ARGUMENT.
  std::vector<std::string> BadFields(const v1::ComputeMetricRequest& request) {
    auto response = Compute(request);
    EXPECT_FALSE(response.ok());
    EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument) << response.status();
    std::vector<std::string> fields;
    if (auto bad_request = BadRequestOf(response.status())) {
      for (const auto& v : bad_request->field_violations()) fields.push_back(v.field());
    }
    return fields;
  }
};

using Fields = std::vector<std::string>;

TEST_P(ComputeValidationTest, UnknownMetricIsNotFound) {
  auto r = Compute(Request("no_such_metric").Period("2024-01-01", "2024-02-01"));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(r.status().message()).find("no_such_metric"), std::string::npos);
}

TEST_P(ComputeValidationTest, Period) {
  EXPECT_EQ(BadFields(Request("win_rate").Period("2024-02-01", "2024-01-01")), Fields{"period_end"});
  EXPECT_EQ(BadFields(Request("win_rate").Period("2024-02-01", "2024-02-01")), Fields{"period_end"});
  EXPECT_EQ(BadFields(Request("win_rate").Period("2024-13-01", "2024-14-01")), (Fields{"period_start", "period_end"}));
  EXPECT_EQ(BadFields(Request("win_rate")), (Fields{"period_start", "period_end"}));
}

TEST_P(ComputeValidationTest, TimeZoneAndCalendar) {
  EXPECT_EQ(BadFields(Request("win_rate").Period("2024-01-01", "2024-02-01").TimeZone("Mars/Olympus")),
            Fields{"time_zone"});
  EXPECT_EQ(BadFields(Request("win_rate").Period("2024-01-01", "2024-02-01").FiscalYearStartMonth(13)),
            Fields{"fiscal_year_start_month"});
  EXPECT_EQ(BadFields(Request("win_rate").Period("2000-01-01", "2024-02-01").Granularity(v1::GRANULARITY_DAY)),
            Fields{"granularity"});
}

TEST_P(ComputeValidationTest, DimensionsComeFromTheMetricsAllowList) {
  auto r = Compute(Request("win_rate").Period("2024-01-01", "2024-02-01").GroupBy("campaign"));
  ASSERT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  // The message names the field, the dimension and the allowed ones.
  EXPECT_NE(std::string(r.status().message()).find("group_by"), std::string::npos);
  EXPECT_NE(std::string(r.status().message()).find("campaign"), std::string::npos);
  EXPECT_NE(std::string(r.status().message()).find("competitor"), std::string::npos);
  EXPECT_EQ(BadFields(Request("win_rate").Period("2024-01-01", "2024-02-01").Where("region", {"east"}).Where("x';--", {"y"})),
            Fields{"filters[1].dimension"});
  EXPECT_EQ(BadFields(Request("win_rate").Period("2024-01-01", "2024-02-01").Where("region", {})),
            Fields{"filters[0].values"});
}

TEST_P(ComputeValidationTest, Parameters) {
  EXPECT_EQ(BadFields(Request("win_rate").Period("2024-01-01", "2024-02-01").Param("variant", "booked")),
            Fields{"parameters[variant]"});
  EXPECT_EQ(BadFields(Request("win_rate").Period("2024-01-01", "2024-02-01").Param("limit", "3")),
            Fields{"parameters[limit]"});
}

TEST_P(ComputeValidationTest, FilterValuesAreBoundNotSpliced) {
  // A value that would break out of a quoted literal is just a value that
  // matches nothing.
  auto r = Compute(
      Request("total_sales").Period("2024-01-01", "2024-02-01").Where("region", {"east' OR '1'='1"}));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(Measure(r->result(), "closed_count"), 0));
}

INSTANTIATE_BACKENDS(ComputeValidationTest);

}  // namespace
}  // namespace salesmetrics::testing
