// Computes metrics in-process against a TestDatabase, with the plugins the
// build produced, for fixture tests:
//
//   class WinRateTest : public MetricTest {};
//   TEST_P(WinRateTest, CountsClosedDeals) {
//     Load(kFixtureSql);
//     auto response = Compute(Request("win_rate").Period("2024-01-01", "2024-02-01"));
//     EXPECT_TRUE(IsRatio(Measure(response->result(), "win_rate"), 2, 3));
//   }
//   INSTANTIATE_BACKENDS(WinRateTest);
#ifndef SALESMETRICS_TESTS_SUPPORT_METRIC_TEST_ENV_H_
#define SALESMETRICS_TESTS_SUPPORT_METRIC_TEST_ENV_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/db/connection_pool.h"
#include "core/engine/metric_engine.h"
#include "core/plugin/metric_registry.h"
#include "salesmetrics/v1/metrics_service.pb.h"
#include "tests/support/test_database.h"

namespace salesmetrics::testing {

namespace v1 = ::salesmetrics::v1;

// The registry with every plugin of the build loaded (once per process).
const MetricRegistry& BuildPlugins();

// Builds a ComputeMetricRequest.
class Request {
 public:
  explicit Request(const std::string& metric) { request_.set_metric(metric); }
  Request& Period(const std::string& start, const std::string& end);
  Request& TimeZone(const std::string& zone);
  Request& AsOf(const std::string& rfc3339);
  Request& Granularity(v1::Granularity granularity);
  Request& FiscalYearStartMonth(int month);
  Request& Where(const std::string& dimension, std::vector<std::string> values);
  // A strict filter (Filter.strict), as a caller's row scope is.
  Request& WhereStrictly(const std::string& dimension, std::vector<std::string> values);
  Request& GroupBy(const std::string& dimension);
  Request& Param(const std::string& name, const std::string& value);
  operator const v1::ComputeMetricRequest&() const { return request_; }

 private:
  v1::ComputeMetricRequest request_;
};

// A fixture test run once per backend (see INSTANTIATE_BACKENDS).
class MetricTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  // Inserts fixture rows (statements separated by ';').
  void Load(const std::string& sql);
  absl::StatusOr<v1::ComputeMetricResponse> Compute(const v1::ComputeMetricRequest& request);

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<MetricEngine> engine_;
};

#define INSTANTIATE_BACKENDS(suite)                                                                \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                        \
                           ::testing::Values(::salesmetrics::Backend::kSqlite,                     \
                                             ::salesmetrics::Backend::kPostgres),                  \
                           [](const auto& info) { return ::salesmetrics::testing::BackendName(info.param); })

// --- Reading results

// The named measure of a result; fails the test and returns an empty value
// when absent.
v1::Value Measure(const v1::Result& result, const std::string& name);
// The group with this key (nullopt: the null key) of a list of groups.
const v1::Result& GroupResult(const google::protobuf::RepeatedPtrField<v1::Group>& groups,
                              const std::optional<std::string>& key);
// The keys of groups, in order ("(null)" for the null key).
std::vector<std::string> GroupKeys(const google::protobuf::RepeatedPtrField<v1::Group>& groups);

// Predicates for EXPECT_TRUE, e.g. EXPECT_TRUE(IsRatio(Measure(r, "win_rate"), 2, 3)).
::testing::AssertionResult IsCount(const v1::Value& value, int64_t expected);
::testing::AssertionResult IsMoney(const v1::Value& value, int64_t expected_minor_units);
// A ratio of counts numerator / denominator, with those operands.
::testing::AssertionResult IsRatio(const v1::Value& value, int64_t numerator, int64_t denominator);
// A ratio of money numerator / denominator, with those operands.
::testing::AssertionResult IsMoneyRatio(const v1::Value& value, int64_t numerator, int64_t denominator);
// Days within 1e-9 of expected.
::testing::AssertionResult IsDays(const v1::Value& value, double expected);
// A plain number within 1e-9 of expected.
::testing::AssertionResult IsNumber(const v1::Value& value, double expected);
::testing::AssertionResult IsText(const v1::Value& value, const std::string& expected);
// No value, with a reason.
::testing::AssertionResult IsAbsent(const v1::Value& value);

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_SUPPORT_METRIC_TEST_ENV_H_
