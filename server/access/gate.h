// Who may call what: every call, unary or streaming, and server reflection,
// is admitted here before any work, as its caller (from the credential it
// presents) on its caller's tenant.
//
//   UNAUTHENTICATED: no credential, or one that is unknown, revoked or
//                    expired (the same message for all);
//   PERMISSION_DENIED: the caller may not call this RPC.
//
// Without credentials (a loopback listener, no --credentials_file) every
// call is the anonymous caller's, on tenant "default".
#ifndef SALESMETRICS_SERVER_ACCESS_GATE_H_
#define SALESMETRICS_SERVER_ACCESS_GATE_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/access/caller.h"
#include "server/access/credentials.h"
#include "server/tenancy/tenant_directory.h"

namespace salesmetrics {

using ClientMetadata = std::multimap<grpc::string_ref, grpc::string_ref>;

// The credential a call presents: its bearer token and the names of its
// verified client certificate.
Presented PresentedBy(const ClientMetadata& metadata, const grpc::AuthContext* auth);

struct Admission {
  std::shared_ptr<const Caller> caller;
  std::shared_ptr<Tenant> tenant;
};

class Gate {
 public:
  // `credentials` nullptr: no authentication.
  Gate(const TenantDirectory* tenants, std::shared_ptr<const Credentials> credentials)
      : tenants_(tenants), credentials_(std::move(credentials)) {}

  bool authenticates() const;
  // From now on (a reload); the tenants must already serve its callers.
  void SetCredentials(std::shared_ptr<const Credentials> credentials);

  // `method` is "package.Service/Method".
  absl::StatusOr<Admission> Admit(const Presented& presented, absl::string_view method) const;
  absl::StatusOr<Admission> Admit(const grpc::ServerContextBase& context, absl::string_view method) const;

 private:
  const TenantDirectory* tenants_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const Credentials> credentials_ ABSL_GUARDED_BY(mu_);
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ACCESS_GATE_H_
