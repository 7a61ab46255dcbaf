// Starts the real salesmetrics-server and talks to it over gRPC, as a
// client would: health, reflection, metadata, values, errors, shutdown.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "absl/strings/match.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"
#include "tests/support/server_process.h"

namespace salesmetrics::testing {
namespace {

namespace fs = std::filesystem;

class ServerEndToEndTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    ASSERT_TRUE(db_->Execute(kClosedDealsFixture).ok());
    plugin_dir_.Add(BROKEN_PLUGIN, "broken.so");
    auto server = ServerProcess::Start(SALESMETRICS_SERVER_BINARY,
                                       {"--database=" + db_->reader_url(), "--plugin_dir=" + plugin_dir_.path().string()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    stub_ = v1::MetricsService::NewStub(channel_);
  }
  void TearDown() override {
    stub_.reset();
    channel_.reset();
    server_.reset();
  }

  std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  std::unique_ptr<TestDatabase> db_;
  PluginDirectory plugin_dir_;
  std::unique_ptr<ServerProcess> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::MetricsService::Stub> stub_;
};

TEST_P(ServerEndToEndTest, HealthAnswersServing) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::health::v1::HealthCheckRequest request;
  request.set_service("salesmetrics.v1.MetricsService");
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(Context().get(), request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_P(ServerEndToEndTest, ReflectionListsTheService) {
  auto reflection = grpc::reflection::v1alpha::ServerReflection::NewStub(channel_);
  auto context = Context();
  auto stream = reflection->ServerReflectionInfo(context.get());
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::vector<std::string> services;
  for (const auto& s : response.list_services_response().service()) services.push_back(s.name());
  EXPECT_NE(std::find(services.begin(), services.end(), "salesmetrics.v1.MetricsService"), services.end());
  stream->Finish();
}

TEST_P(ServerEndToEndTest, ServesTheGoodPluginsAndLogsTheBrokenOne) {
  v1::ListMetricsResponse response;
  ASSERT_TRUE(stub_->ListMetrics(Context().get(), v1::ListMetricsRequest(), &response).ok());
  std::vector<std::string> ids;
  for (const auto& m : response.metrics()) ids.push_back(m.metric_id());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "total_sales"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "win_rate"), ids.end());
  EXPECT_TRUE(absl::StrContains(server_->Log(), "plugin refused: " + (plugin_dir_.path() / "broken.so").string()))
      << server_->Log();
}

TEST_P(ServerEndToEndTest, ListMetricsPages) {
  v1::ListMetricsRequest request;
  request.set_page_size(1);
  v1::ListMetricsResponse first, second;
  ASSERT_TRUE(stub_->ListMetrics(Context().get(), request, &first).ok());
  ASSERT_EQ(first.metrics_size(), 1);
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  ASSERT_TRUE(stub_->ListMetrics(Context().get(), request, &second).ok());
  ASSERT_EQ(second.metrics_size(), 1);
  EXPECT_LT(first.metrics(0).metric_id(), second.metrics(0).metric_id());
}

TEST_P(ServerEndToEndTest, GetMetricReturnsItsMetadata) {
  v1::GetMetricRequest request;
  request.set_name("metrics/win_rate");
  v1::Metric metric;
  ASSERT_TRUE(stub_->GetMetric(Context().get(), request, &metric).ok());
  EXPECT_EQ(metric.unit(), v1::UNIT_RATIO);
  ASSERT_EQ(metric.parameters_size(), 1);
  EXPECT_EQ(metric.parameters(0).name(), "variant");
  EXPECT_EQ(metric.parameters(0).default_value(), "closed");
  request.set_name("metrics/nope");
  EXPECT_EQ(stub_->GetMetric(Context().get(), request, &metric).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(ServerEndToEndTest, ComputesValuesOverGrpc) {
  v1::ComputeMetricRequest request = Request("total_sales").Period("2024-01-01", "2024-02-01").GroupBy("region");
  v1::ComputeMetricResponse response;
  const grpc::Status status = stub_->ComputeMetric(Context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(IsMoney(response.result().value(), 3052));
  EXPECT_TRUE(IsMoney(GroupResult(response.groups(), "west").value(), 2001));
  EXPECT_TRUE(absl::StrContains(server_->Log(), "rpc=ComputeMetric metric=total_sales status=OK duration_ms="));
}

TEST_P(ServerEndToEndTest, InvalidArgumentsCarryFieldViolations) {
  v1::ComputeMetricRequest request = Request("win_rate").Period("2024-02-01", "2024-01-01").TimeZone("Nowhere/City");
  v1::ComputeMetricResponse response;
  const grpc::Status status = stub_->ComputeMetric(Context().get(), request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad_request));
  std::vector<std::string> fields;
  for (const auto& v : bad_request.field_violations()) fields.push_back(v.field());
  EXPECT_EQ(fields, (std::vector<std::string>{"time_zone", "period_end"}));
}

TEST_P(ServerEndToEndTest, StopsCleanlyOnSigterm) {
  EXPECT_EQ(server_->Stop(), 0);
  EXPECT_TRUE(absl::StrContains(server_->Log(), "stopped"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerEndToEndTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace salesmetrics::testing
