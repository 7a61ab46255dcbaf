#include "server/access/row_scope.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/util/quote.h"

namespace salesmetrics {

absl::Status LimitToRowScopes(const Caller& caller,
                              google::protobuf::RepeatedPtrField<salesmetrics::v1::Filter>* filters) {
  for (const RowScope& scope : caller.row_scopes) {
    for (int i = 0; i < filters->size(); ++i) {
      const salesmetrics::v1::Filter& filter = filters->Get(i);
      if (filter.dimension() != scope.dimension) continue;
      for (const std::string& value : filter.values()) {
        if (std::find(scope.values.begin(), scope.values.end(), value) == scope.values.end()) {
          return absl::PermissionDeniedError(absl::StrCat("filters[", i, "]: ", Quote(value),
                                                          " lies outside the caller's ", scope.dimension, " scope"));
        }
      }
    }
    salesmetrics::v1::Filter* added = filters->Add();
    added->set_dimension(scope.dimension);
    added->set_strict(true);
    added->mutable_values()->Add(scope.values.begin(), scope.values.end());
  }
  return absl::OkStatus();
}

}  // namespace salesmetrics
