// The result cache seen from a client: a repeated request answers the same,
// and after a write the next answer changes, at once on SQLite and within
// the staleness bound on PostgreSQL.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"
#include "tests/support/server_process.h"

namespace salesmetrics::testing {
namespace {

constexpr absl::Duration kMaxAge = absl::Seconds(2);

class ResultCacheEndToEndTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    ASSERT_TRUE(db_->Execute(kClosedDealsFixture).ok());
    auto server = ServerProcess::Start(
        SALESMETRICS_SERVER_BINARY,
        {"--database=" + db_->reader_url(), "--plugin_dir=" SALESMETRICS_PLUGIN_DIR,
         "--result_cache_max_age_seconds=" + std::to_string(absl::ToInt64Seconds(kMaxAge))});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::MetricsService::NewStub(grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  // total_sales of January 2024; -1 on an error.
  int64_t JanuarySales() {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ComputeMetricResponse response;
    const grpc::Status status = stub_->ComputeMetric(
        &context, Request("total_sales").Period("2024-01-01", "2024-02-01"), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return status.ok() ? response.result().value().money().minor_units() : -1;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<v1::MetricsService::Stub> stub_;
};

TEST_P(ResultCacheEndToEndTest, TheAnswerAfterAWriteChanges) {
  const int64_t before = JanuarySales();
  ASSERT_GT(before, 0);
  EXPECT_EQ(JanuarySales(), before);
  ASSERT_TRUE(db_->Execute("INSERT INTO opportunities (id, account_id, owner_rep_id, amount_minor, created_at, "
                           "stage_id, status, closed_at, is_key) VALUES ('late_win', 'a_acme', 'r_ann', 12345, "
                           "'2024-01-02 00:00:00', 's_prop', 'won', '2024-01-15 00:00:00', FALSE)")
                  .ok());
  const absl::Time written = absl::Now();
  if (GetParam() == Backend::kSqlite) {
    // SQLite says its data changed: the very next answer is new.
    EXPECT_EQ(JanuarySales(), before + 12345);
    return;
  }
  // PostgreSQL: no answer older than the bound.
  int64_t after = JanuarySales();
  while (after == before && absl::Now() < written + kMaxAge + absl::Seconds(1)) {
    absl::SleepFor(absl::Milliseconds(100));
    after = JanuarySales();
  }
  EXPECT_EQ(after, before + 12345);
  EXPECT_LE(absl::Now() - written, kMaxAge + absl::Milliseconds(500));
}

INSTANTIATE_BACKENDS(ResultCacheEndToEndTest);

}  // namespace
}  // namespace salesmetrics::testing
