#include "core/dashboards/concurrent_parts.h"

#include <exception>
#include <thread>

namespace salesmetrics {

absl::Status RunConcurrently(ConnectionPool& pool, absl::Time deadline, const std::vector<DashboardPart>& parts) {
  std::vector<absl::Status> statuses(parts.size());
  std::vector<std::thread> threads;
  threads.reserve(parts.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        absl::StatusOr<ConnectionPool::Lease> lease = pool.AcquireReader(deadline);
        statuses[i] = lease.ok() ? parts[i](*lease) : lease.status();
      } catch (const std::exception& e) {  // would terminate the server from this thread
        statuses[i] = absl::InternalError(e.what());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : statuses) {
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace salesmetrics
