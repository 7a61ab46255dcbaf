// sales_briefing (销售简报): the headline of each of the eleven metrics for
// the period and the previous one, with absolute and relative change
// (kpis.md, "Dashboards").
//
// Five scans, run at once, serve all eleven headlines for both periods:
// closed opportunities (total sales, win rate, average sales per customer,
// sales cycle, lost deals, sales per rep), MQLs (MQL count and conversion),
// new customers with their payments (CAC, LTV), spend, and the reps
// employed.
#ifndef SALESMETRICS_CORE_DASHBOARDS_SALES_BRIEFING_H_
#define SALESMETRICS_CORE_DASHBOARDS_SALES_BRIEFING_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/dashboards/dashboard_context.h"
#include "salesmetrics/v1/dashboards.pb.h"

namespace salesmetrics {

absl::StatusOr<salesmetrics::v1::ComputeSalesBriefingResponse> ComputeSalesBriefing(
    const DashboardEnv& env, const salesmetrics::v1::ComputeSalesBriefingRequest& request, absl::Time now,
    absl::Time deadline);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DASHBOARDS_SALES_BRIEFING_H_
