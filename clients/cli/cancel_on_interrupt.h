// Cancels a gRPC call on Ctrl-C, so that a long-lived stream ends cleanly:
//
//   grpc::ClientContext context;
//   CancelOnInterrupt cancel(context);
//   grpc::Status status = client.WatchAlerts(context, ...);
//   if (cancel.interrupted()) return 0;  // status is CANCELLED
//
// While it lives, SIGINT cancels `context`; a second SIGINT kills the
// process as usual, should the call not end. One instance at a time.
#ifndef SALESMETRICS_CLIENTS_CLI_CANCEL_ON_INTERRUPT_H_
#define SALESMETRICS_CLIENTS_CLI_CANCEL_ON_INTERRUPT_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <csignal>
#include <thread>

namespace salesmetrics::cli {

class CancelOnInterrupt {
 public:
  explicit CancelOnInterrupt(grpc::ClientContext& context);
  ~CancelOnInterrupt();
  CancelOnInterrupt(const CancelOnInterrupt&) = delete;
  CancelOnInterrupt& operator=(const CancelOnInterrupt&) = delete;

  // Whether SIGINT cancelled the call.
  bool interrupted() const { return interrupted_; }

 private:
  struct sigaction previous_action_ {};
  std::atomic<bool> interrupted_{false};
  std::atomic<bool> stopping_{false};
  std::thread canceller_;
};

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_CANCEL_ON_INTERRUPT_H_
