// Requests a hostile caller would send, against the real server: each is
// answered within its deadline with a clear status naming the field or
// limit, and none makes the server hang, grow, echo or forge anything.
// One test per defect class of issue 10.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "salesmetrics/v1/alerts.grpc.pb.h"
#include "salesmetrics/v1/dashboards.grpc.pb.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"
#include "tests/support/server_process.h"

namespace salesmetrics::testing {
namespace {

namespace fs = std::filesystem;

// The field names of a status's BadRequest details.
std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  google::rpc::Status details;
  google::rpc::BadRequest bad_request;
  std::vector<std::string> fields;
  if (!details.ParseFromString(status.error_details())) return fields;
  for (const auto& any : details.details()) {
    if (any.UnpackTo(&bad_request)) {
      for (const auto& v : bad_request.field_violations()) fields.push_back(v.field());
    }
  }
  return fields;
}

class HostileRequestTest : public ::testing::TestWithParam<Backend> {
 protected:
  void StartServer(std::vector<std::string> extra_args = {}, std::vector<std::string> fixtures = {}) {
    auto db = TestDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    ASSERT_TRUE(db_->Execute(kClosedDealsFixture).ok());
    for (const std::string& fixture : fixtures) AddFixture(fixture);
    std::vector<std::string> args = {"--database=" + db_->reader_url(), "--plugin_dir=" + plugin_dir_.path().string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    auto server = ServerProcess::Start(SALESMETRICS_SERVER_BINARY, args);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    metrics_ = v1::MetricsService::NewStub(channel_);
  }
  void AddFixture(const std::string& name) {
    plugin_dir_.Add(fs::path(LOADER_FIXTURE_DIR) / (name + ".so"), name + ".so");
  }

  static std::unique_ptr<grpc::ClientContext> Context(absl::Duration timeout = absl::Seconds(10)) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    return context;
  }

  grpc::Status Compute(const v1::ComputeMetricRequest& request, absl::Duration timeout = absl::Seconds(10)) {
    v1::ComputeMetricResponse response;
    return metrics_->ComputeMetric(Context(timeout).get(), request, &response);
  }

  // Sends `bytes` as the request of `method`, as a client with another
  // protobuf library (or none) could.
  grpc::Status RawCall(const std::string& method, const std::string& bytes) {
    grpc::GenericStub stub(channel_);
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1), response;
    auto context = Context();
    absl::Mutex mu;
    std::optional<grpc::Status> result;
    stub.UnaryCall(context.get(), method, grpc::StubOptions(), &request, &response, [&](grpc::Status status) {
      absl::MutexLock lock(&mu);
      result = status;
    });
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(+[](std::optional<grpc::Status>* r) { return r->has_value(); }, &result));
    return *result;
  }

  // The server still answers promptly, and SIGTERM still stops it.
  void ExpectHealthyAndStoppable() {
    const absl::Time started = absl::Now();
    EXPECT_TRUE(Compute(Request("total_sales").Period("2024-01-01", "2024-02-01")).ok());
    EXPECT_LT(absl::Now() - started, absl::Seconds(2));
    EXPECT_EQ(server_->Stop(), 0) << server_->Log();
  }

  std::unique_ptr<TestDatabase> db_;
  PluginDirectory plugin_dir_;
  std::unique_ptr<ServerProcess> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::MetricsService::Stub> metrics_;
};

