#include "server/access/caller.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace salesmetrics {

bool Caller::MayCall(absl::string_view method) const {
  // Reloading the metrics acts on every tenant: it is granted by name.
  const bool admin = absl::StartsWith(method, kAdminServicePrefix);
  for (const std::string& allowed : allowed_rpcs) {
    if ((allowed == "*" && !admin) || allowed == method) return true;
    if (absl::EndsWith(allowed, "/*") && absl::StartsWith(method, allowed.substr(0, allowed.size() - 1))) return true;
  }
  return false;
}

bool Caller::MayCompute(absl::string_view metric_id) const {
  return allowed_metrics.empty() || allowed_metrics.contains(metric_id);
}

const Caller& AnonymousCaller() {
  static const Caller* const kAnonymous =
      new Caller{"anonymous", "default", {"*", std::string(kAdminServicePrefix) + "*"}, {}, {}};
  return *kAnonymous;
}

}  // namespace salesmetrics
