#include "server/unary_call.h"

#include <exception>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "core/engine/request_limits.h"
#include "server/rpc_outcome.h"

namespace salesmetrics {

namespace {

// Runs `work`; an exception it lets escape is an INTERNAL error.
absl::Status Guarded(const std::function<absl::Status(UnaryCall&)>& work, UnaryCall& call) {
  try {
    return work(call);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("unexpected exception: ", e.what()));
  } catch (...) {
    return absl::InternalError("unexpected exception");
  }
}

}  // namespace

grpc::ServerUnaryReactor* UnaryCalls::Start(const char* method, grpc::CallbackServerContext* context,
                                            std::function<absl::Status(UnaryCall&)> work,
                                            bool may_answer_from_cache) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto call = std::make_shared<UnaryCall>();
  call->started = absl::Now();
  call->peer = context->peer();
  call->request_id = RequestIdOf(*context);
  context->AddInitialMetadata("x-request-id", call->request_id);
  const absl::string_view rpc = absl::string_view(method).substr(absl::string_view(method).rfind('/') + 1);
  const auto finish = [this, rpc, reactor, call](const absl::Status& status) {
    reactor->Finish(FinishRpc({.rpc = rpc,
                               .subject = call->subject,
                               .caller = call->caller ? absl::string_view(call->caller->name) : "-",
                               .tenant = call->caller ? absl::string_view(call->caller->tenant) : "-",
                               .request_id = call->request_id,
                               .started = call->started,
                               .audit = gate_ != nullptr && gate_->authenticates()},
                              status));
  };
  if (gate_ == nullptr) {
    call->caller = std::shared_ptr<const Caller>(&AnonymousCaller(), [](const Caller*) {});
  } else {
    absl::StatusOr<Admission> admission = gate_->Admit(*context, method);
    if (!admission.ok()) {
      finish(admission.status());
      return reactor;
    }
    call->caller = std::move(admission->caller);
    call->tenant = std::move(admission->tenant);
  }
  call->deadline = RequestDeadline(*context, call->started, max_request_time_) - deadline_reserve_;
  if (may_answer_from_cache) {
    // A cached answer costs less than the trip through the queue.
    call->cached_only = true;
    const absl::Status status = Guarded(work, *call);
    if (!call->needs_computing) {
      finish(status);
      return reactor;
    }
    call->cached_only = false;
  }
  auto run = [context, call, finish, work = std::move(work)] {
    absl::Status status;
    if (context->IsCancelled()) {
      status = absl::CancelledError("the client cancelled the call before it started");
    } else if (absl::Now() >= call->deadline) {
      status = absl::DeadlineExceededError("the deadline passed while the call waited for its turn");
    } else {
      status = Guarded(work, *call);
    }
    finish(status);
  };
  if (!executor_->TrySubmit(std::move(run))) {
    finish(absl::ResourceExhaustedError(absl::StrFormat(
        "the server is busy: %d requests are running and %d waiting, its limits; retry with backoff",
        executor_->threads(), executor_->max_queued())));
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
