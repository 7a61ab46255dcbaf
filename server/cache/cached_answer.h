// How a service answers through the result cache.
#ifndef SALESMETRICS_SERVER_CACHE_CACHED_ANSWER_H_
#define SALESMETRICS_SERVER_CACHE_CACHED_ANSWER_H_

#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/cache/result_cache.h"
#include "server/tenancy/tenant.h"
#include "server/unary_call.h"

namespace salesmetrics {

// The answer `compute()` gives to `request` (as the caller may ask it:
// scopes and defaults applied) to `method`, through `cache` when there is
// one and the call has a tenant whose data version can be read. A call
// that is cached_only gets the kept answer, or needs_computing.
// `metrics_generation` is the registry's generation read before the
// metrics `compute` uses were looked up.
template <typename Response, typename Compute>
absl::StatusOr<Response> CachedAnswer(ResultCache* cache, UnaryCall& call, uint64_t metrics_generation,
                                      absl::string_view method, const google::protobuf::Message& request,
                                      Compute compute) {
  const auto needs_computing = [&call] {
    call.needs_computing = true;
    return absl::UnavailableError("not answered yet");  // not sent: the call is queued
  };
  if (cache == nullptr || call.tenant == nullptr) return call.cached_only ? needs_computing() : compute();
  // Read before computing: an answer is never newer than its versions say.
  const std::string origin = absl::StrCat(call.tenant->id(), ".", metrics_generation);
  absl::StatusOr<std::string> version = call.tenant->data_version().Current();
  if (!version.ok()) return call.cached_only ? needs_computing() : compute();
  const std::string key = ResultCache::KeyOf(origin, method, request);
  if (call.cached_only) {
    ResultCache::Answer kept = cache->Peek(key, *version);
    if (kept == nullptr) return needs_computing();
    return static_cast<const Response&>(*kept);
  }
  absl::StatusOr<ResultCache::Answer> answer = cache->Get(
      key, *version, call.deadline,
      [&compute]() -> absl::StatusOr<ResultCache::Answer> {
        absl::StatusOr<Response> computed = compute();
        if (!computed.ok()) return computed.status();
        return std::make_shared<const Response>(*std::move(computed));
      });
  if (!answer.ok()) return answer.status();
  return static_cast<const Response&>(**answer);
}

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_CACHE_CACHED_ANSWER_H_
