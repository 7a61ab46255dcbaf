#include "server/alert_hub.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/util/log.h"
#include "core/util/proto_time.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

v1::WatchAlertsResponse Event(v1::WatchAlertsResponse::Change change, const v1::Alert& alert,
                              absl::Time evaluated_at) {
  v1::WatchAlertsResponse event;
  event.set_change(change);
  *event.mutable_alert() = alert;
  *event.mutable_evaluated_at() = ToProtoTimestamp(evaluated_at);
  return event;
}

}  // namespace

void AlertHub::Start() {
  thread_ = std::thread([this] { Run(); });
}

AlertHub::~AlertHub() { Stop(); }

void AlertHub::Stop() {
  Shutdown();
  if (thread_.joinable()) thread_.join();
}

void AlertHub::Shutdown() {
  absl::MutexLock lock(&mu_);
  if (stopping_) return;
  stopping_ = true;
  for (Subscriber* subscriber : subscribers_) subscriber->Close();
  subscribers_.clear();
}

bool AlertHub::Subscribe(Subscriber* subscriber, size_t max_subscribers) {
  absl::MutexLock lock(&mu_);
  if (stopping_) {
    subscriber->Close();
    return true;
  }
  if (subscribers_.size() >= max_subscribers) return false;
  subscribers_.insert(subscriber);
  if (!evaluated_) return true;  // the first evaluation will tell it everything
  std::vector<v1::WatchAlertsResponse> snapshot;
  for (const auto& [key, alert] : active_) {
    snapshot.push_back(Event(v1::WatchAlertsResponse::CHANGE_ACTIVE, alert, evaluated_at_));
  }
  if (!snapshot.empty()) subscriber->Send(snapshot);
  return true;
}

void AlertHub::Unsubscribe(Subscriber* subscriber) {
  absl::MutexLock lock(&mu_);
  subscribers_.erase(subscriber);
}

size_t AlertHub::subscriber_count() const {
  absl::MutexLock lock(&mu_);
  return subscribers_.size();
}

void AlertHub::Run() {
  for (;;) {
    const absl::Time now = absl::Now();
    absl::StatusOr<std::vector<v1::Alert>> alerts = evaluator_->Evaluate(now, now + max_evaluation_time_);
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    if (alerts.ok()) {
      Publish(*std::move(alerts), now);
    } else {
      LogWarning(absl::StrCat("alert evaluation failed; the active alerts stand: ", alerts.status().message()));
    }
    const auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), interval_)) return;
  }
}

void AlertHub::Publish(std::vector<v1::Alert> alerts, absl::Time evaluated_at) {
  std::map<std::string, v1::Alert> active;
  for (v1::Alert& alert : alerts) active[AlertKey(alert)] = std::move(alert);
  std::vector<v1::WatchAlertsResponse> events;
  for (const auto& [key, alert] : active) {
    const auto before = active_.find(key);
    if (before == active_.end()) {
      events.push_back(Event(v1::WatchAlertsResponse::CHANGE_ACTIVATED, alert, evaluated_at));
    } else if (before->second.severity() != alert.severity()) {
      events.push_back(Event(v1::WatchAlertsResponse::CHANGE_SEVERITY_CHANGED, alert, evaluated_at));
      events.back().set_previous_severity(before->second.severity());
    }
  }
  for (const auto& [key, alert] : active_) {
    if (active.count(key) == 0) events.push_back(Event(v1::WatchAlertsResponse::CHANGE_RESOLVED, alert, evaluated_at));
  }
  active_ = std::move(active);
  evaluated_ = true;
  evaluated_at_ = evaluated_at;
  if (events.empty()) return;
  for (Subscriber* subscriber : subscribers_) subscriber->Send(events);
}

}  // namespace salesmetrics
