// The gRPC AlertService: EvaluateAlerts evaluates on demand; WatchAlerts
// streams the hub's events (callback API, so that a subscriber holds no
// thread while it waits).
#ifndef SALESMETRICS_SERVER_ALERT_SERVICE_H_
#define SALESMETRICS_SERVER_ALERT_SERVICE_H_

#include "absl/time/time.h"
#include "core/alerts/alert_evaluator.h"
#include "salesmetrics/v1/alerts.grpc.pb.h"
#include "server/alert_hub.h"

namespace salesmetrics {

class AlertService final
    : public salesmetrics::v1::AlertService::WithCallbackMethod_WatchAlerts<salesmetrics::v1::AlertService::Service> {
 public:
  AlertService(const AlertEvaluator* evaluator, AlertHub* hub, absl::Duration max_request_time)
      : evaluator_(evaluator), hub_(hub), max_request_time_(max_request_time) {}

  grpc::Status EvaluateAlerts(grpc::ServerContext* context, const salesmetrics::v1::EvaluateAlertsRequest* request,
                              salesmetrics::v1::EvaluateAlertsResponse* response) override;
  grpc::ServerWriteReactor<salesmetrics::v1::WatchAlertsResponse>* WatchAlerts(
      grpc::CallbackServerContext* context, const salesmetrics::v1::WatchAlertsRequest* request) override;

 private:
  const AlertEvaluator* evaluator_;
  AlertHub* hub_;
  absl::Duration max_request_time_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ALERT_SERVICE_H_
