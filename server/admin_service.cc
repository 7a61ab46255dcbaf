#include "server/admin_service.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "server/server_config.h"

namespace salesmetrics {


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
  if (absl::StartsWith(peer, "unix:")) return true;
  // "ipv4:HOST:PORT" or "ipv6:[HOST]:PORT", brackets percent-encoded by gRPC 1.51.
  std::string address(absl::StripPrefix(absl::StripPrefix(peer, "ipv4:"), "ipv6:"));
  address = absl::StrReplaceAll(address, {{"%5B", "["}, {"%5D", "]"}});
  return IsLoopbackAddress(address);
}

grpc::ServerUnaryReactor* AdminService::ReloadMetrics(grpc::CallbackServerContext* context,
                                                     const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return calls_->Serve<v1::ReloadMetricsRequest>(
      "salesmetrics.v1.AdminService/ReloadMetrics", context, request, response,
      [this](const v1::ReloadMetricsRequest&, UnaryCall& call) -> absl::StatusOr<v1::ReloadMetricsResponse> {
        if (!IsLoopbackPeer(call.peer)) {
          return absl::PermissionDeniedError("the admin service answers clients on this machine only");
        }
        absl::StatusOr<std::vector<SourceReport>> reports = reloader_->Reload(call.deadline);
        if (!reports.ok()) return reports.status();
        v1::ReloadMetricsResponse out;
        for (const SourceReport& report : *reports) {
          v1::ReloadedSource* source = out.add_sources();
          source->set_path(report.path);
          source->set_outcome(ToProto(report.outcome));
          source->set_error(std::string(report.error.message()));
          source->set_kept_previous(report.kept_previous);
          for (const std::string& id : report.metric_ids) source->add_metric_ids(id);
        }
        return out;
      });
}

}  // namespace salesmetrics
