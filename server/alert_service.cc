#include "server/alert_service.h"

#include <deque>

#include "absl/strings/str_cat.h"
#include "core/util/field_errors.h"
#include "core/util/log.h"
#include "core/util/proto_time.h"
#include "server/grpc_status.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

// One WatchAlerts stream: queues the hub's events and writes them one at a
// time. It deletes itself when gRPC is done with it.
class AlertStream final : public grpc::ServerWriteReactor<v1::WatchAlertsResponse>, public AlertHub::Subscriber {
 public:
  explicit AlertStream(AlertHub* hub) : hub_(hub) {
    if (!hub_->Subscribe(this, kMaxAlertWatchers)) {
      LogWarning(absl::StrCat("rpc=WatchAlerts refused: ", kMaxAlertWatchers, " streams are open"));
      absl::MutexLock lock(&mu_);
      FinishLocked(ToGrpcStatus(absl::ResourceExhaustedError(absl::StrCat(
          "the server has ", kMaxAlertWatchers, " WatchAlerts streams open, its limit; retry with backoff"))));
      return;
    }
    LogInfo("rpc=WatchAlerts subscribed");
  }

  void Send(const std::vector<v1::WatchAlertsResponse>& events) override {
    absl::MutexLock lock(&mu_);
    if (finished_ || closing_) return;
    if (pending_.size() + events.size() > kMaxPendingAlertEvents) {
      // A client that stops reading gets no more events: the backlog is
      // dropped, and the stream ends once the event in flight is read (or
      // the client goes away).
      closing_ = true;
      // The front is being written (gRPC holds it) while writing_.
      pending_.erase(writing_ ? pending_.begin() + 1 : pending_.begin(), pending_.end());
      end_status_ = ToGrpcStatus(absl::ResourceExhaustedError(absl::StrCat(
          "the client did not read its alert events; ", kMaxPendingAlertEvents, " were waiting")));
      if (!writing_) FinishLocked(end_status_);
      return;
    }
    pending_.insert(pending_.end(), events.begin(), events.end());
    WriteNextLocked();
  }

  void Close() override {
    absl::MutexLock lock(&mu_);
    closing_ = true;
    if (!writing_) FinishLocked(end_status_);
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    pending_.pop_front();
    if (!ok) return FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the client went away"));
    if (!pending_.empty()) return WriteNextLocked();
    if (closing_) FinishLocked(end_status_);
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
  grpc::Status end_status_ ABSL_GUARDED_BY(mu_) = grpc::Status::OK;
};

}  // namespace

grpc::ServerUnaryReactor* AlertService::EvaluateAlerts(grpc::CallbackServerContext* context,
                                                       const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return calls_->Serve<v1::EvaluateAlertsRequest>(
      "EvaluateAlerts", context, request, response,
      [this](const v1::EvaluateAlertsRequest& r, UnaryCall& call) -> absl::StatusOr<v1::EvaluateAlertsResponse> {
        absl::Time as_of = absl::FromUnixSeconds(absl::ToUnixSeconds(call.started));
        if (r.has_as_of()) {
          absl::StatusOr<absl::Time> requested = FromProtoTimestamp(r.as_of());
          if (!requested.ok()) return InvalidField("as_of", std::string(requested.status().message()));
          as_of = *requested;
        }
        absl::StatusOr<std::vector<v1::Alert>> alerts = evaluator_->Evaluate(as_of, call.deadline);
        if (!alerts.ok()) return alerts.status();
        v1::EvaluateAlertsResponse out;
        *out.mutable_as_of() = ToProtoTimestamp(as_of);
        for (v1::Alert& alert : *alerts) *out.add_alerts() = std::move(alert);
        return out;
      });
}

grpc::ServerWriteReactor<v1::WatchAlertsResponse>* AlertService::WatchAlerts(grpc::CallbackServerContext*,
                                                                             const v1::WatchAlertsRequest*) {
  return new AlertStream(hub_);
}

}  // namespace salesmetrics
