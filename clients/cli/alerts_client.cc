#include "clients/cli/alerts_client.h"

#include <memory>

namespace salesmetrics::cli {

namespace v1 = salesmetrics::v1;

grpc::Status AlertsClient::EvaluateAlerts(const v1::EvaluateAlertsRequest& request,
                                          v1::EvaluateAlertsResponse& response) {
  return CallWithDeadline(&Stub::EvaluateAlerts, request, response);
}

grpc::Status AlertsClient::WatchAlerts(grpc::ClientContext& context, const EventHandler& on_event) {
  std::unique_ptr<grpc::ClientReader<v1::WatchAlertsResponse>> reader =
      stub().WatchAlerts(&context, v1::WatchAlertsRequest());
  v1::WatchAlertsResponse event;
  bool wanted = true;
  // Reading on after TryCancel drains the stream, as Finish requires.
  while (reader->Read(&event)) {
    if (wanted && !on_event(event)) {
      wanted = false;
      context.TryCancel();
    }
  }
  return reader->Finish();
}

}  // namespace salesmetrics::cli
