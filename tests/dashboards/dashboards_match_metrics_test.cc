// The dashboards compute the same definitions as the metrics: on the demo
// data, every figure a dashboard shares with a metric equals what
// ComputeMetric returns for the same period, exactly.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cmath>
#include <map>
#include <string>

#include "core/db/connection_pool.h"
#include "server/admin/demo_data.h"
#include "tests/dashboards/dashboard_test_env.h"

namespace salesmetrics::testing {
namespace {

// Inside the demo data's three years (2023-10-01 to 2026-10-01), after the
// periods below, so that MQLs converting and payments arriving after it
// are left out.
constexpr char kAsOf[] = "2025-06-30T00:00:00Z";
const char* const kZones[] = {"UTC", "Asia/Shanghai"};

// A period and the one the briefing compares it with, in local dates.
struct Comparison {
  const char* what;
  int fiscal_year_start_month;
  const char* start;
  const char* end;
  const char* previous_start;
  const char* previous_end;
};

const Comparison kComparisons[] = {
    {"a fiscal quarter (fiscal year from February)", 2, "2025-02-01", "2025-05-01", "2024-11-01", "2025-02-01"},
    {"a calendar month", 1, "2025-03-01", "2025-04-01", "2025-02-01", "2025-03-01"},
    {"45 days", 1, "2025-05-10", "2025-06-24", "2025-03-26", "2025-05-10"},
};

// The measure a briefing line reports: the metric's headline (kpis.md,
// sales_briefing).
std::string HeadlineMeasure(const std::string& metric) {
  if (metric == "sales_cycle_days") return "mean_days";
  if (metric == "sales_per_rep") return "average_won_per_rep";
  if (metric == "lost_reasons") return "lost_count";
  return metric;
}

// The same value: of one kind with equal fractions, and equal but for days
// (within 1e-9) and the reasons of absent values.
::testing::AssertionResult SameValue(const v1::Value& dashboard, const v1::Value& metric) {
  bool same = dashboard.kind_case() == metric.kind_case() &&
              dashboard.fraction().ShortDebugString() == metric.fraction().ShortDebugString();
  if (dashboard.kind_case() == v1::Value::kDays) {
    same = same && std::abs(dashboard.days() - metric.days()) <= 1e-9;
  } else if (dashboard.kind_case() != v1::Value::KIND_NOT_SET) {
    same = same && dashboard.ShortDebugString() == metric.ShortDebugString();
  }
  if (same) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "dashboard " << dashboard.ShortDebugString() << ", metric "
                                       << metric.ShortDebugString();
}

// The period a metric ran over.
v1::ResolvedPeriod PeriodOf(const v1::ComputeMetricResponse& response) {
  v1::ResolvedPeriod period;
  *period.mutable_start_time() = response.start_time();
  *period.mutable_end_time() = response.end_time();
  return period;
}

// The rows of a per-stage view by stage id, as column name -> value.
std::map<std::string, std::map<std::string, v1::Value>> RowsByStage(const v1::Table& table) {
  std::map<std::string, std::map<std::string, v1::Value>> rows;
  for (const v1::Row& row : table.rows()) {
    auto& cells = rows[row.values(0).text()];  // stage_id
    for (int i = 0; i < table.columns_size(); ++i) cells[table.columns(i).name()] = row.values(i);
  }
  return rows;
}

class DashboardsMatchMetricsTest : public DashboardTest {
 protected:
  void SetUp() override {
    DashboardTest::SetUp();
    auto session = OpenSession(*ParseDatabaseUrl(db_->url()), /*read_only=*/false);
    ASSERT_TRUE(session.ok()) << session.status();
    auto summary = GenerateDemoData(**session, GetParam(), {.seed = 7, .opportunities = 600});
    ASSERT_TRUE(summary.ok()) << summary.status();
  }

