// The gRPC AdminService: ReloadMetrics. Until authentication exists it is
// served only on a loopback listener (AdminListenAddress), and answers only
// peers on this machine.
#ifndef SALESMETRICS_SERVER_ADMIN_SERVICE_H_
#define SALESMETRICS_SERVER_ADMIN_SERVICE_H_

#include "salesmetrics/v1/admin.grpc.pb.h"
#include "server/reloader.h"
#include "server/unary_call.h"

namespace salesmetrics {

class AdminService final
    : public salesmetrics::v1::AdminService::WithRawCallbackMethod_ReloadMetrics<
          salesmetrics::v1::AdminService::Service> {
 public:
  AdminService(Reloader* reloader, UnaryCalls* calls) : reloader_(reloader), calls_(calls) {}

  grpc::ServerUnaryReactor* ReloadMetrics(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                          grpc::ByteBuffer* response) override;

 private:
  Reloader* reloader_;
  UnaryCalls* calls_;
};

// Whether a gRPC peer ("ipv4:127.0.0.1:5000", "ipv6:%5B::1%5D:5000",
// "unix:...") is on this machine.
bool IsLoopbackPeer(const std::string& peer);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ADMIN_SERVICE_H_
