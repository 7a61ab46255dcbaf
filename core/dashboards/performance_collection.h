// performance_collection (业绩完成和回款): per rep, per team and for the
// company: target, won amount, attainment, collections in the period and
// against the period's wins, and the collection rate (kpis.md,
// "Dashboards"). Four scans run at once: won deals with their payments,
// payments in the period, targets, and the reps and teams.
#ifndef SALESMETRICS_CORE_DASHBOARDS_PERFORMANCE_COLLECTION_H_
#define SALESMETRICS_CORE_DASHBOARDS_PERFORMANCE_COLLECTION_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/dashboards/dashboard_context.h"
#include "salesmetrics/v1/dashboards.pb.h"

namespace salesmetrics {

absl::StatusOr<salesmetrics::v1::ComputePerformanceCollectionResponse> ComputePerformanceCollection(
    const DashboardEnv& env, const salesmetrics::v1::ComputePerformanceCollectionRequest& request, absl::Time now,
    absl::Time deadline);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DASHBOARDS_PERFORMANCE_COLLECTION_H_
