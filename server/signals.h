// The server's signals, taken by a thread of their own from the moment the
// process starts:
//
//  - SIGHUP calls the reload handler (ignored until one is set);
//  - SIGINT or SIGTERM asks the server to stop (WaitForStop returns), or,
//    before it serves, ends the process at once: starting (a plugin's init)
//    may never end; a second one ends the process at once too.
#ifndef SALESMETRICS_SERVER_SIGNALS_H_
#define SALESMETRICS_SERVER_SIGNALS_H_

#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace salesmetrics {

class ServerSignals {
 public:
  // Blocks the signals in the calling thread and every thread it starts
  // later; call first thing in main, before any thread starts.
  static void Block();

  // Starts taking the signals.
  void Start();
  // From now on the server serves: SIGHUP calls `reload`, and a stop signal
  // is for WaitForStop.
  void Serving(std::function<void()> reload);
  // Waits for SIGINT or SIGTERM and returns it; SIGHUP reloads no more.
  int WaitForStop();

 private:
  void Run();

  absl::Mutex mu_;
  std::function<void()> reload_ ABSL_GUARDED_BY(mu_);
  bool serving_ ABSL_GUARDED_BY(mu_) = false;
  int stop_signal_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_SIGNALS_H_
