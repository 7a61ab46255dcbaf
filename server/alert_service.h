// The gRPC AlertService: EvaluateAlerts evaluates on demand; WatchAlerts
// streams the hub's events (callback API, so that a subscriber holds no
// thread while it waits).
#ifndef SALESMETRICS_SERVER_ALERT_SERVICE_H_
#define SALESMETRICS_SERVER_ALERT_SERVICE_H_

#include "core/alerts/alert_evaluator.h"
#include "salesmetrics/v1/alerts.grpc.pb.h"
#include "server/alert_hub.h"
#include "server/unary_call.h"

namespace salesmetrics {

using RawAlertService = salesmetrics::v1::AlertService::WithRawCallbackMethod_EvaluateAlerts<
    salesmetrics::v1::AlertService::WithCallbackMethod_WatchAlerts<salesmetrics::v1::AlertService::Service>>;

// The most WatchAlerts streams at once, and the most events one stream may
// have waiting for its client: past either, the stream is refused or ended
// with RESOURCE_EXHAUSTED.
inline constexpr size_t kMaxAlertWatchers = 256;
inline constexpr size_t kMaxPendingAlertEvents = 10000;

class AlertService final : public RawAlertService {
 public:
  AlertService(const AlertEvaluator* evaluator, AlertHub* hub, UnaryCalls* calls)
      : evaluator_(evaluator), hub_(hub), calls_(calls) {}

  grpc::ServerUnaryReactor* EvaluateAlerts(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;
  grpc::ServerWriteReactor<salesmetrics::v1::WatchAlertsResponse>* WatchAlerts(
      grpc::CallbackServerContext* context, const salesmetrics::v1::WatchAlertsRequest* request) override;

 private:
  const AlertEvaluator* evaluator_;
  AlertHub* hub_;
  UnaryCalls* calls_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ALERT_SERVICE_H_
