#include "server/admin_service.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/rpc_outcome.h"

namespace salesmetrics {

namespace v1 = salesmetrics::v1;

namespace {

v1::ReloadedSource::Outcome ToProto(SourceReport::Outcome outcome) {
  switch (outcome) {
    case SourceReport::Outcome::kLoaded:
      return v1::ReloadedSource::OUTCOME_LOADED;
    case SourceReport::Outcome::kUnchanged:
      return v1::ReloadedSource::OUTCOME_UNCHANGED;
    case SourceReport::Outcome::kRemoved:
      return v1::ReloadedSource::OUTCOME_REMOVED;
    case SourceReport::Outcome::kRefused:
      return v1::ReloadedSource::OUTCOME_REFUSED;
  }
  return v1::ReloadedSource::OUTCOME_UNSPECIFIED;
}

}  // namespace

bool IsLoopbackPeer(const std::string& peer) {
  // gRPC 1.51 percent-encodes the brackets of IPv6 peers.
  return absl::StartsWith(peer, "ipv4:127.") || absl::StartsWith(peer, "ipv6:[::1]") ||
         absl::StartsWith(peer, "ipv6:%5B::1%5D") || absl::StartsWith(peer, "unix:");
}

grpc::Status AdminService::ReloadMetrics(grpc::ServerContext* context, const v1::ReloadMetricsRequest*,
                                         v1::ReloadMetricsResponse* response) {
  const absl::Time started = absl::Now();
  if (!IsLoopbackPeer(context->peer())) {
    return FinishRpc("ReloadMetrics", "-", started,
                     absl::PermissionDeniedError(absl::StrCat(
                         "the admin service answers loopback clients only; ", context->peer(), " is not one")));
  }
  absl::StatusOr<std::vector<SourceReport>> reports = catalog_->Reload();
  if (reports.ok()) {
    for (const SourceReport& report : *reports) {
      v1::ReloadedSource* source = response->add_sources();
      source->set_path(report.path);
      source->set_outcome(ToProto(report.outcome));
      source->set_error(std::string(report.error.message()));
      source->set_kept_previous(report.kept_previous);
      for (const std::string& id : report.metric_ids) source->add_metric_ids(id);
    }
  }
  return FinishRpc("ReloadMetrics", "-", started, reports.status());
}

}  // namespace salesmetrics
