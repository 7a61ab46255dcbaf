#include "server/access/gate.h"

#include <grpc/grpc_security_constants.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/util/status_detail.h"

namespace salesmetrics {
namespace {

constexpr absl::string_view kBearer = "bearer ";

}  // namespace

Presented PresentedBy(const ClientMetadata& metadata, const grpc::AuthContext* auth) {
  Presented presented;
  const auto authorization = metadata.find("authorization");
  if (authorization != metadata.end()) {
    presented.sent_authorization = true;
    const absl::string_view value(authorization->second.data(), authorization->second.size());
    if (value.size() > kBearer.size() && absl::StartsWithIgnoreCase(value, kBearer)) {
      presented.token = std::string(absl::StripAsciiWhitespace(value.substr(kBearer.size())));
    }
  }
  if (auth != nullptr && auth->IsPeerAuthenticated()) {
    for (const char* property : {GRPC_X509_CN_PROPERTY_NAME, GRPC_PEER_DNS_PROPERTY_NAME, GRPC_PEER_URI_PROPERTY_NAME}) {
      for (const grpc::string_ref& name : auth->FindPropertyValues(property)) {
        presented.certificate_names.emplace_back(name.data(), name.size());
      }
    }
  }
  return presented;
}

bool Gate::authenticates() const {
  absl::MutexLock lock(&mu_);
  return credentials_ != nullptr;
}

void Gate::SetCredentials(std::shared_ptr<const Credentials> credentials) {
  absl::MutexLock lock(&mu_);
  credentials_ = std::move(credentials);
}

absl::StatusOr<Admission> Gate::Admit(const Presented& presented, absl::string_view method) const {
  std::shared_ptr<const Credentials> credentials;
  {
    absl::MutexLock lock(&mu_);
    credentials = credentials_;
  }
  Admission admission;
  if (credentials == nullptr) {
    admission.caller = std::shared_ptr<const Caller>(&AnonymousCaller(), [](const Caller*) {});
  } else {
    absl::StatusOr<std::shared_ptr<const Caller>> caller = credentials->Authenticate(presented, absl::Now());
    if (!caller.ok()) return caller.status();
    admission.caller = *std::move(caller);
  }
  if (!admission.caller->MayCall(method)) {
    return WithLogDetail(absl::PermissionDeniedError(absl::StrCat("the caller may not call ", method)),
                         absl::StrCat("caller ", admission.caller->name, " of tenant ", admission.caller->tenant));
  }
  admission.tenant = tenants_->Find(admission.caller->tenant);
  if (admission.tenant == nullptr) {
    // Reloads keep credentials and tenants consistent; this is a reload
    // caught halfway.
    return WithLogDetail(absl::UnavailableError("try again"),
                         absl::StrCat("tenant ", admission.caller->tenant, " of caller ", admission.caller->name,
                                      " is not served"));
  }
  return admission;
}

absl::StatusOr<Admission> Gate::Admit(const grpc::ServerContextBase& context, absl::string_view method) const {
  return Admit(PresentedBy(context.client_metadata(), context.auth_context().get()), method);
}

}  // namespace salesmetrics
