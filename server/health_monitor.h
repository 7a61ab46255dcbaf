// Keeps gRPC health checking truthful: probes the database every interval
// on a connection of its own, and after two failed probes in a row (or one
// at start) marks the services NOT_SERVING and the pool in an outage
// (ConnectionPool::SetOutage), for as long as it cannot be reached
// (PostgreSQL down, the SQLite file deleted); SERVING as soon as a probe
// succeeds again. Each change is logged once.
#ifndef SALESMETRICS_SERVER_HEALTH_MONITOR_H_
#define SALESMETRICS_SERVER_HEALTH_MONITOR_H_

#include <grpcpp/health_check_service_interface.h>

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
  // `services` are the health service names that follow the database; ""
  // (the whole server) is one of them.
  HealthMonitor(ConnectionPool* pool, grpc::HealthCheckServiceInterface* health, std::vector<std::string> services,
                absl::Duration interval);
  ~HealthMonitor() { Stop(); }
  HealthMonitor(const HealthMonitor&) = delete;
  HealthMonitor& operator=(const HealthMonitor&) = delete;

  // Probes once, sets the statuses, then keeps probing on a thread.
  void Start();
  void Stop();

 private:
  void ProbeAndReport();

  ConnectionPool* pool_;
  grpc::HealthCheckServiceInterface* health_;
  const std::vector<std::string> services_;
  const absl::Duration interval_;
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
