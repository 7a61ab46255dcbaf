// The result cache: what it keeps, for how long, how much, and that
// identical requests at once are computed once.
#include "server/cache/result_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics {
namespace {

namespace v1 = salesmetrics::v1;

constexpr absl::Time kNoDeadline = absl::InfiniteFuture();

// A ComputeMetricRequest for `metric`, as a key.
std::string Key(const std::string& metric, const std::string& origin = "1.1") {
  v1::ComputeMetricRequest request;
  request.set_metric(metric);
  return ResultCache::KeyOf(origin, "salesmetrics.v1.MetricsService/ComputeMetric", request);
}

// A compute function that counts its calls and answers a request naming
// `metric` (a stand-in answer).
ResultCache::Compute Counting(std::atomic<int>& calls, const std::string& metric = "m") {
  return [&calls, metric]() -> absl::StatusOr<ResultCache::Answer> {
    ++calls;
    auto answer = std::make_shared<v1::ComputeMetricRequest>();
    answer->set_metric(metric);
    return answer;
  };
}

TEST(ResultCacheTest, KeepsAnAnswerForItsKeyAndVersion) {
  ResultCache cache({});
  std::atomic<int> calls = 0;
  ASSERT_TRUE(cache.Get(Key("total_sales"), "v1", kNoDeadline, Counting(calls)).ok());
  ASSERT_TRUE(cache.Get(Key("total_sales"), "v1", kNoDeadline, Counting(calls)).ok());
  EXPECT_EQ(calls, 1);
  // Another request, another tenant or metrics generation, another data
  // version: computed.
  ASSERT_TRUE(cache.Get(Key("win_rate"), "v1", kNoDeadline, Counting(calls)).ok());
  ASSERT_TRUE(cache.Get(Key("total_sales", "2.1"), "v1", kNoDeadline, Counting(calls)).ok());
  ASSERT_TRUE(cache.Get(Key("total_sales"), "v2", kNoDeadline, Counting(calls)).ok());
  EXPECT_EQ(calls, 4);
  // The old version's answer is gone, not served when its version returns.
  ASSERT_TRUE(cache.Get(Key("total_sales"), "v1", kNoDeadline, Counting(calls)).ok());
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(cache.stats().hits, 1);
  EXPECT_EQ(cache.stats().misses, 5);
}

TEST(ResultCacheTest, PeekOnlyLooks) {
  ResultCache cache({});
  EXPECT_EQ(cache.Peek(Key("m"), "v"), nullptr);
  std::atomic<int> calls = 0;
  ASSERT_TRUE(cache.Get(Key("m"), "v", kNoDeadline, Counting(calls, "kept")).ok());
  const ResultCache::Answer kept = cache.Peek(Key("m"), "v");
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(static_cast<const v1::ComputeMetricRequest&>(*kept).metric(), "kept");
  EXPECT_EQ(cache.Peek(Key("m"), "w"), nullptr);
  EXPECT_EQ(calls, 1);
}

TEST(ResultCacheTest, ServesNoAnswerOlderThanMaxAge) {
  ResultCache cache({.max_age = absl::Milliseconds(200)});
  std::atomic<int> calls = 0;
  ASSERT_TRUE(cache.Get(Key("m"), "v", kNoDeadline, Counting(calls)).ok());
  ASSERT_TRUE(cache.Get(Key("m"), "v", kNoDeadline, Counting(calls)).ok());
  EXPECT_EQ(calls, 1);
  absl::SleepFor(absl::Milliseconds(250));
  ASSERT_TRUE(cache.Get(Key("m"), "v", kNoDeadline, Counting(calls)).ok());
  EXPECT_EQ(calls, 2);
}

TEST(ResultCacheTest, KeepsNoError) {
  ResultCache cache({});
  int calls = 0;
  const auto failing = [&calls]() -> absl::StatusOr<ResultCache::Answer> {
    ++calls;
    return absl::UnavailableError("down");
  };
  EXPECT_EQ(cache.Get(Key("m"), "v", kNoDeadline, failing).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(cache.Get(Key("m"), "v", kNoDeadline, failing).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(calls, 2);
}

TEST(ResultCacheTest, AComputationThatThrowsLeavesNoOneWaiting) {
  ResultCache cache({});
  EXPECT_THROW((void)cache.Get(Key("m"), "v", kNoDeadline,
                               []() -> absl::StatusOr<ResultCache::Answer> { throw std::runtime_error("plugin"); }),
               std::runtime_error);
  // The next identical request leads its own computation at once.
  std::atomic<int> calls = 0;
  EXPECT_TRUE(cache.Get(Key("m"), "v", absl::Now() + absl::Seconds(1), Counting(calls)).ok());
  EXPECT_EQ(calls, 1);
}

TEST(ResultCacheTest, EvictsTheLeastRecentlyUsedPastItsSize) {
  // Each entry is a few hundred bytes: 64 KiB hold some, not a thousand.
  ResultCache cache({.max_bytes = 64 << 10});
  std::atomic<int> calls = 0;
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(cache.Get(Key(absl::StrCat("m", i)), "v", kNoDeadline, Counting(calls)).ok());
    // m0 stays the most recently used.
    ASSERT_TRUE(cache.Get(Key("m0"), "v", kNoDeadline, Counting(calls)).ok());
  }
  EXPECT_EQ(calls, 1000);
  const ResultCache::Stats stats = cache.stats();
  EXPECT_LE(stats.bytes, size_t{64} << 10);
  EXPECT_GT(stats.evictions, 0);
  EXPECT_LT(stats.entries, 1000u);
  ASSERT_TRUE(cache.Get(Key("m1"), "v", kNoDeadline, Counting(calls)).ok());  // evicted long ago
  EXPECT_EQ(calls, 1001);
}

TEST(ResultCacheTest, ComputesIdenticalRequestsAtOnceOnce) {
  ResultCache cache({});
  std::atomic<int> calls = 0;
  absl::Notification release;
  const auto slow = [&]() -> absl::StatusOr<ResultCache::Answer> {
    ++calls;
    release.WaitForNotification();
    return std::make_shared<v1::ComputeMetricRequest>();
  };
  std::vector<std::thread> callers;
  std::atomic<int> answered = 0;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      if (cache.Get(Key("m"), "v", kNoDeadline, slow).ok()) ++answered;
    });
  }
  absl::SleepFor(absl::Milliseconds(200));  // all eight are waiting
  release.Notify();
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(answered, 8);
}

