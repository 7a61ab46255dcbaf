// The gRPC AdminService: ReloadMetrics. Until authentication exists it is
// served only on a loopback listener (AdminListenAddress), and answers only
// peers on this machine.
#ifndef SALESMETRICS_SERVER_ADMIN_SERVICE_H_
#define SALESMETRICS_SERVER_ADMIN_SERVICE_H_

#include "core/catalog/metric_catalog.h"
#include "salesmetrics/v1/admin.grpc.pb.h"

namespace salesmetrics {

class AdminService final : public salesmetrics::v1::AdminService::Service {
 public:
  explicit AdminService(MetricCatalog* catalog) : catalog_(catalog) {}

  grpc::Status ReloadMetrics(grpc::ServerContext* context, const salesmetrics::v1::ReloadMetricsRequest* request,
                             salesmetrics::v1::ReloadMetricsResponse* response) override;

 private:
  MetricCatalog* catalog_;
};

// Whether a gRPC peer ("ipv4:127.0.0.1:5000", "ipv6:%5B::1%5D:5000",
// "unix:...") is on this machine.
bool IsLoopbackPeer(const std::string& peer);

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ADMIN_SERVICE_H_
