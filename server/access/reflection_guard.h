// Server reflection follows the same rules as the services: gRPC's
// reflection service does not know of our gate, so this interceptor
// admits each reflection stream there, and answers a caller who is not
// admitted with the gate's status instead of the descriptions (each
// response becomes an error response carrying that status, and so does
// the stream's end).
#ifndef SALESMETRICS_SERVER_ACCESS_REFLECTION_GUARD_H_
#define SALESMETRICS_SERVER_ACCESS_REFLECTION_GUARD_H_

#include <grpcpp/support/server_interceptor.h>

#include "server/access/gate.h"

namespace salesmetrics {

class ReflectionGuardFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit ReflectionGuardFactory(const Gate* gate) : gate_(gate) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;

 private:
  const Gate* gate_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ACCESS_REFLECTION_GUARD_H_
