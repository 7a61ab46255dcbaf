// The function table the server hands to plugins, and the per-request
// state behind the sm_request handle.
#ifndef SALESMETRICS_CORE_ENGINE_HOST_API_H_
#define SALESMETRICS_CORE_ENGINE_HOST_API_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "core/db/connection_pool.h"
#include "core/engine/additive_rows.h"
#include "core/engine/compute_plan.h"
#include "core/engine/result_collector.h"
#include "salesmetrics/plugin_abi.h"

namespace salesmetrics {

// The rows of the additive queries a grouped request ran grouped in its
// ungrouped pass, for its grouped pass to read again; keyed by the query,
// its column types and its parameters.
using AdditiveMemo = std::map<std::string, std::unique_ptr<AdditiveRows>>;

}  // namespace salesmetrics

// One pass of a metric computation, as the plugin's compute sees it.
struct sm_request {
  const salesmetrics::ComputePlan* plan;
  bool grouped;
  salesmetrics::ConnectionPool::Lease* lease;
  salesmetrics::ResultCollector* results;
  absl::Status failure;  // the first failure; the pass fails with it
  salesmetrics::AdditiveMemo* memo;  // shared by the passes of one computation
};

namespace salesmetrics {

// The host table; valid for the life of the process.
const sm_host_api* HostApi();

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_HOST_API_H_