// Defect 1: a far as_of looped forever in the day arithmetic.
TEST_P(HostileRequestTest, FarTimesAreRefusedUpFrontNamingTheField) {
  StartServer();
  auto alerts = v1::AlertService::NewStub(channel_);
  for (int64_t seconds : {std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(),
                          int64_t{253402300799}, int64_t{-2208988801}, int64_t{7289654400}}) {
    SCOPED_TRACE(seconds);
    v1::EvaluateAlertsRequest request;
    request.mutable_as_of()->set_seconds(seconds);
    v1::EvaluateAlertsResponse response;
    const absl::Time started = absl::Now();
    const grpc::Status status = alerts->EvaluateAlerts(Context(absl::Seconds(5)).get(), request, &response);
    EXPECT_LT(absl::Now() - started, absl::Seconds(1));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"as_of"}) << status.error_message();
    EXPECT_TRUE(absl::StrContains(status.error_message(), "between 1900-01-01 and 2200-12-31"))
        << status.error_message();

    v1::ComputeMetricRequest compute = Request("total_sales").Period("2024-01-01", "2024-02-01");
    compute.mutable_as_of()->set_seconds(seconds);
    const grpc::Status computed = Compute(compute, absl::Seconds(5));
    EXPECT_EQ(computed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(ViolatedFields(computed), std::vector<std::string>{"as_of"});

    v1::ComputeSalesBriefingRequest briefing;
    briefing.mutable_period()->set_period_start("2024-01-01");
    briefing.mutable_period()->set_period_end("2024-02-01");
    briefing.mutable_period()->mutable_as_of()->set_seconds(seconds);
    v1::ComputeSalesBriefingResponse briefed;
    const grpc::Status dashboard = v1::DashboardService::NewStub(channel_)->ComputeSalesBriefing(
        Context(absl::Seconds(5)).get(), briefing, &briefed);
    EXPECT_EQ(dashboard.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(ViolatedFields(dashboard), std::vector<std::string>{"period.as_of"});
  }
  for (const char* date : {"1899-12-31", "2201-01-01", "9999-12-31T23:59:59"}) {
    const grpc::Status status = Compute(Request("total_sales").Period(date, "2024-02-01"));
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << date;
    EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"period_start"}) << status.error_message();
  }
  // The widest period allowed, by year, in a zone far from UTC.
  EXPECT_TRUE(Compute(Request("total_sales")
                          .Period("1900-01-01", "2200-12-31T23:59:59")
                          .TimeZone("Pacific/Kiritimati")
                          .Granularity(v1::GRANULARITY_YEAR))
                  .ok());
  ExpectHealthyAndStoppable();
}

// Defect 2: every distinct invalid zone stayed in memory. (The unit test
// LoadZoneTest.UnknownNamesLeaveNothingBehind asks for 200,000 names.)
TEST_P(HostileRequestTest, UnknownTimeZonesLeaveNothingBehind) {
  StartServer();
  const std::string megabyte(1 << 20, 'z');
  // Warm up the threads and buffers a megabyte request uses.
  for (int i = 0; i < 40; ++i) Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").TimeZone(megabyte));
  const int64_t before = server_->RssKib();
  for (int i = 0; i < 150; ++i) {
    const grpc::Status status =
        Compute(Request("total_sales").Period("2024-01-01", "2024-02-01").TimeZone(absl::StrCat(i, megabyte)));
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    ASSERT_EQ(ViolatedFields(status), std::vector<std::string>{"time_zone"});
  }
  // Short names that look like zones but are none: each was cached before.
  for (int i = 0; i < 5000; ++i) {
    const grpc::Status status = Compute(
        Request("total_sales").Period("2024-01-01", "2024-02-01").TimeZone(absl::StrCat("Mars/Crater_", i)));
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  }
  const int64_t after = server_->RssKib();
  EXPECT_LT(after - before, 16 * 1024) << before << " KiB before, " << after << " KiB after";
  ExpectHealthyAndStoppable();
}

