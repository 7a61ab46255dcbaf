#include "server/alert_service.h"

#include <algorithm>
#include <deque>

#include "absl/strings/str_cat.h"
#include "core/util/field_errors.h"
#include "core/util/log.h"
#include "core/util/proto_time.h"
#include "server/rpc_outcome.h"

namespace salesmetrics {
namespace {

constexpr char kEvaluateAlerts[] = "salesmetrics.v1.AlertService/EvaluateAlerts";
constexpr char kWatchAlerts[] = "salesmetrics.v1.AlertService/WatchAlerts";

// Alerts are about the whole company, its teams and reps, and read many
// metrics.
absl::Status CheckCompanyWide(const Caller& caller) {
  if (caller.MaySeeEveryMetric()) return absl::OkStatus();
  return absl::PermissionDeniedError(
      "alerts are company-wide and read many metrics, and the caller may only see some rows or metrics");
}

absl::StatusOr<Admission> AdmitWatcher(const Gate& gate, const Presented& presented) {
  absl::StatusOr<Admission> admission = gate.Admit(presented, kWatchAlerts);
  if (!admission.ok()) return admission;
  if (absl::Status s = CheckCompanyWide(*admission->caller); !s.ok()) return s;
  return admission;
}

}  // namespace

// One WatchAlerts stream: queues its tenant hub's events and writes them
// one at a time. It deletes itself when gRPC is done with it.
class AlertStream final : public grpc::ServerWriteReactor<v1::WatchAlertsResponse>, public AlertHub::Subscriber {
 public:
  AlertStream(AlertService* service, grpc::CallbackServerContext* context) : service_(service), context_(context) {
    started_ = absl::Now();
    request_id_ = RequestIdOf(*context);
    context->AddInitialMetadata("x-request-id", request_id_);
    presented_ = PresentedBy(context->client_metadata(), context->auth_context().get());
    absl::StatusOr<Admission> admission = AdmitWatcher(*service_->gate_, presented_);
    if (!admission.ok()) {
      End(admission.status());
      return;
    }
    admission_ = *std::move(admission);
    // Not under mu_: a hub that is stopping closes the stream at once.
    if (!admission_.tenant->alert_hub().Subscribe(this, kMaxAlertWatchers)) {
      admission_.tenant.reset();
      End(absl::ResourceExhaustedError(absl::StrCat("the server has ", kMaxAlertWatchers,
                                                    " WatchAlerts streams open, its limit; retry with backoff")));
      return;
    }
    service_->Track(this);
    // A reload between the admission and Track did not see this stream.
    if (!StillAdmitted()) {
      End(absl::UnauthenticatedError("the stream's credential was revoked or changed; subscribe again"));
      return;
    }
    LogInfo(absl::StrCat("rpc=WatchAlerts subscribed caller=", admission_.caller->name, " tenant=",
                         admission_.caller->tenant, " request_id=", request_id_));
  }

  void Send(const std::vector<v1::WatchAlertsResponse>& events) override {
    absl::MutexLock lock(&mu_);
    if (finished_ || closing_) return;
    if (pending_.size() + events.size() > kMaxPendingAlertEvents) {
      // A client that stops reading gets no more events: the backlog is
      // dropped, and the stream ends once the event in flight is read (or
      // the client goes away).
      return EndLocked(absl::ResourceExhaustedError(absl::StrCat(
          "the client did not read its alert events; ", kMaxPendingAlertEvents, " were waiting")));
    }
    pending_.insert(pending_.end(), events.begin(), events.end());
    WriteNextLocked();
  }

  void Close() override { End(absl::OkStatus()); }

  // Ends the stream with `status` once the event in flight is written; an
  // error drops the events still waiting.
  void End(const absl::Status& status) {
    absl::MutexLock lock(&mu_);
    EndLocked(status);
  }

  // Ends the stream if its credential has expired, and cancels it if its
  // client has not read the last event kEndGrace after it was ended.
  // Returns when to look again.
  absl::Time Check(absl::Time now) {
    {
      absl::MutexLock lock(&mu_);
      if (finished_) return absl::InfiniteFuture();
      if (!closing_ && admission_.caller->expires <= now) {
        EndLocked(absl::UnauthenticatedError("the stream's credential expired; subscribe again"));
      }
      if (!closing_) return admission_.caller->expires;
      if (finished_) return absl::InfiniteFuture();
      if (now < ended_ + kEndGrace) return ended_ + kEndGrace;
    }
    // Not under mu_: gRPC may call OnCancel at once.
    context_->TryCancel();
    return absl::InfiniteFuture();
  }

  // Whether the credential it came with still admits it as it was.
  bool StillAdmitted() const {
    absl::StatusOr<Admission> now = AdmitWatcher(*service_->gate_, presented_);
    return now.ok() && now->caller->name == admission_.caller->name && now->tenant == admission_.tenant;
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    pending_.pop_front();
    if (!ok) return FinishLocked(absl::UnavailableError("the client went away"));
    if (!pending_.empty()) return WriteNextLocked();
    if (closing_) FinishLocked(end_status_);
  }

  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    if (writing_) return;  // the write fails, and OnWriteDone finishes
    FinishLocked(absl::CancelledError("the client cancelled the stream"));
  }

