// The server's gRPC health from its tenants' databases: the services are
// SERVING while at least one tenant's database can be used, since one
// company's database outage must not take the server away from the others
// (those of that tenant get UNAVAILABLE).
#ifndef SALESMETRICS_SERVER_TENANCY_HEALTH_BOARD_H_
#define SALESMETRICS_SERVER_TENANCY_HEALTH_BOARD_H_

#include <grpcpp/health_check_service_interface.h>

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace salesmetrics {

class HealthBoard {
 public:
  // `services`: the health service names that follow the databases ("" is
  // the whole server).
  explicit HealthBoard(std::vector<std::string> services) : services_(std::move(services)) {}

  // Publishes to `health` from now on (nullptr: nowhere).
  void Attach(grpc::HealthCheckServiceInterface* health);
  // Whether the database of `tenant` (one tenant as started: a tenant
  // replaced by a reload is another) can be used.
  void Report(const void* tenant, bool serving);
  void Forget(const void* tenant);

 private:
  void PublishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::vector<std::string> services_;
  absl::Mutex mu_;
  grpc::HealthCheckServiceInterface* health_ ABSL_GUARDED_BY(mu_) = nullptr;
  absl::flat_hash_map<const void*, bool> serving_ ABSL_GUARDED_BY(mu_);
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_TENANCY_HEALTH_BOARD_H_
