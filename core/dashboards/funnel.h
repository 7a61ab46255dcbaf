// funnel (销售漏斗): per pipeline stage, in position order, the open
// pipeline, how far the period's new opportunities got, the time spent in
// the stage, and the deals lost there (kpis.md, "Dashboards"). Four scans
// run at once: open opportunities, the cohort (as stage_conversion), the
// stage history (as stage_dwell) and the lost deals.
#ifndef SALESMETRICS_CORE_DASHBOARDS_FUNNEL_H_
#define SALESMETRICS_CORE_DASHBOARDS_FUNNEL_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/dashboards/dashboard_context.h"
#include "salesmetrics/v1/dashboards.pb.h"

namespace salesmetrics {

absl::StatusOr<salesmetrics::v1::ComputeFunnelResponse> ComputeFunnel(
    const DashboardEnv& env, const salesmetrics::v1::ComputeFunnelRequest& request, absl::Time now,
    absl::Time deadline);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DASHBOARDS_FUNNEL_H_
