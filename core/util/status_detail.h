// Statuses whose message is for the client and whose detail is for the
// server log only: which host a connection failed to, what SQL the database
// refused. The RPC layer logs the detail and never sends it.
//
//   return WithLogDetail(absl::UnavailableError("the database is unavailable"),
//                        absl::StrCat("cannot connect to ", url.redacted, ": ", e.what()));
#ifndef SALESMETRICS_CORE_UTIL_STATUS_DETAIL_H_
#define SALESMETRICS_CORE_UTIL_STATUS_DETAIL_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace salesmetrics {

absl::Status WithLogDetail(absl::Status status, absl::string_view detail);

// The detail of `status`, or "" when it has none.
std::string LogDetailOf(const absl::Status& status);

// `status` with `prefix` before its message, keeping its code, detail and
// other payloads.
absl::Status Prefixed(absl::string_view prefix, const absl::Status& status);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_UTIL_STATUS_DETAIL_H_
