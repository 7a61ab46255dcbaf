// The parts of every unary call that need no server: the response limit
// and the bounded executor.
#include "server/unary_call.h"

#include <gtest/gtest.h>

#include <atomic>

#include "absl/synchronization/notification.h"
#include "core/engine/request_limits.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics {
namespace {

TEST(EncodeResponseTest, RefusesAnAnswerOverTheLimit) {
  salesmetrics::v1::ComputeMetricResponse response;
  response.set_metric("m");
  grpc::ByteBuffer out;
  ASSERT_TRUE(EncodeResponse(response, out).ok());
  EXPECT_EQ(out.Length(), response.ByteSizeLong());
  while (response.ByteSizeLong() <= kMaxResponseBytes) {
    response.add_series()->set_label(std::string(1000, 'b'));
  }
  const absl::Status status = EncodeResponse(response, out);
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(status.message().find("over the limit of 4.0 MB"), std::string::npos) << status;
}

TEST(RequestExecutorTest, RunsWorkAndRefusesPastItsQueue) {
  absl::Notification release;
  std::atomic<int> ran{0};
  int queued = 0;
  {
    RequestExecutor executor(1, 2);
    ASSERT_TRUE(executor.TrySubmit([&] {
      release.WaitForNotification();
      ++ran;
    }));
    // The one thread may not have taken the first yet: fill the queue.
    while (executor.TrySubmit([&] { ++ran; })) ++queued;
    EXPECT_GE(queued, 1);
    EXPECT_LE(queued, 2);
    EXPECT_FALSE(executor.TrySubmit([&] { ++ran; }));
    release.Notify();
    // The destructor runs what is queued.
  }
  EXPECT_EQ(ran.load(), queued + 1);
}

}  // namespace
}  // namespace salesmetrics