  void OnDone() override {
    if (admission_.tenant != nullptr) {
      service_->Untrack(this);
      admission_.tenant->alert_hub().Unsubscribe(this);
    }
    delete this;
  }

 private:
  void EndLocked(const absl::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (closing_) return;
    closing_ = true;
    ended_ = absl::Now();
    end_status_ = status;
    if (!status.ok()) pending_.erase(writing_ ? pending_.begin() + 1 : pending_.begin(), pending_.end());
    if (!writing_) FinishLocked(end_status_);
  }
  void WriteNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (writing_ || finished_ || pending_.empty()) return;
    writing_ = true;
    StartWrite(&pending_.front());
  }
  void FinishLocked(const absl::Status& status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    const Caller* caller = admission_.caller.get();
    Finish(FinishRpc({.rpc = "WatchAlerts",
                      .subject = "-",
                      .caller = caller ? absl::string_view(caller->name) : "-",
                      .tenant = caller ? absl::string_view(caller->tenant) : "-",
                      .request_id = request_id_,
                      .started = started_,
                      .audit = service_->gate_->authenticates()},
                     status));
  }

  // How long an ended stream waits for its client to read the event in
  // flight before it is cancelled.
  static constexpr absl::Duration kEndGrace = absl::Seconds(10);

  AlertService* service_;
  grpc::CallbackServerContext* context_;
  absl::Time started_;
  std::string request_id_;
  Presented presented_;
  Admission admission_;  // set before the stream subscribes, then constant
  absl::Mutex mu_;
  std::deque<v1::WatchAlertsResponse> pending_ ABSL_GUARDED_BY(mu_);  // front: being written
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time ended_ ABSL_GUARDED_BY(mu_);
  absl::Status end_status_ ABSL_GUARDED_BY(mu_);
};

grpc::ServerUnaryReactor* AlertService::EvaluateAlerts(grpc::CallbackServerContext* context,
                                                       const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return calls_->Serve<v1::EvaluateAlertsRequest>(
      kEvaluateAlerts, context, request, response,
      [](const v1::EvaluateAlertsRequest& r, UnaryCall& call) -> absl::StatusOr<v1::EvaluateAlertsResponse> {
        if (absl::Status s = CheckCompanyWide(*call.caller); !s.ok()) return s;
        absl::Time as_of = absl::FromUnixSeconds(absl::ToUnixSeconds(call.started));
        if (r.has_as_of()) {
          absl::StatusOr<absl::Time> requested = FromProtoTimestamp(r.as_of());
          if (!requested.ok()) return InvalidField("as_of", std::string(requested.status().message()));
          as_of = *requested;
        }
        absl::StatusOr<std::vector<v1::Alert>> alerts = call.tenant->alerts().Evaluate(as_of, call.deadline);
        if (!alerts.ok()) return alerts.status();
        v1::EvaluateAlertsResponse out;
        *out.mutable_as_of() = ToProtoTimestamp(as_of);
        for (v1::Alert& alert : *alerts) *out.add_alerts() = std::move(alert);
        return out;
      });
}

grpc::ServerWriteReactor<v1::WatchAlertsResponse>* AlertService::WatchAlerts(grpc::CallbackServerContext* context,
                                                                             const v1::WatchAlertsRequest*) {
  return new AlertStream(this, context);
}

AlertService::AlertService(const Gate* gate, UnaryCalls* calls)
    : gate_(gate), calls_(calls), ender_([this] { EndStreams(); }) {}

AlertService::~AlertService() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    woken_ = true;
  }
  ender_.join();
}

void AlertService::EndStreams() {
  absl::MutexLock lock(&mu_);
  while (!stopping_) {
    const absl::Time now = absl::Now();
    // A stream ended by its hub or a reload since the last look waits for
    // its client at most another kCheckInterval.
    absl::Time next = streams_.empty() ? absl::InfiniteFuture() : now + kCheckInterval;
    for (AlertStream* stream : streams_) next = std::min(next, stream->Check(now));
    woken_ = false;
    mu_.AwaitWithDeadline(absl::Condition(&woken_), next);
  }
}

void AlertService::RecheckStreams() {
  absl::MutexLock lock(&mu_);
  for (AlertStream* stream : streams_) {
    if (!stream->StillAdmitted()) {
      stream->End(absl::UnauthenticatedError("the stream's credential was revoked or changed; subscribe again"));
    }
  }
}

void AlertService::Track(AlertStream* stream) {
  absl::MutexLock lock(&mu_);
  streams_.insert(stream);
  woken_ = true;
}

void AlertService::Untrack(AlertStream* stream) {
  absl::MutexLock lock(&mu_);
  streams_.erase(stream);
}

}  // namespace salesmetrics
