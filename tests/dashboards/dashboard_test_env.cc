#include "tests/dashboards/dashboard_test_env.h"

#include <cmath>

#include "absl/time/clock.h"
#include "core/dashboards/forecast.h"
#include "core/dashboards/funnel.h"
#include "core/dashboards/performance_collection.h"
#include "core/dashboards/sales_briefing.h"
#include "core/time/civil_time.h"

namespace salesmetrics::testing {

Period::Period(const std::string& start, const std::string& end) {
  period_.set_period_start(start);
  period_.set_period_end(end);
}

Period& Period::TimeZone(const std::string& zone) {
  period_.set_time_zone(zone);
  return *this;
}

Period& Period::AsOf(const std::string& rfc3339) {
  const absl::StatusOr<absl::Time> t = ParseInstant(rfc3339);
  if (!t.ok()) ADD_FAILURE() << t.status();
  period_.mutable_as_of()->set_seconds(absl::ToUnixSeconds(*t));
  return *this;
}

Period& Period::FiscalYearStartMonth(int month) {
  period_.set_fiscal_year_start_month(month);
  return *this;
}

v1::Filter Filter(const std::string& dimension, std::vector<std::string> values) {
  v1::Filter filter;
  filter.set_dimension(dimension);
  for (auto& v : values) filter.add_values(std::move(v));
  return filter;
}

namespace {

// A dashboard's Compute function called as the server calls it.
template <typename Compute, typename Request>
auto ComputeDashboard(ConnectionPool* pool, Compute compute, const Request& request) {
  const DashboardEnv env{pool, &BuildPlugins(), "CNY"};
  const absl::Time now = absl::Now();
  return compute(env, request, now, now + absl::Seconds(60));
}

}  // namespace

absl::StatusOr<v1::ComputeSalesBriefingResponse> DashboardTest::SalesBriefing(const v1::DashboardPeriod& period) {
  v1::ComputeSalesBriefingRequest request;
  *request.mutable_period() = period;
  return ComputeDashboard(pool_.get(), &ComputeSalesBriefing, request);
}

absl::StatusOr<v1::ComputeFunnelResponse> DashboardTest::Funnel(const v1::DashboardPeriod& period,
                                                                const std::vector<v1::Filter>& filters) {
  v1::ComputeFunnelRequest request;
  *request.mutable_period() = period;
  for (const v1::Filter& f : filters) *request.add_filters() = f;
  return ComputeDashboard(pool_.get(), &ComputeFunnel, request);
}

absl::StatusOr<v1::ComputeForecastResponse> DashboardTest::Forecast(const v1::DashboardPeriod& period) {
  v1::ComputeForecastRequest request;
  *request.mutable_period() = period;
  return ComputeDashboard(pool_.get(), &ComputeForecast, request);
}

absl::StatusOr<v1::ComputePerformanceCollectionResponse> DashboardTest::PerformanceCollection(
    const v1::DashboardPeriod& period) {
  v1::ComputePerformanceCollectionRequest request;
  *request.mutable_period() = period;
  return ComputeDashboard(pool_.get(), &ComputePerformanceCollection, request);
}

std::string Span(const v1::ResolvedPeriod& period) {
  const auto format = [](const google::protobuf::Timestamp& t) {
    return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(t.seconds()), absl::UTCTimeZone());
  };
  return format(period.start_time()) + ".." + format(period.end_time());
}

::testing::AssertionResult IsInexactRatio(const v1::Value& value, double expected) {
  if (value.kind_case() != v1::Value::kRatio || std::abs(value.ratio() - expected) > 1e-12 || value.has_fraction()) {
    return ::testing::AssertionFailure() << "expected the ratio " << expected << " without a fraction, got "
                                         << value.ShortDebugString();
  }
  return ::testing::AssertionSuccess();
}

}  // namespace salesmetrics::testing
