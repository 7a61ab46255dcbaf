#include "server/alert_service.h"

#include <deque>

#include "absl/time/clock.h"
#include "core/util/field_errors.h"
#include "core/util/log.h"
#include "core/util/proto_time.h"
#include "server/rpc_outcome.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

// One WatchAlerts stream: queues the hub's events and writes them one at a
// time. It deletes itself when gRPC is done with it.
class AlertStream final : public grpc::ServerWriteReactor<v1::WatchAlertsResponse>, public AlertHub::Subscriber {
 public:
  explicit AlertStream(AlertHub* hub) : hub_(hub) {
    LogInfo("rpc=WatchAlerts subscribed");
    hub_->Subscribe(this);
  }

  void Send(const std::vector<v1::WatchAlertsResponse>& events) override {
    absl::MutexLock lock(&mu_);
    if (finished_) return;
    pending_.insert(pending_.end(), events.begin(), events.end());
    WriteNextLocked();
  }

  void Close() override {
    absl::MutexLock lock(&mu_);
    closing_ = true;
    if (!writing_) FinishLocked(grpc::Status::OK);
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    pending_.pop_front();
    if (!ok) return FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the client went away"));
    if (!pending_.empty()) return WriteNextLocked();
    if (closing_) FinishLocked(grpc::Status::OK);
  }

  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    if (writing_) return;  // the write fails, and OnWriteDone finishes
    FinishLocked(grpc::Status::CANCELLED);
  }

  void OnDone() override {
    hub_->Unsubscribe(this);
    LogInfo("rpc=WatchAlerts unsubscribed");
    delete this;
  }

 private:
  void WriteNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (writing_ || finished_ || pending_.empty()) return;
    writing_ = true;
    StartWrite(&pending_.front());
  }
  void FinishLocked(const grpc::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  AlertHub* hub_;
  absl::Mutex mu_;
  std::deque<v1::WatchAlertsResponse> pending_ ABSL_GUARDED_BY(mu_);  // front: being written
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

grpc::Status AlertService::EvaluateAlerts(grpc::ServerContext* context, const v1::EvaluateAlertsRequest* request,
                                          v1::EvaluateAlertsResponse* response) {
  const absl::Time started = absl::Now();
  absl::Time as_of = absl::FromUnixSeconds(absl::ToUnixSeconds(started));
  if (request->has_as_of()) {
    as_of = absl::FromUnixSeconds(request->as_of().seconds()) + absl::Nanoseconds(request->as_of().nanos());
  }
  absl::StatusOr<std::vector<v1::Alert>> alerts =
      evaluator_->Evaluate(as_of, RequestDeadline(*context, max_request_time_));
  if (alerts.ok()) {
    *response->mutable_as_of() = ToProtoTimestamp(as_of);
    for (v1::Alert& alert : *alerts) *response->add_alerts() = std::move(alert);
  }
  return FinishRpc("EvaluateAlerts", "-", started, alerts.status());
}

grpc::ServerWriteReactor<v1::WatchAlertsResponse>* AlertService::WatchAlerts(grpc::CallbackServerContext*,
                                                                             const v1::WatchAlertsRequest*) {
  return new AlertStream(hub_);
}

}  // namespace salesmetrics
