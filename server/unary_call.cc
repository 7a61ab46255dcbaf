#include "server/unary_call.h"

#include <exception>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "core/engine/request_limits.h"
#include "server/rpc_outcome.h"

namespace salesmetrics {

grpc::ServerUnaryReactor* UnaryCalls::Start(const char* rpc, grpc::CallbackServerContext* context,
                                            std::function<absl::Status(UnaryCall&)> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const absl::Time started = absl::Now();
  auto run = [this, rpc, context, reactor, started, work = std::move(work)] {
    UnaryCall call{started, RequestDeadline(*context, started, max_request_time_) - deadline_reserve_,
                   context->peer()};
    absl::Status status;
    if (context->IsCancelled()) {
      status = absl::CancelledError("the client cancelled the call before it started");
    } else if (absl::Now() >= call.deadline) {
      status = absl::DeadlineExceededError("the deadline passed while the call waited for its turn");
    } else {
      try {
        status = work(call);
      } catch (const std::exception& e) {
        status = absl::InternalError(absl::StrCat("unexpected exception: ", e.what()));
      } catch (...) {
        status = absl::InternalError("unexpected exception");
      }
    }
    reactor->Finish(FinishRpc(rpc, call.subject, started, status));
  };
  if (!executor_->TrySubmit(std::move(run))) {
    reactor->Finish(FinishRpc(
        rpc, "-", started,
        absl::ResourceExhaustedError(absl::StrFormat(
            "the server is busy: %d requests are running and %d waiting, its limits; retry with backoff",
            executor_->threads(), executor_->max_queued()))));
  }
  return reactor;
}

std::string UnaryCalls::Bytes(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  bytes.reserve(buffer.Length());
  for (const grpc::Slice& slice : slices) bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  return bytes;
}

absl::Status EncodeResponse(const google::protobuf::Message& response, grpc::ByteBuffer& out) {
  const size_t size = response.ByteSizeLong();
  if (size > kMaxResponseBytes) {
    return absl::ResourceExhaustedError(absl::StrFormat(
        "the answer would be %.1f MB, over the limit of %.1f MB; ask for a coarser granularity, a shorter "
        "period or fewer groups",
        size / 1e6, kMaxResponseBytes / 1e6));
  }
  grpc::Slice slice(size);
  response.SerializeWithCachedSizesToArray(const_cast<uint8_t*>(slice.begin()));
  out = grpc::ByteBuffer(&slice, 1);
  return absl::OkStatus();
}

}  // namespace salesmetrics
