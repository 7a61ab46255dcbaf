#include "core/util/field_errors.h"

#include <algorithm>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"

namespace salesmetrics {

absl::Status FieldErrors::ToStatus() const {
  google::rpc::BadRequest bad_request;
  std::string message;
  // A few violations tell the caller what to fix; all of them could
  // outgrow the response's metadata.
  const size_t shown = std::min(violations_.size(), kMaxShownViolations);
  for (size_t i = 0; i < shown; ++i) {
    const auto& [field, description] = violations_[i];
    auto* violation = bad_request.add_field_violations();
    violation->set_field(field);
    violation->set_description(description);
    absl::StrAppend(&message, message.empty() ? "" : "; ", field, ": ", description);
  }
  if (shown < violations_.size()) absl::StrAppend(&message, "; and ", violations_.size() - shown, " more");
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(bad_request.SerializeAsString()));
  return status;
}

absl::Status InvalidField(std::string field, std::string description) {
  FieldErrors errors;
  errors.Add(std::move(field), std::move(description));
  return errors.ToStatus();
}

std::optional<google::rpc::BadRequest> BadRequestOf(const absl::Status& status) {
  const auto payload = status.GetPayload(kBadRequestTypeUrl);
  if (!payload) return std::nullopt;
  google::rpc::BadRequest bad_request;
  if (!bad_request.ParseFromString(std::string(*payload))) return std::nullopt;
  return bad_request;
}

}  // namespace salesmetrics
