// The server as an attacker on the network and a security reviewer would
// try it: TLS with optional client certificates, bearer tokens, two
// tenants (acme on SQLite, globex on PostgreSQL), a scoped caller, and
// reloads that rotate the certificate, revoke a caller and add a tenant.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/alerts/alert_rule_specs.h"
#include "core/time/civil_time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "salesmetrics/v1/alerts.grpc.pb.h"
#include "salesmetrics/v1/dashboards.grpc.pb.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "server/access/token_hash.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"
#include "tests/support/server_process.h"
#include "tests/support/test_certificates.h"

namespace salesmetrics::testing {
namespace {

namespace fs = std::filesystem;

// total_sales in January 2024: acme has the fixture (east 1051, west
// 2001), globex the same deals worth ten times as much.
constexpr int64_t kAcmeSales = 3052;
constexpr int64_t kAcmeEastSales = 1051;
constexpr int64_t kGlobexSales = 30520;

std::string Caller(const std::string& name, const std::string& tenant, const std::string& extra) {
  return absl::StrCat("caller { name: \"", name, "\" tenant: \"", tenant, "\" ", extra, " }\n");
}

std::string TokenOf(const std::string& token) { return absl::StrCat("token_sha256: \"", Sha256Hex(token), "\" "); }

// A deal won in ten days, lately, and one open for thirty: stalled.
std::string RecentDeals(const std::string& stalled_id) {
  const auto days_ago = [](int days) {
    return FormatSqlTimestamp(absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now())) - absl::Hours(24 * days));
  };
  return absl::StrCat(
      "INSERT INTO opportunities (id, account_id, owner_rep_id, amount_minor, created_at, stage_id, status, closed_at, "
      "is_key) VALUES ('recent_won', 'a_acme', 'r_ann', 100, '", days_ago(20), "', 's_prop', 'won', '", days_ago(10),
      "', FALSE), ('", stalled_id, "', 'a_acme', 'r_ann', 700, '", days_ago(30), "', 's_prop', 'open', NULL, FALSE)");
}

// Alerts every second, and only stalled deals: each tenant has one
// (a_only in acme, g_only in globex).
std::string AlertsConfig() {
  std::string config = "evaluation_interval_seconds: 1\n";
  for (const AlertRuleSpec& spec : AlertRuleSpecs()) {
    if (std::string(spec.id) != "stalled_deals") absl::StrAppend(&config, "rule { id: \"", spec.id, "\" enabled: false }\n");
  }
  return config;
}

std::shared_ptr<grpc::ChannelCredentials> TlsFrom(const TestCertificates& certificates,
                                                   const std::string& authority, const std::string& client = "") {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = Contents(certificates.Pem(authority));
  if (!client.empty()) {
    options.pem_private_key = Contents(certificates.Key(client));
    options.pem_cert_chain = Contents(certificates.Pem(client));
  }
  return grpc::SslCredentials(options);
}

