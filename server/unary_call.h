// How every unary RPC of the server runs, so that each gets the same
// treatment by construction:
//
//  1. its caller is admitted by the Gate (authenticated, allowed this RPC,
//     given its tenant), or refused with UNAUTHENTICATED or
//     PERMISSION_DENIED before any work;
//  2. it is queued on the RequestExecutor, or refused with
//     RESOURCE_EXHAUSTED when the queue is full;
//  3. its deadline is the client's, capped at max_request_time; a call
//     whose deadline passes, or whose client cancels, while it waits is not
//     started;
//  4. its request is decoded by DecodeRequest (UTF-8, lengths, counts and
//     times checked for every field); a call that may be answered from the
//     result cache is first tried at once, on gRPC's thread, with
//     UnaryCall::cached_only set, and queued only when it needs computing;
//  5. the handler runs; an exception it lets escape fails the call, not the
//     server;
//  6. a response over kMaxResponseBytes is refused with RESOURCE_EXHAUSTED;
//  7. it is logged (the audit line) and answered through FinishRpc, with its
//     request id in the `x-request-id` response metadata.
//
// Services use the generated raw callback methods, which hand over the
// request's bytes:
//
//   grpc::ServerUnaryReactor* ComputeMetric(grpc::CallbackServerContext* context,
//                                           const grpc::ByteBuffer* request, grpc::ByteBuffer* response) override {
//     return calls_->Serve<v1::ComputeMetricRequest>(kComputeMetric, context, request, response,
//         [](const v1::ComputeMetricRequest& r, UnaryCall& call) {
//           return call.tenant->engine().Compute(r, call.deadline);
//         });
//   }
#ifndef SALESMETRICS_SERVER_UNARY_CALL_H_
#define SALESMETRICS_SERVER_UNARY_CALL_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/access/gate.h"
#include "server/request_decoder.h"
#include "server/request_executor.h"

namespace salesmetrics {

// Serializes a response into `out`; RESOURCE_EXHAUSTED, naming the limit,
// past kMaxResponseBytes.
absl::Status EncodeResponse(const google::protobuf::Message& response, grpc::ByteBuffer& out);

// What a handler knows of its call.
struct UnaryCall {
  absl::Time started;
  absl::Time deadline;
  std::string peer;
  // What the log line names as the call's subject (a metric id).
  std::string subject = "-";
  // Never null.
  std::shared_ptr<const Caller> caller;
  // Null only in a plugin worker, which serves one database and no gate.
  std::shared_ptr<Tenant> tenant;
  std::string request_id;
  // Set while the call is tried before it is queued: its handler may only
  // answer from the result cache, and sets needs_computing when it cannot.
  bool cached_only = false;
  bool needs_computing = false;
};

class UnaryCalls {
 public:
  // `gate` nullptr: every call is the anonymous caller's, with no tenant
  // (a plugin worker). `deadline_reserve` ends each call that much before
  // its client's deadline (a plugin worker leaves its server time to tell a
  // late answer from a hung worker).
  UnaryCalls(RequestExecutor* executor, absl::Duration max_request_time, const Gate* gate,
             absl::Duration deadline_reserve = absl::ZeroDuration())
      : executor_(executor), max_request_time_(max_request_time), gate_(gate), deadline_reserve_(deadline_reserve) {}

  // `method` is "package.Service/Method"; `handler(const Request&,
  // UnaryCall&)` returns absl::StatusOr<Response>. With
  // `may_answer_from_cache`, the handler honours UnaryCall::cached_only
  // (CachedAnswer does).
  template <typename Request, typename Handler>
  grpc::ServerUnaryReactor* Serve(const char* method, grpc::CallbackServerContext* context,
                                  const grpc::ByteBuffer* request_bytes, grpc::ByteBuffer* response_bytes,
                                  Handler handler, bool may_answer_from_cache = false) {
    return Start(
        method, context,
        [request_bytes, response_bytes, handler = std::move(handler)](UnaryCall& call) {
          Request request;
          if (absl::Status s = DecodeRequest(Bytes(*request_bytes), request); !s.ok()) return s;
          auto response = handler(request, call);
          if (!response.ok()) return response.status();
          return EncodeResponse(*response, *response_bytes);
        },
        may_answer_from_cache);
  }

 private:
  grpc::ServerUnaryReactor* Start(const char* method, grpc::CallbackServerContext* context,
                                  std::function<absl::Status(UnaryCall&)> work, bool may_answer_from_cache);
  static std::string Bytes(const grpc::ByteBuffer& buffer);

  RequestExecutor* executor_;
  absl::Duration max_request_time_;
  const Gate* gate_;
  absl::Duration deadline_reserve_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_UNARY_CALL_H_
