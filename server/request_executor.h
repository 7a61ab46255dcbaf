// The threads that run the server's requests: a fixed number of them and a
// bounded queue, so that a burst of requests waits its turn or is refused
// at once (RESOURCE_EXHAUSTED) instead of growing threads and memory
// without bound, and no request blocks gRPC's own threads.
#ifndef SALESMETRICS_SERVER_REQUEST_EXECUTOR_H_
#define SALESMETRICS_SERVER_REQUEST_EXECUTOR_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace salesmetrics {

class RequestExecutor {
 public:
  RequestExecutor(int threads, int max_queued);
  // Runs what is queued, then joins the threads.
  ~RequestExecutor();
  RequestExecutor(const RequestExecutor&) = delete;
  RequestExecutor& operator=(const RequestExecutor&) = delete;

  // Queues `work`; false, without queueing it, when max_queued works wait.
  bool TrySubmit(std::function<void()> work);

  int threads() const { return static_cast<int>(threads_.size()); }
  int max_queued() const { return max_queued_; }

 private:
  void Run();

  const int max_queued_;
  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_REQUEST_EXECUTOR_H_