// Defect 3: a megabyte value was echoed into the message and the log; a
// newline forged a log line.
TEST_P(HostileRequestTest, ValuesAreQuotedShortAndEscaped) {
  StartServer();
  const size_t log_before = server_->Log().size();
  const std::string megabyte(1 << 20, 'm');
  for (int i = 0; i < 20; ++i) {
    const grpc::Status status = Compute(Request(megabyte).Period("2024-01-01", "2024-02-01"));
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message().substr(0, 200);
    EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"metric"});
    EXPECT_LT(status.error_message().size(), 200u);
  }
  EXPECT_LT(server_->Log().size() - log_before, 20 * 400u);

  const std::string forged = "2026-01-01T00:00:00.000Z E forged record";
  const grpc::Status status = Compute(Request("nope\n" + forged).Period("2024-01-01", "2024-02-01"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(absl::StrContains(status.error_message(), "\"nope\\n2026-01-01T00:00:00.000Z E forged record\""))
      << status.error_message();
  EXPECT_FALSE(absl::StrContains(server_->Log(), "\n" + forged)) << server_->Log();
  EXPECT_TRUE(absl::StrContains(server_->Log(), "nope\\n2026")) << server_->Log();
  ExpectHealthyAndStoppable();
}

// Defect 4: invalid UTF-8 gave INTERNAL with an empty message.
TEST_P(HostileRequestTest, InvalidUtf8NamesTheField) {
  StartServer();
  const std::string bad = "\xff\xfe";
  v1::ComputeMetricRequest compute = Request("total_sales").Period("2024-01-01", "2024-02-01");
  // Appending a field to an encoded message sets it (the last one wins).
  const auto with_string = [](const google::protobuf::Message& m, int field, const std::string& value) {
    return m.SerializeAsString() + static_cast<char>(field << 3 | 2) + static_cast<char>(value.size()) + value;
  };
  grpc::Status status = RawCall("/salesmetrics.v1.MetricsService/ComputeMetric", with_string(compute, 4, bad));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"time_zone"});
  EXPECT_EQ(status.error_message(), "time_zone: is not valid UTF-8");

  v1::Filter filter;
  filter.set_dimension("region");
  filter.add_values("west");
  filter.add_values("a" + bad);
  status = RawCall("/salesmetrics.v1.MetricsService/ComputeMetric", with_string(compute, 8, filter.SerializePartialAsString()));
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"filters[0].values[1]"}) << status.error_message();

  v1::DashboardPeriod period;
  period.set_period_start("2024-01-01");
  period.set_period_end("2024-02-01");
  const std::string period_bytes = with_string(period, 3, bad);
  status = RawCall("/salesmetrics.v1.DashboardService/ComputeFunnel",
                   std::string(1, static_cast<char>(1 << 3 | 2)) + static_cast<char>(period_bytes.size()) + period_bytes);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"period.time_zone"}) << status.error_message();

  status = RawCall("/salesmetrics.v1.MetricsService/ComputeMetric", "\x0a\xff");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "the request is not a valid salesmetrics.v1.ComputeMetricRequest message");
  ExpectHealthyAndStoppable();
}

// Defect 5: a huge filter kept the server busy past every deadline; many
// filters leaked the SQL; a long series outgrew the client's message limit.
TEST_P(HostileRequestTest, EveryLimitIsNamedBeforeWorkStarts) {
  StartServer();
  const auto expect_refused = [&](const v1::ComputeMetricRequest& request, grpc::StatusCode code,
                                  const std::string& field, const std::string& words) {
    const absl::Time started = absl::Now();
    const grpc::Status status = Compute(request, absl::Seconds(5));
    EXPECT_LT(absl::Now() - started, absl::Seconds(1));
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    if (!field.empty()) {
      EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{field}) << status.error_message();
    }
    EXPECT_TRUE(absl::StrContains(status.error_message(), words)) << status.error_message();
    EXPECT_FALSE(absl::StrContains(status.error_message(), "SELECT")) << status.error_message();
  };
  std::vector<std::string> many(70000);
  for (size_t i = 0; i < many.size(); ++i) many[i] = absl::StrCat("rep", i);
  expect_refused(Request("total_sales").Period("2024-01-01", "2024-02-01").Where("rep", many),
                 grpc::StatusCode::INVALID_ARGUMENT, "filters[0].values", "at most 1000 are allowed");
  many.resize(600);
  expect_refused(Request("total_sales").Period("2024-01-01", "2024-02-01").Where("rep", many).Where("team", many),
                 grpc::StatusCode::INVALID_ARGUMENT, "filters", "hold 1200 values together; at most 1000");
  v1::ComputeMetricRequest filters = Request("total_sales").Period("2024-01-01", "2024-02-01");
  for (int i = 0; i < 1000; ++i) {
    v1::Filter* f = filters.add_filters();
    f->set_dimension("region");
    f->add_values("west");
  }
  expect_refused(filters, grpc::StatusCode::INVALID_ARGUMENT, "filters", "holds 1000 filters; at most 16");
  expect_refused(Request("sales_per_rep").Period("2020-01-01", "2025-06-23").Granularity(v1::GRANULARITY_DAY),
                 grpc::StatusCode::INVALID_ARGUMENT, "granularity", "more than 1000 buckets");
  v1::ComputeMetricRequest parameters = Request("win_rate").Period("2024-01-01", "2024-02-01");
  for (int i = 0; i < 33; ++i) (*parameters.mutable_parameters())[absl::StrCat("p", i)] = "x";
  expect_refused(parameters, grpc::StatusCode::INVALID_ARGUMENT, "parameters", "at most 32");

  // The longest series allowed answers, and within the client's limit.
  const grpc::Status longest =
      Compute(Request("sales_per_rep").Period("2021-01-01", "2023-09-28").Granularity(v1::GRANULARITY_DAY));
  EXPECT_TRUE(longest.ok()) << longest.error_message();
  ExpectHealthyAndStoppable();
}

