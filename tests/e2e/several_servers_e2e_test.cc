// Several stateless servers over one PostgreSQL database, behind a client
// that balances its calls round robin: both serve, both answer the same,
// a write reaches both within the result cache's staleness bound, and the
// client goes on when one of them stops.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"
#include "tests/support/server_process.h"

namespace salesmetrics::testing {
namespace {

constexpr int64_t kJanuarySales = 3052;  // kClosedDealsFixture's won deals of January 2024

// How many ComputeMetric calls a server's log records.
int CallsIn(const std::string& log) {
  int calls = 0;
  for (absl::string_view line : absl::StrSplit(log, '\n')) {
    if (absl::StrContains(line, "rpc=ComputeMetric")) ++calls;
  }
  return calls;
}

TEST(SeveralServersTest, ShareTheLoadAndTheDatabase) {
  auto db = TestDatabase::Create(Backend::kPostgres);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Execute(kClosedDealsFixture).ok());
  std::vector<std::unique_ptr<ServerProcess>> servers;
  for (int i = 0; i < 2; ++i) {
    auto server = ServerProcess::Start(SALESMETRICS_SERVER_BINARY,
                                       {"--database=" + (*db)->reader_url(), "--plugin_dir=" SALESMETRICS_PLUGIN_DIR,
                                        "--result_cache_max_age_seconds=1"});
    ASSERT_TRUE(server.ok()) << server.status();
    servers.push_back(*std::move(server));
  }
  // The client knows every server and spreads its calls over them.
  grpc::ChannelArguments arguments;
  arguments.SetLoadBalancingPolicyName("round_robin");
  auto stub = v1::MetricsService::NewStub(grpc::CreateCustomChannel(
      absl::StrCat("ipv4:", servers[0]->address(), ",", servers[1]->address()), grpc::InsecureChannelCredentials(),
      arguments));
  const auto january_sales = [&]() -> int64_t {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    context.set_wait_for_ready(true);
    v1::ComputeMetricResponse response;
    const grpc::Status status =
        stub->ComputeMetric(&context, Request("total_sales").Period("2024-01-01", "2024-02-01"), &response);
    return status.ok() ? response.result().value().money().minor_units() : -1;
  };

  for (int i = 0; i < 20; ++i) EXPECT_EQ(january_sales(), kJanuarySales);
  EXPECT_GE(CallsIn(servers[0]->Log()), 5);
  EXPECT_GE(CallsIn(servers[1]->Log()), 5);

  // A write: every server answers it within the staleness bound, whatever
  // each has kept.
  ASSERT_TRUE((*db)->Execute("INSERT INTO opportunities (id, account_id, owner_rep_id, amount_minor, created_at, "
                             "stage_id, status, closed_at, is_key) VALUES ('late_win', 'a_acme', 'r_ann', 100, "
                             "'2024-01-02 00:00:00', 's_prop', 'won', '2024-01-15 00:00:00', FALSE)")
                  .ok());
  absl::SleepFor(absl::Milliseconds(1100));
  for (int i = 0; i < 10; ++i) EXPECT_EQ(january_sales(), kJanuarySales + 100);

  // One server stops: the client goes on with the other.
  EXPECT_EQ(servers[0]->Stop(), 0);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(january_sales(), kJanuarySales + 100);
}

}  // namespace
}  // namespace salesmetrics::testing
