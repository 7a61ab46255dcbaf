// WatchAlerts through a real gRPC server in the test: events follow the
// data, subscribers share one evaluation, a subscriber that goes away is
// dropped, and shutting the hub down ends the streams cleanly.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/alerts/alert_evaluator.h"
#include "core/alerts/alert_rule_specs.h"
#include "core/time/civil_time.h"
#include "salesmetrics/v1/alerts.grpc.pb.h"
#include "server/alert_hub.h"
#include "server/access/credentials.h"
#include "server/access/token_hash.h"
#include "server/alert_service.h"
#include "server/tenancy/tenant_directory.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

// Only stalled_deals (the hub below re-evaluates every 100 ms).
std::string StalledDealsOnly() {
  std::string config = "evaluation_interval_seconds: 1\n";
  for (const AlertRuleSpec& spec : AlertRuleSpecs()) {
    if (std::string(spec.id) != "stalled_deals") absl::StrAppend(&config, "rule { id: \"", spec.id, "\" enabled: false }\n");
  }
  return config;
}

std::string DaysAgo(int days) { return FormatSqlTimestamp(absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now())) - absl::Hours(24 * days)); }

class WatchAlertsTest : public MetricTest {
 protected:
  void SetUp() override {
    MetricTest::SetUp();
    Load(R"sql(
INSERT INTO sales_reps (id, name) VALUES ('r1', 'Ann');
INSERT INTO accounts (id, name, created_at) VALUES ('a1', 'Acme', '2020-01-01 00:00:00');
INSERT INTO pipeline_stages (id, name, position, win_probability) VALUES ('s1', 'Qualify', 1, 10))sql");
    server::Tenant settings;
    settings.set_name("default");
    settings.set_database_url(db_->url());
    settings.set_pool_size(2);
    settings.set_currency_code("CNY");
    settings.set_fiscal_year_start_month(1);
    const std::string alerts_config = absl::StrCat(::testing::TempDir(), "/watch_alerts_", getpid(), ".textproto");
    std::ofstream(alerts_config) << StalledDealsOnly();
    settings.set_alerts_config(alerts_config);
    tenants_ = std::make_unique<TenantDirectory>([this](const server::Tenant& tenant) {
      return Tenant::Start(tenant, {.registry = &engine_->registry(),
                                    .allow_privileged_role = true,
                                    .alert_interval = absl::Milliseconds(100)});
    });
    server::TenantsFile file;
    *file.add_tenant() = settings;
    ASSERT_TRUE(tenants_->Apply(file).ok());
    hub_ = &tenants_->Find("default")->alert_hub();
    gate_ = std::make_unique<Gate>(tenants_.get(), nullptr);
    calls_ = std::make_unique<UnaryCalls>(&executor_, absl::Seconds(10), gate_.get());
    service_ = std::make_unique<AlertService>(gate_.get(), calls_.get());
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(port, 0);
    stub_ = v1::AlertService::NewStub(grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                                          grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    hub_->Shutdown();
    if (server_) server_->Shutdown();
  }

  struct Subscription {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<v1::WatchAlertsResponse>> reader;
  };
  std::unique_ptr<Subscription> Subscribe() {
    auto s = std::make_unique<Subscription>();
    s->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    s->reader = stub_->WatchAlerts(&s->context, v1::WatchAlertsRequest());
    return s;
  }
  static v1::WatchAlertsResponse Next(Subscription& s) {
    v1::WatchAlertsResponse event;
    EXPECT_TRUE(s.reader->Read(&event)) << "the stream ended";
    return event;
  }
  // Waits until the hub has `n` subscribers.
  void AwaitSubscribers(size_t n) {
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (hub_->subscriber_count() != n && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(10));
    EXPECT_EQ(hub_->subscriber_count(), n);
  }

  std::unique_ptr<TenantDirectory> tenants_;
  AlertHub* hub_ = nullptr;
  std::unique_ptr<Gate> gate_;
  RequestExecutor executor_{2, 8};
  std::unique_ptr<UnaryCalls> calls_;
  std::unique_ptr<AlertService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::AlertService::Stub> stub_;
};

TEST_P(WatchAlertsTest, EventsFollowTheDataForEverySubscriber) {
  auto first = Subscribe();
  auto second = Subscribe();
  AwaitSubscribers(2);
  // A deal won in 10 days, and one open for 30: stalled.
  Load(absl::StrCat("INSERT INTO opportunities (id, account_id, owner_rep_id, amount_minor, created_at, stage_id, "
                    "status, closed_at, is_key) VALUES ('won', 'a1', 'r1', 100, '", DaysAgo(20), "', 's1', 'won', '",
                    DaysAgo(10), "', FALSE), ('slow', 'a1', 'r1', 700, '", DaysAgo(30), "', 's1', 'open', NULL, FALSE)"));
  for (auto* s : {first.get(), second.get()}) {
    const v1::WatchAlertsResponse event = Next(*s);
    EXPECT_EQ(event.change(), v1::WatchAlertsResponse::CHANGE_ACTIVATED);
    EXPECT_EQ(event.alert().rule(), "stalled_deals");
    EXPECT_EQ(event.alert().opportunity_ids(0), "slow");
  }
  // A third subscriber starts with the active alert.
  auto third = Subscribe();
  EXPECT_EQ(Next(*third).change(), v1::WatchAlertsResponse::CHANGE_ACTIVE);
  Load("DELETE FROM opportunities WHERE id = 'slow'");
  for (auto* s : {first.get(), second.get(), third.get()}) {
    const v1::WatchAlertsResponse event = Next(*s);
    EXPECT_EQ(event.change(), v1::WatchAlertsResponse::CHANGE_RESOLVED);
    EXPECT_EQ(event.alert().rule(), "stalled_deals");
  }
}

TEST_P(WatchAlertsTest, ADisconnectedSubscriberIsDropped) {
  auto staying = Subscribe();
  auto leaving = Subscribe();
  AwaitSubscribers(2);
  leaving->context.TryCancel();
  AwaitSubscribers(1);
  staying->context.TryCancel();
  AwaitSubscribers(0);
}

TEST_P(WatchAlertsTest, ShutdownEndsTheStreamsCleanly) {
  auto subscription = Subscribe();
  AwaitSubscribers(1);
  hub_->Shutdown();
  v1::WatchAlertsResponse event;
  while (subscription->reader->Read(&event)) {
  }
  EXPECT_TRUE(subscription->reader->Finish().ok());
  AwaitSubscribers(0);
}

TEST_P(WatchAlertsTest, ATenantsAlertsFollowItsFiscalYear) {
  server::TenantsFile file;
  *file.add_tenant() = tenants_->Find("default")->settings();
  server::Tenant* april = file.add_tenant();
  *april = file.tenant(0);
  april->set_name("april");
  april->set_fiscal_year_start_month(4);
  ASSERT_TRUE(tenants_->Apply(file).ok());
  EXPECT_EQ(tenants_->Find("default")->alerts().settings().fiscal_year_start_month, 1);
  EXPECT_EQ(tenants_->Find("april")->alerts().settings().fiscal_year_start_month, 4);
}

TEST_P(WatchAlertsTest, AStreamEndsWhenItsCredentialExpires) {
  const absl::Time expiry = absl::Now() + absl::Seconds(2);
  auto credentials = Credentials::Parse(
      absl::StrCat("caller { name: \"watcher\" tenant: \"default\" allow_rpc: \"*\" token_sha256: \"",
                   Sha256Hex("watch-token"), "\" expire_time: \"", absl::FormatTime(absl::RFC3339_full, expiry, absl::UTCTimeZone()),
                   "\" }"),
      "credentials.textproto", [](const std::string& tenant) { return tenant == "default"; });
  ASSERT_TRUE(credentials.ok()) << credentials.status();
  gate_->SetCredentials(*credentials);
  auto subscription = std::make_unique<Subscription>();
  subscription->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  subscription->context.AddMetadata("authorization", "Bearer watch-token");
  subscription->reader = stub_->WatchAlerts(&subscription->context, v1::WatchAlertsRequest());
  AwaitSubscribers(1);
  v1::WatchAlertsResponse event;
  while (subscription->reader->Read(&event)) {
  }
  const grpc::Status status = subscription->reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  EXPECT_GE(absl::Now(), expiry);
  EXPECT_LT(absl::Now(), expiry + absl::Seconds(5));
  AwaitSubscribers(0);
}

INSTANTIATE_BACKENDS(WatchAlertsTest);

}  // namespace
}  // namespace salesmetrics::testing