// The client's deadline and the server's maximum both reach the database.
TEST_P(HostileRequestTest, DeadlinesEndQueriesInTheDatabase) {
  // One connection: a statement left running would hold it.
  StartServer({"--max_request_seconds=2", "--pool_size=1"}, {"slow_query"});
  absl::Time started = absl::Now();
  grpc::Status status = Compute(Request("test_slow_query").Period("2024-01-01", "2024-02-01"), absl::Seconds(1));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(absl::Now() - started, absl::Seconds(2));

  started = absl::Now();
  status = Compute(Request("test_slow_query").Period("2024-01-01", "2024-02-01"), absl::Seconds(30));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << status.error_message();
  EXPECT_GT(absl::Now() - started, absl::Milliseconds(1900));
  EXPECT_LT(absl::Now() - started, absl::Seconds(4));
  // The statements were cancelled, not left running on the one connection.
  started = absl::Now();
  EXPECT_TRUE(Compute(Request("total_sales").Period("2024-01-01", "2024-02-01")).ok());
  EXPECT_LT(absl::Now() - started, absl::Seconds(1));
  ExpectHealthyAndStoppable();
}

// A trusted in-process plugin that never returns cannot stop SIGTERM.
TEST_P(HostileRequestTest, SigtermEndsTheServerWithinItsGraceWhateverAPluginDoes) {
  StartServer({"--shutdown_grace_seconds=2"}, {"compute_loops"});
  EXPECT_EQ(Compute(Request("test_loops").Period("2024-01-01", "2024-02-01"), absl::Milliseconds(500)).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  // A plugin whose init never returns, loaded by a reload.
  AddFixture("init_hangs");
  server_->Signal(SIGHUP);
  absl::SleepFor(absl::Milliseconds(300));
  server_->Signal(SIGHUP);  // refused while the first reload hangs, not queued behind it
  EXPECT_TRUE(Compute(Request("total_sales").Period("2024-01-01", "2024-02-01")).ok());
  const absl::Time started = absl::Now();
  EXPECT_EQ(server_->Stop(), 1) << server_->Log();
  EXPECT_LT(absl::Now() - started, absl::Seconds(5));
  EXPECT_TRUE(absl::StrContains(server_->Log(), "a reload of the metrics is still running")) << server_->Log();
  EXPECT_TRUE(absl::StrContains(server_->Log(), "exiting now")) << server_->Log();
}

// Starting can hang too (an in-process plugin whose init never returns):
// SIGTERM still ends the process at once.
TEST_P(HostileRequestTest, SigtermEndsAServerThatNeverFinishesStarting) {
  auto db = TestDatabase::Create(GetParam());
  ASSERT_TRUE(db.ok()) << db.status();
  AddFixture("init_hangs");
  const std::string log = (fs::temp_directory_path() / absl::StrCat("hangs_", getpid(), ".log")).string();
  const absl::Time started = absl::Now();
  // timeout sends SIGTERM after 2 s, and SIGKILL 10 s later if need be.
  const int status = std::system(absl::StrCat("timeout -k 10 2 ", SALESMETRICS_SERVER_BINARY, " --database=",
                                              (*db)->reader_url(), " --plugin_dir=", plugin_dir_.path().string(),
                                              " --listen=127.0.0.1:0 2>", log)
                                     .c_str());
  EXPECT_LT(absl::Now() - started, absl::Seconds(5));
  EXPECT_EQ(WEXITSTATUS(status), 124);  // timed out: it was the signal that ended it
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(absl::StrContains(text, "received signal 15 while starting; exiting now")) << text;
  fs::remove(log);
}

INSTANTIATE_TEST_SUITE_P(Backends, HostileRequestTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace salesmetrics::testing
