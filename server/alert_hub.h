// One evaluation of the alert rules on a schedule, shared by every
// WatchAlerts subscriber: each gets the active alerts when it subscribes,
// then what became active, changed severity or resolved after each
// evaluation.
#ifndef SALESMETRICS_SERVER_ALERT_HUB_H_
#define SALESMETRICS_SERVER_ALERT_HUB_H_

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/alerts/alert_evaluator.h"
#include "salesmetrics/v1/alerts.pb.h"

namespace salesmetrics {

class AlertHub {
 public:
  // Receives a subscription's events. Called with the hub's lock held: it
  // must not block and must not call back into the hub.
  class Subscriber {
   public:
    virtual ~Subscriber() = default;
    virtual void Send(const std::vector<salesmetrics::v1::WatchAlertsResponse>& events) = 0;
    // The hub is shutting down: end the subscription.
    virtual void Close() = 0;
  };

  // An evaluation may take `max_evaluation_time`, and no more than the
  // interval.
  AlertHub(const AlertEvaluator* evaluator, absl::Duration interval, absl::Duration max_evaluation_time)
      : evaluator_(evaluator), interval_(interval), max_evaluation_time_(std::min(interval, max_evaluation_time)) {}
  // Waits for an evaluation in progress.
  ~AlertHub();

  // Starts evaluating: now, then every interval.
  void Start();
  // Stops evaluating and closes every subscription, without waiting for an
  // evaluation in progress.
  void Shutdown();
  // Shutdown, then waits for an evaluation in progress.
  void Stop();

  // Adds `subscriber` unless `max_subscribers` are subscribed already.
  bool Subscribe(Subscriber* subscriber, size_t max_subscribers);
  void Unsubscribe(Subscriber* subscriber);
  size_t subscriber_count() const;

 private:
  void Run();
  // Replaces the active alerts, telling subscribers what changed.
  void Publish(std::vector<salesmetrics::v1::Alert> alerts, absl::Time evaluated_at)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const AlertEvaluator* evaluator_;
  const absl::Duration interval_;
  const absl::Duration max_evaluation_time_;
  std::thread thread_;
  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool evaluated_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time evaluated_at_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, salesmetrics::v1::Alert> active_ ABSL_GUARDED_BY(mu_);  // by AlertKey
  std::set<Subscriber*> subscribers_ ABSL_GUARDED_BY(mu_);
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ALERT_HUB_H_
