// Answers kept for identical requests, so that a repeated request costs a
// lookup instead of a computation.
//
// An answer is kept under its key (the tenant, the RPC and the request as
// the caller may ask it, after its scopes and defaults are applied: never
// the raw request, so callers that may see different rows never share an
// answer) with the data version it was computed at. It is served while
//  - the tenant's data version is the same (DataVersion), and
//  - it is younger than max_age, the bound on staleness: also what bounds
//    answers that depend on the time (an as_of of "now").
// Identical requests that arrive while an answer is computed wait for that
// one computation (single flight). Errors are not kept. The cache holds at
// most max_bytes of answers, evicting the least recently used.
#ifndef SALESMETRICS_SERVER_CACHE_RESULT_CACHE_H_
#define SALESMETRICS_SERVER_CACHE_RESULT_CACHE_H_

#include <google/protobuf/message.h>

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace salesmetrics {

class ResultCache {
 public:
  struct Options {
    size_t max_bytes = 64 << 20;
    absl::Duration max_age = absl::Seconds(10);
  };
  struct Stats {
    int64_t hits = 0;
    int64_t misses = 0;
    int64_t evictions = 0;
    size_t bytes = 0;
    size_t entries = 0;
  };
  using Answer = std::shared_ptr<const google::protobuf::Message>;
  using Compute = std::function<absl::StatusOr<Answer>()>;

  explicit ResultCache(Options options) : options_(options) {}

  // The answer kept under `key` at data `version` (DataVersion), or the one `compute`
  // gives (once for identical requests at once; a caller that waits for
  // another's computation waits until `deadline` at most, and gets its
  // answer or error, unless that computation ran out of its own time).
  absl::StatusOr<Answer> Get(const std::string& key, const std::string& version, absl::Time deadline,
                             const Compute& compute);

  // The answer kept under `key` at data `version`, or nullptr: no waiting,
  // no computing.
  Answer Peek(const std::string& key, const std::string& version);

  Stats stats() const;

  // The key of `request` to `method` on `origin` (the tenant, and the
  // generation of the metrics): its deterministic serialization.
  static std::string KeyOf(absl::string_view origin, absl::string_view method,
                           const google::protobuf::Message& request);

 private:
  struct Entry {
    Answer answer;
    std::string version;
    absl::Time computed;
    size_t bytes;
    std::list<std::string>::iterator lru;  // its key's place in lru_
  };
  struct Flight;

  // The kept answer, if it is still good.
  Answer Lookup(const std::string& key, const std::string& version, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Keep(const std::string& key, const Answer& answer, const std::string& version, absl::Time computed)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Erase(const std::string& key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const Options options_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  std::list<std::string> lru_ ABSL_GUARDED_BY(mu_);  // most recently used first
  absl::flat_hash_map<std::string, std::shared_ptr<Flight>> flights_ ABSL_GUARDED_BY(mu_);
  Stats stats_ ABSL_GUARDED_BY(mu_);  // but entries, which stats() counts
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_CACHE_RESULT_CACHE_H_
