// INVALID_ARGUMENT statuses that name the fields at fault, carrying a
// google.rpc.BadRequest payload that the gRPC layer turns into error
// details.
//
//   FieldErrors errors;
//   if (end <= start) errors.Add("period_end", "must be after period_start");
//   if (!errors.empty()) return errors.ToStatus();
#ifndef SALESMETRICS_CORE_UTIL_FIELD_ERRORS_H_
#define SALESMETRICS_CORE_UTIL_FIELD_ERRORS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace google::rpc {
class BadRequest;
}

namespace salesmetrics {

// The type URL under which the BadRequest payload is stored.
inline constexpr char kBadRequestTypeUrl[] = "type.googleapis.com/google.rpc.BadRequest";

class FieldErrors {
 public:
  // Violations beyond this many are counted, not listed.
  static constexpr size_t kMaxShownViolations = 10;

  void Add(std::string field, std::string description) {
    violations_.emplace_back(std::move(field), std::move(description));
  }
  bool empty() const { return violations_.empty(); }
  // INVALID_ARGUMENT with every violation in the message and the payload.
  absl::Status ToStatus() const;

 private:
  std::vector<std::pair<std::string, std::string>> violations_;
};

// InvalidArgument for a single field.
absl::Status InvalidField(std::string field, std::string description);

// The BadRequest payload of a status, if it has one.
std::optional<google::rpc::BadRequest> BadRequestOf(const absl::Status& status);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_UTIL_FIELD_ERRORS_H_