  // The metric over [start, end) in `zone`; fails the test on an error.
  v1::ComputeMetricResponse Metric(const std::string& metric, const std::string& start, const std::string& end,
                                   const std::string& zone, int fiscal_year_start_month) {
    auto r = Compute(
        Request(metric).Period(start, end).TimeZone(zone).FiscalYearStartMonth(fiscal_year_start_month).AsOf(kAsOf));
    EXPECT_TRUE(r.ok()) << metric << ": " << r.status();
    return r.value_or(v1::ComputeMetricResponse());
  }
};

TEST_P(DashboardsMatchMetricsTest, BriefingLinesAreTheMetricsHeadlines) {
  for (const Comparison& c : kComparisons) {
    for (const char* zone : kZones) {
      SCOPED_TRACE(std::string(c.what) + " in " + zone);
      auto briefing = SalesBriefing(
          Period(c.start, c.end).TimeZone(zone).FiscalYearStartMonth(c.fiscal_year_start_month).AsOf(kAsOf));
      ASSERT_TRUE(briefing.ok()) << briefing.status();
      ASSERT_EQ(briefing->lines_size(), 11);
      for (const v1::BriefingLine& line : briefing->lines()) {
        const std::string measure = HeadlineMeasure(line.metric());
        const auto current = Metric(line.metric(), c.start, c.end, zone, c.fiscal_year_start_month);
        const auto previous = Metric(line.metric(), c.previous_start, c.previous_end, zone, c.fiscal_year_start_month);
        EXPECT_TRUE(SameValue(line.current(), Measure(current.result(), measure))) << line.metric();
        EXPECT_TRUE(SameValue(line.previous(), Measure(previous.result(), measure))) << line.metric();
        // The metrics ran over the briefing's periods.
        EXPECT_EQ(Span(PeriodOf(current)), Span(briefing->period()));
        EXPECT_EQ(Span(PeriodOf(previous)), Span(briefing->previous_period()));
      }
      // The demo data gives every line a value: the comparisons are not of
      // absent values only.
      for (const v1::BriefingLine& line : briefing->lines()) EXPECT_FALSE(IsAbsent(line.current())) << line.metric();
    }
  }
}

TEST_P(DashboardsMatchMetricsTest, FunnelStagesAreStageConversionAndStageDwell) {
  const char* const kStart = "2025-01-01";
  const char* const kEnd = "2025-04-01";
  const char* const kZone = "Asia/Shanghai";
  auto funnel = Funnel(Period(kStart, kEnd).TimeZone(kZone).AsOf(kAsOf));
  ASSERT_TRUE(funnel.ok()) << funnel.status();
  const auto conversion = Metric("stage_conversion", kStart, kEnd, kZone, 1);
  const auto dwell = Metric("stage_dwell", kStart, kEnd, kZone, 1);
  EXPECT_EQ(funnel->cohort_count(), Measure(conversion.result(), "cohort_count").count());
  EXPECT_EQ(funnel->won_count(), Measure(conversion.result(), "won_count").count());
  EXPECT_GT(funnel->cohort_count(), 0);

  const auto reached = RowsByStage(conversion.result().table());
  const auto dwelled = RowsByStage(dwell.result().table());
  ASSERT_EQ(funnel->stages_size(), conversion.result().table().rows_size());
  for (const v1::FunnelStage& stage : funnel->stages()) {
    SCOPED_TRACE(stage.stage_id());
    ASSERT_TRUE(reached.contains(stage.stage_id()));
    ASSERT_TRUE(dwelled.contains(stage.stage_id()));
    const auto& conversion_row = reached.at(stage.stage_id());
    EXPECT_EQ(stage.reached_count(), conversion_row.at("reached_count").count());
    EXPECT_EQ(stage.next_stage(), conversion_row.at("next_stage").text());
    EXPECT_TRUE(SameValue(stage.conversion_to_next(), conversion_row.at("conversion_rate")));
    EXPECT_TRUE(SameValue(stage.mean_dwell_days(), dwelled.at(stage.stage_id()).at("mean_days")));
    EXPECT_FALSE(IsAbsent(stage.mean_dwell_days()));
  }
}

INSTANTIATE_BACKENDS(DashboardsMatchMetricsTest);

}  // namespace
}  // namespace salesmetrics::testing
