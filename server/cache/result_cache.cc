#include "server/cache/result_cache.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"

namespace salesmetrics {

// One computation in progress, that identical requests wait for.
struct ResultCache::Flight {
  absl::Notification done;
  absl::StatusOr<Answer> answer;
};

std::string ResultCache::KeyOf(absl::string_view origin, absl::string_view method,
                               const google::protobuf::Message& request) {
  std::string key = absl::StrCat(origin, " ", method, " ");
  {
    google::protobuf::io::StringOutputStream stream(&key);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  return key;
}

absl::StatusOr<ResultCache::Answer> ResultCache::Get(const std::string& key, const std::string& version,
                                                     absl::Time deadline, const Compute& compute) {
  std::shared_ptr<Flight> flight;
  bool leader = false;
  {
    absl::MutexLock lock(&mu_);
    if (Answer kept = Lookup(key, version, absl::Now())) {
      ++stats_.hits;
      return kept;
    }
    ++stats_.misses;
    // Only a computation at the same version answers for this one.
    auto [it, inserted] = flights_.try_emplace(absl::StrCat(version, " ", key));
    if (inserted) it->second = std::make_shared<Flight>();
    flight = it->second;
    leader = inserted;
  }
  if (!leader) {
    if (!flight->done.WaitForNotificationWithDeadline(deadline)) {
      return absl::DeadlineExceededError("the deadline passed while an identical request was computed");
    }
    // The leader's answer, or its error; unless its own deadline or client
    // ended it: then one of those that waited leads anew.
    const absl::StatusCode code = flight->answer.status().code();
    if (code != absl::StatusCode::kDeadlineExceeded && code != absl::StatusCode::kCancelled) return flight->answer;
    return Get(key, version, deadline, compute);
  }
  // However the computation ends, even by an exception, its waiters are
  // told and the next identical request may lead.
  absl::Cleanup land = [&] {
    {
      absl::MutexLock lock(&mu_);
      flights_.erase(absl::StrCat(version, " ", key));
    }
    flight->done.Notify();
  };
  const absl::Time started = absl::Now();
  // What the waiters get if `compute` throws.
  flight->answer = absl::InternalError("the computation ended without an answer");
  flight->answer = compute();
  if (flight->answer.ok()) {
    absl::MutexLock lock(&mu_);
    Keep(key, *flight->answer, version, started);
  }
  return flight->answer;
}

ResultCache::Answer ResultCache::Peek(const std::string& key, const std::string& version) {
  absl::MutexLock lock(&mu_);
  Answer kept = Lookup(key, version, absl::Now());
  if (kept != nullptr) ++stats_.hits;
  return kept;
}

ResultCache::Answer ResultCache::Lookup(const std::string& key, const std::string& version, absl::Time now) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (it->second.version != version || now - it->second.computed >= options_.max_age) {
    Erase(key);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.answer;
}

void ResultCache::Keep(const std::string& key, const Answer& answer, const std::string& version,
                       absl::Time computed) {
  const size_t bytes = key.size() + answer->SpaceUsedLong();
  // An answer too large to share the cache with others is not kept.
  if (bytes > options_.max_bytes / 16) return;
  Erase(key);
  lru_.push_front(key);
  entries_[key] = Entry{answer, version, computed, bytes, lru_.begin()};
  stats_.bytes += bytes;
  while (stats_.bytes > options_.max_bytes) {
    const std::string oldest = lru_.back();
    Erase(oldest);
    ++stats_.evictions;
  }
}

void ResultCache::Erase(const std::string& key) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return;
  stats_.bytes -= it->second.bytes;
  lru_.erase(it->second.lru);
  entries_.erase(it);
}

ResultCache::Stats ResultCache::stats() const {
  absl::MutexLock lock(&mu_);
  Stats stats = stats_;
  stats.entries = entries_.size();
  return stats;
}

}  // namespace salesmetrics