class SecurityTest : public ::testing::Test {
 protected:
  // One server for the suite, started by the first test; a failure to
  // start fails every test (gtest would skip them after a failed
  // SetUpTestSuite).
  void SetUp() override {
    if (suite_ == nullptr) suite_ = new Suite();
    ASSERT_NE(suite_->server, nullptr) << suite_->error;
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  struct Suite {
    Suite();
    ~Suite() { fs::remove_all(dir); }
    std::string File(const std::string& name) const { return dir + "/" + name; }
    void Write(const std::string& name, const std::string& text) const { std::ofstream(File(name)) << text; }

    std::string dir = absl::StrCat(fs::temp_directory_path().string(), "/security_test_", getpid());
    TestCertificates certificates{dir};
    std::unique_ptr<TestDatabase> acme, globex, initech;
    std::unique_ptr<ServerProcess> server;
    std::string error;  // why there is no server
  };

  // TLS trusting `authority`, with the client certificate `client` when
  // given.
  static std::shared_ptr<grpc::ChannelCredentials> Tls(const std::string& authority = "ca",
                                                       const std::string& client = "") {
    return TlsFrom(suite_->certificates, authority, client);
  }
  static std::shared_ptr<grpc::Channel> Channel(std::shared_ptr<grpc::ChannelCredentials> credentials = Tls()) {
    // A channel argument makes each channel its own connection.
    grpc::ChannelArguments arguments;
    arguments.SetInt("salesmetrics.test.channel", ++channels_);
    return grpc::CreateCustomChannel(suite_->server->address(), credentials, arguments);
  }
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token = "") {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
    return context;
  }
  static grpc::Status Sales(const std::string& token, v1::ComputeMetricResponse& response,
                            std::shared_ptr<grpc::Channel> channel = nullptr,
                            v1::ComputeMetricRequest request = Request("total_sales").Period("2024-01-01", "2024-02-01")) {
    return v1::MetricsService::NewStub(channel ? channel : Channel())->ComputeMetric(Context(token).get(), request,
                                                                                    &response);
  }
  // total_sales of January 2024 as `token` sees it; -1 on an error.
  static int64_t SalesSeenBy(const std::string& token, std::shared_ptr<grpc::Channel> channel = nullptr) {
    v1::ComputeMetricResponse response;
    if (!Sales(token, response, channel).ok()) return -1;
    return response.result().value().money().minor_units();
  }
  static grpc::StatusCode CodeFor(const std::string& token) {
    v1::ComputeMetricResponse response;
    return Sales(token, response).error_code();
  }
  static std::vector<v1::Alert> Alerts(const std::string& token) {
    v1::EvaluateAlertsResponse response;
    EXPECT_TRUE(v1::AlertService::NewStub(Channel())
                    ->EvaluateAlerts(Context(token).get(), v1::EvaluateAlertsRequest(), &response)
                    .ok());
    return {response.alerts().begin(), response.alerts().end()};
  }
  static bool Mentions(const std::vector<v1::Alert>& alerts, const std::string& opportunity) {
    for (const v1::Alert& alert : alerts) {
      for (const std::string& id : alert.opportunity_ids()) {
        if (id == opportunity) return true;
      }
    }
    return false;
  }

  static Suite* suite_;
  static int channels_;
};

SecurityTest::Suite* SecurityTest::suite_ = nullptr;
int SecurityTest::channels_ = 0;

SecurityTest::Suite::Suite() {
  fs::create_directories(dir);
  if (absl::Status made = certificates.Make(); !made.ok()) error += std::string(made.message()) + "\n";
  fs::copy_file(certificates.Pem("server"), File("live.pem"));
  fs::copy_file(certificates.Key("server"), File("live.key"));

  auto a = TestDatabase::Create(Backend::kSqlite);
  auto g = TestDatabase::Create(Backend::kPostgres);
  auto i = TestDatabase::Create(Backend::kSqlite);
  for (const absl::Status& created : {a.status(), g.status(), i.status()}) {
    if (!created.ok()) error += std::string(created.message()) + "\n";
  }
  if (!error.empty()) return;
  acme = *std::move(a);
  globex = *std::move(g);
  initech = *std::move(i);
  for (const absl::Status& loaded :
       {acme->Execute(kClosedDealsFixture), globex->Execute(kClosedDealsFixture),
        globex->Execute("UPDATE opportunities SET amount_minor = amount_minor * 10"),
        acme->Execute(RecentDeals("a_only")), globex->Execute(RecentDeals("g_only"))}) {
    if (!loaded.ok()) error += std::string(loaded.message()) + "\n";
  }
  if (!error.empty()) return;

  Write("alerts.textproto", AlertsConfig());
  Write("tenants.textproto", absl::StrCat("tenant { name: \"acme\" database_url: \"", acme->reader_url(),
                                          "\" alerts_config: \"", File("alerts.textproto"), "\" }\n",
                                          "tenant { name: \"globex\" database_url: \"", globex->reader_url(),
                                          "\" alerts_config: \"", File("alerts.textproto"), "\" }\n"));
  Write("credentials.textproto",
        Caller("acme-admin", "acme", TokenOf("acme-token") + "allow_rpc: \"*\"") +
            Caller("globex-admin", "globex", TokenOf("globex-token") + "allow_rpc: \"*\"") +
            Caller("globex-watcher", "globex",
                   TokenOf("watcher-token") +
                       "allow_rpc: \"salesmetrics.v1.AlertService/*\" allow_rpc: \"salesmetrics.v1.MetricsService/*\"") +
            Caller("acme-reporting", "acme", "client_certificate_name: \"reporting.acme.test\" allow_rpc: \"*\"") +
            Caller("acme-east", "acme",
                   TokenOf("east-token") + "allow_rpc: \"*\" allow_metric: \"total_sales\" "
                                           "row_scope { dimension: \"region\" values: \"east\" }") +
            Caller("acme-east-reps", "acme",
                   TokenOf("reps-token") + "allow_rpc: \"*\" row_scope { dimension: \"region\" values: \"east\" }") +
            Caller("acme-metrics-only", "acme",
                   TokenOf("metrics-token") + "allow_rpc: \"salesmetrics.v1.MetricsService/*\"") +
            Caller("acme-revoked", "acme", TokenOf("revoked-token") + "allow_rpc: \"*\" revoked: true") +
            Caller("acme-expired", "acme",
                   TokenOf("expired-token") + "allow_rpc: \"*\" expire_time: \"2021-01-01T00:00:00Z\""));
  auto started = ServerProcess::Start(
      SALESMETRICS_SERVER_BINARY,
      {"--plugin_dir=" SALESMETRICS_PLUGIN_DIR, "--tls_cert_file=" + File("live.pem"),
       "--tls_key_file=" + File("live.key"), "--tls_client_ca_file=" + certificates.Pem("ca"),
       "--tls_client_certificate_optional", "--credentials_file=" + File("credentials.textproto"),
       "--tenants_file=" + File("tenants.textproto")},
      TlsFrom(certificates, "ca"));
  if (started.ok()) {
    server = *std::move(started);
  } else {
    error += std::string(started.status().message());
  }
}

