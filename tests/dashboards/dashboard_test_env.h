// Computes the dashboards in-process against a TestDatabase, on the same
// database and plugins as MetricTest's metrics:
//
//   class ForecastTest : public DashboardTest {};
//   TEST_P(ForecastTest, WonToDate) {
//     Load(kFixtureSql);
//     auto r = Forecast(Period("2024-01-01", "2024-04-01").AsOf("2024-03-15T00:00:00Z"));
//     EXPECT_TRUE(IsMoney(r->won_to_date(), 7000));
//   }
//   INSTANTIATE_BACKENDS(ForecastTest);
#ifndef SALESMETRICS_TESTS_DASHBOARDS_DASHBOARD_TEST_ENV_H_
#define SALESMETRICS_TESTS_DASHBOARDS_DASHBOARD_TEST_ENV_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "salesmetrics/v1/dashboards.pb.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {

// Builds the period of a dashboard request.
class Period {
 public:
  Period(const std::string& start, const std::string& end);
  Period& TimeZone(const std::string& zone);
  Period& AsOf(const std::string& rfc3339);
  Period& FiscalYearStartMonth(int month);
  operator const v1::DashboardPeriod&() const { return period_; }

 private:
  v1::DashboardPeriod period_;
};

// A filter on an opportunity dimension.
v1::Filter Filter(const std::string& dimension, std::vector<std::string> values);

// A fixture test run once per backend (INSTANTIATE_BACKENDS) that can
// compute dashboards as well as metrics.
class DashboardTest : public MetricTest {
 protected:
  absl::StatusOr<v1::ComputeSalesBriefingResponse> SalesBriefing(const v1::DashboardPeriod& period);
  absl::StatusOr<v1::ComputeFunnelResponse> Funnel(const v1::DashboardPeriod& period,
                                                   const std::vector<v1::Filter>& filters = {});
  absl::StatusOr<v1::ComputeForecastResponse> Forecast(const v1::DashboardPeriod& period);
  absl::StatusOr<v1::ComputePerformanceCollectionResponse> PerformanceCollection(const v1::DashboardPeriod& period);
};

// "start..end" of a resolved period, in RFC 3339 UTC, for EXPECT_EQ.
std::string Span(const v1::ResolvedPeriod& period);

// A ratio within 1e-12 of expected that carries no fraction: one computed
// from non-integer operands (a change of a ratio or of days, a share of a
// target that is not a whole number of minor units).
::testing::AssertionResult IsInexactRatio(const v1::Value& value, double expected);

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_DASHBOARDS_DASHBOARD_TEST_ENV_H_
