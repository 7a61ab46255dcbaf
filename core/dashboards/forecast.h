// forecast (销售预测): won to date, the weighted and open pipeline expected
// to close in the period, the forecast and best case against the company
// target, and the pipeline coverage (kpis.md, "Dashboards"). Three scans
// run at once: won deals, open deals, targets.
#ifndef SALESMETRICS_CORE_DASHBOARDS_FORECAST_H_
#define SALESMETRICS_CORE_DASHBOARDS_FORECAST_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/dashboards/dashboard_context.h"
#include "salesmetrics/v1/dashboards.pb.h"

namespace salesmetrics {

absl::StatusOr<salesmetrics::v1::ComputeForecastResponse> ComputeForecast(
    const DashboardEnv& env, const salesmetrics::v1::ComputeForecastRequest& request, absl::Time now,
    absl::Time deadline);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DASHBOARDS_FORECAST_H_
