// Runs the parts of a dashboard at once, each on its own pooled connection
// in a read-only transaction. A part is one scan; parts run at the same time,
// so each writes only into results of its own.
//
//   ClosedDeals deals;
//   Spend spend;
//   absl::Status s = RunConcurrently(pool, deadline, {
//       [&](ConnectionPool::Lease& lease) { return ReadClosedDeals(lease, scope, deals); },
//       [&](ConnectionPool::Lease& lease) { return ReadSpend(lease, scope, spend); }});
#ifndef SALESMETRICS_CORE_DASHBOARDS_CONCURRENT_PARTS_H_
#define SALESMETRICS_CORE_DASHBOARDS_CONCURRENT_PARTS_H_

#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/db/connection_pool.h"

namespace salesmetrics {

using DashboardPart = std::function<absl::Status(ConnectionPool::Lease& lease)>;

// Runs every part, concurrently, and returns the first failure (in part
// order) or OK. Parts wait for a connection when the pool has fewer than
// them; all stop at `deadline`.
absl::Status RunConcurrently(ConnectionPool& pool, absl::Time deadline, const std::vector<DashboardPart>& parts);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DASHBOARDS_CONCURRENT_PARTS_H_
