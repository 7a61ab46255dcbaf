// A caller as its credential describes it: who it is, its tenant, and what
// it may call and see.
#ifndef SALESMETRICS_SERVER_ACCESS_CALLER_H_
#define SALESMETRICS_SERVER_ACCESS_CALLER_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace salesmetrics {

struct RowScope {
  std::string dimension;
  std::vector<std::string> values;
};

// The methods of AdminService start so.
inline constexpr absl::string_view kAdminServicePrefix = "salesmetrics.v1.AdminService/";

struct Caller {
  std::string name;
  std::string tenant;
  // "*" (every service but AdminService), "package.Service/*" or
  // "package.Service/Method".
  std::vector<std::string> allowed_rpcs;
  // Empty: every metric.
  absl::flat_hash_set<std::string> allowed_metrics;
  std::vector<RowScope> row_scopes;
  // When its credential stops being accepted.
  absl::Time expires = absl::InfiniteFuture();

  // Whether it may call `method` ("package.Service/Method").
  bool MayCall(absl::string_view method) const;
  bool MayCompute(absl::string_view metric_id) const;
  bool HasRowScopes() const { return !row_scopes.empty(); }
  // Whether it may see views that combine many metrics (dashboards,
  // alerts): not with row scopes, nor with a list of allowed metrics.
  bool MaySeeEveryMetric() const { return row_scopes.empty() && allowed_metrics.empty(); }
};

// The caller of a server without authentication (a loopback listener with
// no credentials file): everything, on the default tenant.
const Caller& AnonymousCaller();

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ACCESS_CALLER_H_
