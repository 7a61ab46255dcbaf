#include "server/access/reflection_guard.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"
#include "server/grpc_status.h"

namespace salesmetrics {
namespace {

using grpc::experimental::InterceptionHookPoints;

class ReflectionGuard final : public grpc::experimental::Interceptor {
 public:
  ReflectionGuard(const Gate* gate, grpc::experimental::ServerRpcInfo* info)
      : gate_(gate), info_(info), method_(absl::StripPrefix(absl::string_view(info->method()), "/")) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      const ClientMetadata* metadata = methods->GetRecvInitialMetadata();
      const absl::StatusOr<Admission> admission =
          gate_->Admit(PresentedBy(metadata ? *metadata : ClientMetadata(),
                                   info_->server_context()->auth_context().get()),
                       method_);
      refusal_ = admission.status();
    }
    if (!refusal_.ok() && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      const auto* description = static_cast<const google::protobuf::Message*>(methods->GetSendMessage());
      if (description != nullptr) {
        refused_reply_.reset(ErrorResponseLike(*description));
        methods->ModifySendMessage(refused_reply_.get());
      } else {
        info_->server_context()->TryCancel();  // never the description itself
      }
    }
    if (!refusal_.ok() && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      methods->ModifySendStatus(ToGrpcStatus(refusal_));
    }
    methods->Proceed();
  }

 private:
  // A ServerReflectionResponse holding only an error_response with the
  // refusal, built through reflection since gRPC installs no header for
  // the message.
  google::protobuf::Message* ErrorResponseLike(const google::protobuf::Message& response) const {
    google::protobuf::Message* reply = response.New();
    const google::protobuf::FieldDescriptor* error_field = reply->GetDescriptor()->FindFieldByName("error_response");
    if (error_field == nullptr) return reply;
    google::protobuf::Message* error = reply->GetReflection()->MutableMessage(reply, error_field);
    const google::protobuf::Descriptor* type = error->GetDescriptor();
    if (const auto* code = type->FindFieldByName("error_code")) {
      error->GetReflection()->SetInt32(error, code, static_cast<int>(refusal_.code()));
    }
    if (const auto* message = type->FindFieldByName("error_message")) {
      error->GetReflection()->SetString(error, message, std::string(refusal_.message()));
    }
    return reply;
  }

  const Gate* gate_;
  grpc::experimental::ServerRpcInfo* info_;
  const std::string method_;
  absl::Status refusal_ = absl::UnauthenticatedError("not admitted");
  std::unique_ptr<google::protobuf::Message> refused_reply_;
};

}  // namespace

grpc::experimental::Interceptor* ReflectionGuardFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  if (!absl::StartsWith(info->method(), "/grpc.reflection.")) return nullptr;
  return new ReflectionGuard(gate_, info);
}

}  // namespace salesmetrics