TEST(ResultCacheTest, WaitersShareTheLeadersErrorButNotItsDeadline) {
  for (const absl::StatusCode leader_code : {absl::StatusCode::kUnavailable, absl::StatusCode::kDeadlineExceeded}) {
    ResultCache cache({});
    absl::Notification release;
    std::thread leader([&] {
      (void)cache.Get(Key("m"), "v", kNoDeadline, [&]() -> absl::StatusOr<ResultCache::Answer> {
        release.WaitForNotification();
        return absl::Status(leader_code, "the leader's end");
      });
    });
    absl::SleepFor(absl::Milliseconds(100));
    std::atomic<int> calls = 0;
    std::thread waiter([&] {
      const auto answer = cache.Get(Key("m"), "v", kNoDeadline, Counting(calls));
      if (leader_code == absl::StatusCode::kUnavailable) {
        EXPECT_EQ(answer.status().code(), absl::StatusCode::kUnavailable);
      } else {
        EXPECT_TRUE(answer.ok()) << answer.status();  // it led a computation of its own
      }
    });
    absl::SleepFor(absl::Milliseconds(100));
    release.Notify();
    leader.join();
    waiter.join();
    EXPECT_EQ(calls, leader_code == absl::StatusCode::kUnavailable ? 0 : 1);
  }
}

TEST(ResultCacheTest, AWaiterKeepsItsOwnDeadline) {
  ResultCache cache({});
  absl::Notification release;
  std::thread leader([&] {
    (void)cache.Get(Key("m"), "v", kNoDeadline, [&]() -> absl::StatusOr<ResultCache::Answer> {
      release.WaitForNotification();
      return std::make_shared<v1::ComputeMetricRequest>();
    });
  });
  absl::SleepFor(absl::Milliseconds(100));
  std::atomic<int> calls = 0;
  const absl::StatusOr<ResultCache::Answer> late =
      cache.Get(Key("m"), "v", absl::Now() + absl::Milliseconds(100), Counting(calls));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(calls, 0);
  release.Notify();
  leader.join();
}

}  // namespace
}  // namespace salesmetrics
