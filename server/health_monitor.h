// Keeps a tenant's health truthful: probes its database every interval on
// a connection of its own, and after two failed probes in a row (or one at
// start) reports it down and puts the pool in an outage
// (ConnectionPool::SetOutage), for as long as it cannot be reached
// (PostgreSQL down, the SQLite file deleted); up as soon as a probe
// succeeds again. Each change is logged once.
//
// Before the first success counts, `admit` runs once on the reachable
// database (the role check): while it fails, the database counts as down.
#ifndef SALESMETRICS_SERVER_HEALTH_MONITOR_H_
#define SALESMETRICS_SERVER_HEALTH_MONITOR_H_

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/db/connection_pool.h"

namespace salesmetrics {

class HealthMonitor {
 public:
  // `report(serving)` hears each change; `name` names the database in the
  // log.
  HealthMonitor(ConnectionPool* pool, std::string name, absl::Duration interval,
                std::function<absl::Status()> admit, std::function<void(bool serving)> report);
  ~HealthMonitor() { Stop(); }
  HealthMonitor(const HealthMonitor&) = delete;
  HealthMonitor& operator=(const HealthMonitor&) = delete;

  // Probes once, sets the statuses, then keeps probing on a thread.
  void Start();
  void Stop();

 private:
  void ProbeAndReport();

  ConnectionPool* pool_;
  const std::string name_;
  const absl::Duration interval_;
  const std::function<absl::Status()> admit_;
  const std::function<void(bool)> report_;
  bool admitted_ = false;
  std::thread thread_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  static constexpr int kFailedProbesForOutage = 2;
  static constexpr absl::Duration kProbeTimeout = absl::Seconds(2);

  bool reported_ = false;
  bool serving_ = false;
  int failed_probes_ = 0;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_HEALTH_MONITOR_H_