TEST_F(SecurityTest, EachTokenReadsItsOwnTenant) {
  EXPECT_EQ(SalesSeenBy("acme-token"), kAcmeSales);
  EXPECT_EQ(SalesSeenBy("globex-token"), kGlobexSales);
  EXPECT_TRUE(Mentions(Alerts("acme-token"), "a_only"));
  EXPECT_FALSE(Mentions(Alerts("acme-token"), "g_only"));
  EXPECT_TRUE(Mentions(Alerts("globex-token"), "g_only"));
  EXPECT_FALSE(Mentions(Alerts("globex-token"), "a_only"));
}

TEST_F(SecurityTest, MissingWrongRevokedAndExpiredCredentialsAreRefusedAlike) {
  std::string first_message;
  for (const std::string token : {"", "wrong-token", "revoked-token", "expired-token", "acme"}) {
    v1::ComputeMetricResponse response;
    const grpc::Status status = Sales(token, response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << token;
    if (first_message.empty()) first_message = status.error_message();
    EXPECT_EQ(status.error_message(), first_message);
    EXPECT_FALSE(absl::StrContains(status.error_message(), "acme"));
  }
  // Every service, and the stream, ask the same.
  v1::ComputeSalesBriefingResponse briefing;
  EXPECT_EQ(v1::DashboardService::NewStub(Channel())
                ->ComputeSalesBriefing(Context().get(), v1::ComputeSalesBriefingRequest(), &briefing)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  auto context = Context("wrong-token");
  auto stream = v1::AlertService::NewStub(Channel())->WatchAlerts(context.get(), v1::WatchAlertsRequest());
  v1::WatchAlertsResponse event;
  EXPECT_FALSE(stream->Read(&event));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecurityTest, AVerifiedClientCertificateIdentifiesItsCaller) {
  EXPECT_EQ(SalesSeenBy("", Channel(Tls("ca", "client"))), kAcmeSales);
  // The same name from a CA the server does not trust gets no handshake.
  EXPECT_EQ(SalesSeenBy("", Channel(Tls("ca", "stranger"))), -1);
}

TEST_F(SecurityTest, TheTransportRefusesPlaintextAndAnUntrustedServer) {
  v1::ComputeMetricResponse response;
  EXPECT_EQ(Sales("acme-token", response, Channel(grpc::InsecureChannelCredentials())).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Sales("acme-token", response, Channel(Tls("other-ca"))).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(SecurityTest, AScopedCallerSeesOnlyItsRows) {
  EXPECT_EQ(SalesSeenBy("east-token"), kAcmeEastSales);
  v1::ComputeMetricResponse response;
  ASSERT_TRUE(Sales("east-token", response, nullptr,
                    Request("total_sales").Period("2024-01-01", "2024-02-01").GroupBy("region"))
                  .ok());
  ASSERT_EQ(response.groups_size(), 1);
  EXPECT_EQ(response.groups(0).key(), "east");
  EXPECT_EQ(Sales("east-token", response, nullptr,
                  Request("total_sales").Period("2024-01-01", "2024-02-01").Where("region", {"west"}))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Only its metric, and the same answer whether another exists or not.
  auto metrics = v1::MetricsService::NewStub(Channel());
  v1::ListMetricsResponse list;
  ASSERT_TRUE(metrics->ListMetrics(Context("east-token").get(), v1::ListMetricsRequest(), &list).ok());
  ASSERT_EQ(list.metrics_size(), 1);
  EXPECT_EQ(list.metrics(0).metric_id(), "total_sales");
  for (const std::string name : {"metrics/win_rate", "metrics/no_such_metric"}) {
    v1::GetMetricRequest request;
    request.set_name(name);
    v1::Metric metric;
    EXPECT_EQ(metrics->GetMetric(Context("east-token").get(), request, &metric).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  // sales_per_rep's reps have no region: under the scope they count for
  // nothing, rather than every rep of the company showing.
  ASSERT_TRUE(Sales("reps-token", response, nullptr, Request("sales_per_rep").Period("2024-01-01", "2024-02-01")).ok());
  EXPECT_EQ(response.result().table().rows_size(), 0);
  v1::ComputeMetricResponse unscoped;
  ASSERT_TRUE(Sales("acme-token", unscoped, nullptr, Request("sales_per_rep").Period("2024-01-01", "2024-02-01")).ok());
  EXPECT_GT(unscoped.result().table().rows_size(), 0);
  // Company-wide views are not for it.
  v1::ComputeSalesBriefingResponse briefing;
  EXPECT_EQ(v1::DashboardService::NewStub(Channel())
                ->ComputeSalesBriefing(Context("east-token").get(), v1::ComputeSalesBriefingRequest(), &briefing)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::EvaluateAlertsResponse alerts;
  EXPECT_EQ(v1::AlertService::NewStub(Channel())
                ->EvaluateAlerts(Context("east-token").get(), v1::EvaluateAlertsRequest(), &alerts)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SecurityTest, ACallerMayCallOnlyItsRpcs) {
  EXPECT_EQ(SalesSeenBy("metrics-token"), kAcmeSales);
  v1::ComputeSalesBriefingResponse briefing;
  const grpc::Status refused =
      v1::DashboardService::NewStub(Channel())
          ->ComputeSalesBriefing(Context("metrics-token").get(), v1::ComputeSalesBriefingRequest(), &briefing);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(refused.error_message(), "the caller may not call salesmetrics.v1.DashboardService/ComputeSalesBriefing");
  // The audit line names who tried.
  EXPECT_TRUE(absl::StrContains(suite_->server->Log(), "detail=\"caller acme-metrics-only of tenant acme\""));
}

TEST_F(SecurityTest, HealthIsOpenAndReflectionFollowsTheServices) {
  grpc::health::v1::HealthCheckResponse health;
  ASSERT_TRUE(grpc::health::v1::Health::NewStub(Channel())
                  ->Check(Context().get(), grpc::health::v1::HealthCheckRequest(), &health)
                  .ok());
  EXPECT_EQ(health.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  const auto list_services = [](const std::string& token, grpc::reflection::v1alpha::ServerReflectionResponse& out) {
    auto context = Context(token);
    auto stream = grpc::reflection::v1alpha::ServerReflection::NewStub(Channel())->ServerReflectionInfo(context.get());
    grpc::reflection::v1alpha::ServerReflectionRequest request;
    request.set_list_services("");
    EXPECT_TRUE(stream->Write(request));
    EXPECT_TRUE(stream->Read(&out));
    stream->WritesDone();
    return stream->Finish();
  };
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  grpc::Status status = list_services("", response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(response.list_services_response().service_size(), 0);
  EXPECT_EQ(response.error_response().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  status = list_services("metrics-token", response);  // not allowed reflection
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(response.list_services_response().service_size(), 0);
  status = list_services("acme-token", response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  bool listed = false;
  for (const auto& service : response.list_services_response().service()) {
    listed = listed || service.name() == "salesmetrics.v1.MetricsService";
  }
  EXPECT_TRUE(listed);
}

TEST_F(SecurityTest, EveryCallHasARequestIdAndAnAuditLine) {
  auto context = Context("acme-token");
  context->AddMetadata("x-request-id", "audit-test-1");
  v1::ComputeMetricResponse response;
  ASSERT_TRUE(v1::MetricsService::NewStub(Channel())
                  ->ComputeMetric(context.get(), Request("total_sales").Period("2024-01-01", "2024-02-01"), &response)
                  .ok());
  const auto id = context->GetServerInitialMetadata().find("x-request-id");
  ASSERT_NE(id, context->GetServerInitialMetadata().end());
  EXPECT_EQ(std::string(id->second.data(), id->second.size()), "audit-test-1");
  EXPECT_TRUE(absl::StrContains(suite_->server->Log(), "audit rpc=ComputeMetric metric=total_sales status=OK"));
  EXPECT_TRUE(absl::StrContains(suite_->server->Log(), "caller=acme-admin tenant=acme request_id=audit-test-1"));
  // Refusals are audited too, without the token.
  auto refused = Context("a-secret-guess");
  refused->AddMetadata("x-request-id", "audit-test-2");
  EXPECT_EQ(v1::MetricsService::NewStub(Channel())
                ->ComputeMetric(refused.get(), Request("total_sales").Period("2024-01-01", "2024-02-01"), &response)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  const std::string log = suite_->server->Log();
  const size_t id_at = log.find("request_id=audit-test-2");
  ASSERT_NE(id_at, std::string::npos) << log;
  const std::string line = log.substr(log.rfind('\n', id_at) + 1, log.find('\n', id_at) - log.rfind('\n', id_at));
  EXPECT_TRUE(absl::StrContains(line, "audit rpc=ComputeMetric metric=- status=UNAUTHENTICATED")) << line;
  EXPECT_TRUE(absl::StrContains(line, "caller=- tenant=-")) << line;
  EXPECT_FALSE(absl::StrContains(suite_->server->Log(), "a-secret-guess"));
  EXPECT_FALSE(absl::StrContains(suite_->server->Log(), "acme-token"));
}

// Last: it changes the files. A reload rotates the server's certificate
// (open connections and streams go on), revokes a caller (its stream
// ends) and adds a tenant.
TEST_F(SecurityTest, ZReloadRotatesRevokesAndAddsWithoutDroppingConnections) {
  std::shared_ptr<grpc::Channel> old_connection = Channel();
  ASSERT_EQ(SalesSeenBy("acme-token", old_connection), kAcmeSales);
  grpc::ClientContext acme_context, watcher_context;
  for (grpc::ClientContext* context : {&acme_context, &watcher_context}) {
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  }
  acme_context.AddMetadata("authorization", "Bearer acme-token");
  watcher_context.AddMetadata("authorization", "Bearer watcher-token");
  auto acme_stream = v1::AlertService::NewStub(old_connection)->WatchAlerts(&acme_context, v1::WatchAlertsRequest());
  auto watcher_stream = v1::AlertService::NewStub(Channel())->WatchAlerts(&watcher_context, v1::WatchAlertsRequest());
  v1::WatchAlertsResponse event;
  ASSERT_TRUE(acme_stream->Read(&event));  // the active stalled-deals alert
  EXPECT_EQ(event.change(), v1::WatchAlertsResponse::CHANGE_ACTIVE);
  EXPECT_TRUE(Mentions({event.alert()}, "a_only"));
  EXPECT_FALSE(Mentions({event.alert()}, "g_only"));
  ASSERT_TRUE(watcher_stream->Read(&event));
  EXPECT_TRUE(Mentions({event.alert()}, "g_only"));

  // A new certificate from another CA; globex-watcher revoked; initech added.
  fs::copy_file(suite_->certificates.Pem("rotated"), suite_->File("live.pem"), fs::copy_options::overwrite_existing);
  fs::copy_file(suite_->certificates.Key("rotated"), suite_->File("live.key"), fs::copy_options::overwrite_existing);
  std::string credentials = Contents(suite_->File("credentials.textproto"));
  credentials.replace(credentials.find("allow_rpc: \"salesmetrics.v1.AlertService/*\""), 0, "revoked: true ");
  suite_->Write("credentials.textproto",
                credentials + Caller("initech-admin", "initech", TokenOf("initech-token") + "allow_rpc: \"*\""));
  suite_->Write("tenants.textproto", Contents(suite_->File("tenants.textproto")) +
                                         absl::StrCat("tenant { name: \"initech\" database_url: \"",
                                                      suite_->initech->reader_url(), "\" }\n"));
  suite_->server->Signal(SIGHUP);

  // The revoked caller's stream ends, and so do its calls.
  EXPECT_FALSE(watcher_stream->Read(&event));
  EXPECT_EQ(watcher_stream->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CodeFor("watcher-token"), grpc::StatusCode::UNAUTHENTICATED);
  // New handshakes present the new certificate.
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (SalesSeenBy("acme-token", Channel(Tls("other-ca"))) != kAcmeSales && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_EQ(SalesSeenBy("acme-token", Channel(Tls("other-ca"))), kAcmeSales);
  EXPECT_EQ(SalesSeenBy("acme-token", Channel(Tls("ca"))), -1);
  EXPECT_EQ(SalesSeenBy("initech-token", Channel(Tls("other-ca"))), 0);
  // The connection made before goes on, and so does its stream: closing
  // acme's open deal resolves its alert, which the stream still tells.
  EXPECT_EQ(SalesSeenBy("acme-token", old_connection), kAcmeSales);
  ASSERT_TRUE(suite_->acme->Execute("UPDATE opportunities SET status = 'lost', closed_at = '2024-03-01 00:00:00' "
                                    "WHERE status = 'open'")
                  .ok());
  ASSERT_TRUE(acme_stream->Read(&event));
  EXPECT_EQ(event.change(), v1::WatchAlertsResponse::CHANGE_RESOLVED);
  acme_context.TryCancel();
}

TEST(SecuritySettingsTest, TheServerRefusesWhatWouldExposeIt) {
  const std::string dir = ::testing::TempDir();
  const std::string log = dir + "/refused_" + std::to_string(getpid()) + ".log";
  const std::string credentials = dir + "/credentials_" + std::to_string(getpid()) + ".textproto";
  std::ofstream(credentials) << Caller("a", "default", TokenOf("t") + "allow_rpc: \"*\"");
  auto db = TestDatabase::Create(Backend::kPostgres);
  ASSERT_TRUE(db.ok()) << db.status();
  const auto refusal = [&](const std::string& args) {
    const std::string command = absl::StrCat("timeout 5 ", SALESMETRICS_SERVER_BINARY,
                                             " --plugin_dir=" SALESMETRICS_PLUGIN_DIR " ", args, " 2>", log);
    EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 2) << args;
    return Contents(log);
  };
  EXPECT_TRUE(absl::StrContains(refusal("--database=" + (*db)->reader_url() + " --listen=0.0.0.0:0"),
                                "is not loopback, which needs authentication"));
  EXPECT_TRUE(absl::StrContains(
      refusal("--database=" + (*db)->reader_url() + " --listen=0.0.0.0:0 --credentials_file=" + credentials),
      "is not loopback, which needs TLS"));
  // The database owner may write: refused, unless explicitly allowed.
  const std::string owner_refusal = refusal("--database=" + (*db)->url() + " --listen=127.0.0.1:0");
  EXPECT_TRUE(absl::StrContains(owner_refusal, "is a superuser")) << owner_refusal;
  auto allowed = ServerProcess::Start(SALESMETRICS_SERVER_BINARY,
                                      {"--database=" + (*db)->url(), "--plugin_dir=" SALESMETRICS_PLUGIN_DIR,
                                       "--allow_privileged_database_role"});
  ASSERT_TRUE(allowed.ok()) << allowed.status();
  EXPECT_TRUE(absl::StrContains((*allowed)->Log(), "allowed by --allow_privileged_database_role"));
}

}  // namespace
}  // namespace salesmetrics::testing
