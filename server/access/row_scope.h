// Row scopes: the filters a caller's credential always applies, so that a
// regional manager only ever sees their region.
#ifndef SALESMETRICS_SERVER_ACCESS_ROW_SCOPE_H_
#define SALESMETRICS_SERVER_ACCESS_ROW_SCOPE_H_

#include <google/protobuf/repeated_ptr_field.h>

#include "absl/status/status.h"
#include "salesmetrics/v1/metrics_service.pb.h"
#include "server/access/caller.h"

namespace salesmetrics {

// Adds a filter for each of `caller`'s row scopes (filters all hold
// together); PERMISSION_DENIED when a filter of the request on a scope's
// dimension asks for a value outside the scope.
absl::Status LimitToRowScopes(const Caller& caller,
                              google::protobuf::RepeatedPtrField<salesmetrics::v1::Filter>* filters);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ACCESS_ROW_SCOPE_H_
