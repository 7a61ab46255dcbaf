// An AlertService client: EvaluateAlerts with a deadline, WatchAlerts
// without one (the stream lasts until the server ends it or the caller
// cancels its context).
#ifndef SALESMETRICS_CLIENTS_CLI_ALERTS_CLIENT_H_
#define SALESMETRICS_CLIENTS_CLI_ALERTS_CLIENT_H_

#include <functional>

#include "clients/cli/service_client.h"
#include "salesmetrics/v1/alerts.grpc.pb.h"

namespace salesmetrics::cli {

class AlertsClient : private ServiceClient<salesmetrics::v1::AlertService> {
 public:
  // EvaluateAlerts may take up to the connection's timeout.
  using ServiceClient::ServiceClient;

  grpc::Status EvaluateAlerts(const salesmetrics::v1::EvaluateAlertsRequest& request,
                              salesmetrics::v1::EvaluateAlertsResponse& response);

  // Calls `on_event` with each event as it arrives; `on_event` returns false
  // to stop (the call then ends CANCELLED). `context.TryCancel()` from
  // another thread ends the call too.
  using EventHandler = std::function<bool(const salesmetrics::v1::WatchAlertsResponse&)>;
  grpc::Status WatchAlerts(grpc::ClientContext& context, const EventHandler& on_event);
};

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_ALERTS_CLIENT_H_
