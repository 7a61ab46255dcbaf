// The gRPC AlertService: EvaluateAlerts evaluates on demand; WatchAlerts
// streams the hub's events of the caller's tenant (callback API, so that a
// subscriber holds no thread while it waits).
#ifndef SALESMETRICS_SERVER_ALERT_SERVICE_H_
#define SALESMETRICS_SERVER_ALERT_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "salesmetrics/v1/alerts.grpc.pb.h"
#include "server/access/gate.h"
#include "server/unary_call.h"

namespace salesmetrics {

using RawAlertService = salesmetrics::v1::AlertService::WithRawCallbackMethod_EvaluateAlerts<
    salesmetrics::v1::AlertService::WithCallbackMethod_WatchAlerts<salesmetrics::v1::AlertService::Service>>;

// The most WatchAlerts streams at once per tenant, and the most events one
// stream may have waiting for its client: past either, the stream is
// refused or ended with RESOURCE_EXHAUSTED.
inline constexpr size_t kMaxAlertWatchers = 256;
inline constexpr size_t kMaxPendingAlertEvents = 10000;

class AlertStream;

class AlertService final : public RawAlertService {
 public:
  AlertService(const Gate* gate, UnaryCalls* calls);
  ~AlertService() override;

  grpc::ServerUnaryReactor* EvaluateAlerts(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;
  grpc::ServerWriteReactor<salesmetrics::v1::WatchAlertsResponse>* WatchAlerts(
      grpc::CallbackServerContext* context, const salesmetrics::v1::WatchAlertsRequest* request) override;

  // After a reload of the credentials or tenants: ends each stream whose
  // credential no longer admits it to the same caller and tenant. (A
  // credential's expiry ends its streams without a reload.)
  void RecheckStreams();

 private:
  friend class AlertStream;
  void Track(AlertStream* stream);
  void Untrack(AlertStream* stream);
  // The ender thread: ends each stream when its credential expires, and
  // cancels an ended stream whose client does not read its last event.
  void EndStreams();
  static constexpr absl::Duration kCheckInterval = absl::Seconds(10);

  const Gate* gate_;
  UnaryCalls* calls_;
  absl::Mutex mu_;
  absl::flat_hash_set<AlertStream*> streams_ ABSL_GUARDED_BY(mu_);
  bool woken_ ABSL_GUARDED_BY(mu_) = false;  // a stream came, or the service stops
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread ender_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ALERT_SERVICE_H_
