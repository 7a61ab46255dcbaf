// Reloading a running server: a declarative metric appears after SIGHUP,
// AdminService.ReloadMetrics reports what it did, and a client that keeps
// requesting through many reloads of the plugin it uses sees no failure.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <thread>

#include "salesmetrics/v1/admin.grpc.pb.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "tests/catalog/catalog_test_env.h"
#include "tests/support/server_process.h"

namespace salesmetrics::testing {
namespace {

const std::string kTotalSales = std::string(SALESMETRICS_PLUGIN_DIR) + "/total_sales.so";

class ReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create(Backend::kSqlite);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    ASSERT_TRUE(db_->Execute(kClosedDealsFixture).ok());
    plugins_.Copy(kTotalSales, "total_sales.so");
    auto server = ServerProcess::Start(SALESMETRICS_SERVER_BINARY,
                                       {"--database=" + db_->reader_url(), "--plugin_dir=" + plugins_.path().string(),
                                        "--definitions_dir=" + definitions_.path().string()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
  }

  grpc::Status Compute(const std::string& metric, v1::ComputeMetricResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return v1::MetricsService::NewStub(channel_)->ComputeMetric(
        &context, Request(metric).Period("2024-01-01", "2024-02-01"), response);
  }

  // Starts a second server with `flag`, which must refuse to start; returns
  // what it logged.
  std::string RefusedAtStart(const std::string& flag) {
    const std::string log = definitions_.File("refused.log");
    const std::string command = std::string(SALESMETRICS_SERVER_BINARY) + " --database=" + db_->reader_url() +
                                " --listen=127.0.0.1:0 " + flag + " 2>" + log;
    EXPECT_NE(std::system(command.c_str()), 0);
    std::ifstream in(log);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  TempDir plugins_;
  TempDir definitions_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(ReloadTest, ADeclarativeMetricAppearsAfterSighupAndGoesWhenRemoved) {
  EXPECT_FALSE(server_->Serves("won_amount"));
  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  server_->Signal(SIGHUP);
  ASSERT_TRUE(server_->WaitUntilServed("won_amount")) << server_->Log();
  v1::ComputeMetricResponse response;
  ASSERT_TRUE(Compute("won_amount", &response).ok());
  EXPECT_TRUE(IsMoney(response.result().value(), 3052));

  definitions_.Remove("won_amount.textproto");
  server_->Signal(SIGHUP);
  EXPECT_TRUE(server_->WaitUntilServed("won_amount", false)) << server_->Log();
  EXPECT_TRUE(server_->Serves("total_sales"));
}

TEST_F(ReloadTest, TheAdminRpcReportsEachFile) {
  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  definitions_.Write("broken.textproto", "id: \"broken\"\nunit: \"count\"\nsql: \"SELECT 1; SELECT 2\"\n");
  auto admin = v1::AdminService::NewStub(channel_);
  grpc::ClientContext context;
  v1::ReloadMetricsResponse response;
  ASSERT_TRUE(admin->ReloadMetrics(&context, v1::ReloadMetricsRequest(), &response).ok());
  std::map<std::string, v1::ReloadedSource> sources;
  for (const auto& source : response.sources()) sources[source.path()] = source;
  ASSERT_EQ(sources.size(), 3u);
  const v1::ReloadedSource& broken = sources[definitions_.File("broken.textproto")];
  EXPECT_EQ(broken.outcome(), v1::ReloadedSource::OUTCOME_REFUSED);
  EXPECT_EQ(broken.error(), definitions_.File("broken.textproto") + ":3: sql holds more than one statement");
  EXPECT_FALSE(broken.kept_previous());
  const v1::ReloadedSource& won_amount = sources[definitions_.File("won_amount.textproto")];
  EXPECT_EQ(won_amount.outcome(), v1::ReloadedSource::OUTCOME_LOADED);
  EXPECT_EQ(won_amount.metric_ids(0), "won_amount");
  const v1::ReloadedSource& total_sales = sources[plugins_.File("total_sales.so")];
  EXPECT_EQ(total_sales.outcome(), v1::ReloadedSource::OUTCOME_UNCHANGED);
  EXPECT_EQ(total_sales.metric_ids(0), "total_sales");
  EXPECT_TRUE(server_->Serves("won_amount"));
  EXPECT_NE(server_->Log().find("definition refused: " + definitions_.File("broken.textproto") + ":3: sql holds"), std::string::npos);
}

TEST_F(ReloadTest, AnAdminListenerOfItsOwnTakesTheAdminServiceOffTheMainOne) {
  const std::string admin_address = "127.0.0.1:" + std::to_string(FreePort());
  server_.reset();
  auto server = ServerProcess::Start(SALESMETRICS_SERVER_BINARY,
                                     {"--database=" + db_->reader_url(), "--plugin_dir=" + plugins_.path().string(),
                                      "--admin_listen=" + admin_address});
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);
  const auto reload = [](const std::string& address) {
    grpc::ClientContext context;
    v1::ReloadMetricsResponse response;
    return v1::AdminService::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))
        ->ReloadMetrics(&context, v1::ReloadMetricsRequest(), &response);
  };
  EXPECT_EQ(reload(server_->address()).error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_TRUE(reload(admin_address).ok()) << server_->Log();
}

TEST_F(ReloadTest, AnAdminListenerOffLoopbackIsRefusedAtStart) {
  const std::string log = RefusedAtStart("--admin_listen=0.0.0.0:50052");
  EXPECT_NE(log.find("admin_listen: \"0.0.0.0:50052\" is not a literal loopback address"), std::string::npos) << log;
}

TEST_F(ReloadTest, AnAdminListenerThatOnlyLooksLikeLoopbackIsRefusedAtStart) {
  for (const std::string address : {"127.attacker.example:50052", "localhost:50052"}) {
    const std::string log = RefusedAtStart("--admin_listen=" + address);
    EXPECT_NE(log.find("admin_listen: \"" + address + "\" is not a literal loopback address"), std::string::npos)
        << log;
  }
}

TEST_F(ReloadTest, RequestsGoOnThroughReloadsOfThePluginTheyUse) {
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};
  std::vector<std::string> failures;
  std::thread client([&] {
    while (!stop) {
      v1::ComputeMetricResponse response;
      const grpc::Status status = Compute("total_sales", &response);
      if (!status.ok()) {
        failures.push_back(status.error_message());
      } else if (!IsMoney(response.result().value(), 3052)) {
        failures.push_back(response.DebugString());
      } else {
        ++answered;
      }
    }
  });
  // Each round replaces the library file (a new build, as far as the server
  // can tell) and the definitions, then reloads.
  for (int round = 0; round < 20; ++round) {
    plugins_.Copy(kTotalSales, "total_sales.so");
    if (round % 2 == 0) {
      definitions_.Write("won_amount.textproto", kWonAmountDefinition);
    } else {
      definitions_.Remove("won_amount.textproto");
    }
    server_->Signal(SIGHUP);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  stop = true;
  client.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, the first: " << failures.front();
  EXPECT_GT(answered, 20);
  const std::string log = server_->Log();
  size_t reloads = 0;
  for (size_t at = log.find("metrics loaded: "); at != std::string::npos; at = log.find("metrics loaded: ", at + 1)) {
    ++reloads;
  }
  EXPECT_GE(reloads, 20u) << log;  // the plugin was loaded again and again
}

}  // namespace
}  // namespace salesmetrics::testing
