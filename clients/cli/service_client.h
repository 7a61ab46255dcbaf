// The base of the CLI's clients: a service's stub on the channel to the
// server, and its unary calls with a deadline.
//
//   class DashboardClient : private ServiceClient<v1::DashboardService> {
//    public:
//     using ServiceClient::ServiceClient;
//     ... return CallWithDeadline(&Stub::ComputeFunnel, request, response);
#ifndef SALESMETRICS_CLIENTS_CLI_SERVICE_CLIENT_H_
#define SALESMETRICS_CLIENTS_CLI_SERVICE_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <memory>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace salesmetrics::cli {

// The channel to the server (see channel.h), and how long each unary call
// on it may take.
struct ServerConnection {
  std::shared_ptr<grpc::Channel> channel;
  absl::Duration timeout;
};

template <typename Service>
class ServiceClient {
 public:
  using Stub = typename Service::Stub;

  explicit ServiceClient(const ServerConnection& server)
      : stub_(Service::NewStub(server.channel)), timeout_(server.timeout) {}

 protected:
  // Calls `method` of the stub; the call fails with DEADLINE_EXCEEDED after the timeout.
  template <typename Request, typename Response>
  grpc::Status CallWithDeadline(grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                                const Request& request, Response& response) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
    return ((*stub_).*method)(&context, request, &response);
  }

  Stub& stub() { return *stub_; }

 private:
  std::unique_ptr<Stub> stub_;
  absl::Duration timeout_;
};

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_SERVICE_CLIENT_H_
