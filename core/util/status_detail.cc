#include "core/util/status_detail.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace salesmetrics {
namespace {

constexpr char kLogDetailTypeUrl[] = "salesmetrics.internal/log-detail";

}  // namespace

absl::Status WithLogDetail(absl::Status status, absl::string_view detail) {
  status.SetPayload(kLogDetailTypeUrl, absl::Cord(detail));
  return status;
}

std::string LogDetailOf(const absl::Status& status) {
  const auto payload = status.GetPayload(kLogDetailTypeUrl);
  return payload ? std::string(*payload) : std::string();
}

absl::Status Prefixed(absl::string_view prefix, const absl::Status& status) {
  if (status.ok()) return status;
  absl::Status out(status.code(), absl::StrCat(prefix, status.message()));
  status.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) { out.SetPayload(type_url, payload); });
  return out;
}

}  // namespace salesmetrics
