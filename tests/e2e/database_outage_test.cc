// The database goes away under a steady load and comes back: the server
// answers UNAVAILABLE meanwhile (never INTERNAL, never a crash), its health
// says NOT_SERVING, and it recovers within two seconds of the return.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <filesystem>
#include <map>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"
#include "tests/support/server_process.h"

namespace salesmetrics::testing {
namespace {

namespace fs = std::filesystem;
using HealthStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

// Runs scripts/postgres.sh and returns what it printed.
std::string PostgresScript(const std::string& args) {
  const std::string command = absl::StrCat(SALESMETRICS_SOURCE_DIR, "/scripts/postgres.sh ", args);
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[256];
    while (fgets(buffer, sizeof(buffer), pipe) != nullptr) out += buffer;
    pclose(pipe);
  }
  return std::string(absl::StripAsciiWhitespace(out));
}

// Clients computing a metric without pause, and one watching health, each
// recording what it saw and when.
class SteadyLoad {
 public:
  SteadyLoad(const std::string& address, int clients) {
    channel_ = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
    for (int i = 0; i < clients; ++i) threads_.emplace_back([this] { Compute(); });
    threads_.emplace_back([this] { WatchHealth(); });
  }
  ~SteadyLoad() { Stop(); }

  void Stop() {
    stop_ = true;
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  struct Answer {
    absl::Time at;
    grpc::StatusCode code;
    std::string message;
  };
  std::vector<Answer> answers() {
    absl::MutexLock lock(&mu_);
    return answers_;
  }
  // When health first said `status` at or after `since`.
  std::optional<absl::Time> FirstHealth(HealthStatus status, absl::Time since) {
    absl::MutexLock lock(&mu_);
    for (const auto& [at, seen] : health_) {
      if (at >= since && seen == status) return at;
    }
    return std::nullopt;
  }
  std::optional<absl::Time> FirstAnswer(grpc::StatusCode code, absl::Time since) {
    absl::MutexLock lock(&mu_);
    for (const Answer& a : answers_) {
      if (a.at >= since && a.code == code) return a.at;
    }
    return std::nullopt;
  }

 private:
  void Compute() {
    auto stub = v1::MetricsService::NewStub(channel_);
    while (!stop_) {
      grpc::ClientContext context;
      context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(3)));
      v1::ComputeMetricResponse response;
      const grpc::Status status =
          stub->ComputeMetric(&context, Request("total_sales").Period("2024-01-01", "2024-02-01"), &response);
      absl::MutexLock lock(&mu_);
      answers_.push_back({absl::Now(), status.error_code(), status.error_message()});
      if (!status.ok()) absl::SleepFor(absl::Milliseconds(20));
    }
  }
  void WatchHealth() {
    auto stub = grpc::health::v1::Health::NewStub(channel_);
    while (!stop_) {
      grpc::ClientContext context;
      context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
      grpc::health::v1::HealthCheckRequest request;
      request.set_service("salesmetrics.v1.MetricsService");
      grpc::health::v1::HealthCheckResponse response;
      if (stub->Check(&context, request, &response).ok()) {
        absl::MutexLock lock(&mu_);
        health_.emplace_back(absl::Now(), response.status());
      }
      absl::SleepFor(absl::Milliseconds(50));
    }
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
  absl::Mutex mu_;
  std::vector<Answer> answers_ ABSL_GUARDED_BY(mu_);
  std::vector<std::pair<absl::Time, HealthStatus>> health_ ABSL_GUARDED_BY(mu_);
};

TEST(DatabaseOutageTest, PostgresStoppedUnderLoadThenRestarted) {
  const fs::path dir = fs::temp_directory_path() / absl::StrCat("outage_pg_", getpid());
  const std::string start = absl::StrCat("start ", dir.string(), " ", FreePort());
  const std::string admin_url = PostgresScript(start);
  ASSERT_TRUE(absl::StartsWith(admin_url, "postgresql://")) << admin_url;
  {
    auto db = TestDatabase::CreatePostgres(admin_url);
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)->Execute(kClosedDealsFixture).ok());
    PluginDirectory plugins;
    auto server = ServerProcess::Start(SALESMETRICS_SERVER_BINARY,
                                       {"--database=" + (*db)->reader_url(), "--plugin_dir=" + plugins.path().string()});
    ASSERT_TRUE(server.ok()) << server.status();

    SteadyLoad load((*server)->address(), 4);
    absl::SleepFor(absl::Seconds(1));
    const absl::Time stopped = absl::Now();
    PostgresScript("kill " + dir.string());
    absl::SleepFor(absl::Seconds(4));
    ASSERT_EQ(PostgresScript(start), admin_url);
    const absl::Time returned = absl::Now();
    absl::SleepFor(absl::Seconds(3));
    load.Stop();

    std::map<grpc::StatusCode, int> codes;
    for (const auto& answer : load.answers()) {
      ++codes[answer.code];
      EXPECT_TRUE(answer.code == grpc::StatusCode::OK || answer.code == grpc::StatusCode::UNAVAILABLE)
          << answer.code << ": " << answer.message;
      if (answer.code == grpc::StatusCode::UNAVAILABLE) {
        EXPECT_EQ(answer.message.find("127.0.0.1"), std::string::npos) << answer.message;  // no host for clients
      }
    }
    EXPECT_GT(codes[grpc::StatusCode::OK], 20);
    EXPECT_GT(codes[grpc::StatusCode::UNAVAILABLE], 20);
    const auto not_serving = load.FirstHealth(grpc::health::v1::HealthCheckResponse::NOT_SERVING, stopped);
    ASSERT_TRUE(not_serving.has_value());
    EXPECT_LT(*not_serving - stopped, absl::Seconds(4));
    const auto serving = load.FirstHealth(grpc::health::v1::HealthCheckResponse::SERVING, returned);
    ASSERT_TRUE(serving.has_value());
    EXPECT_LT(*serving - returned, absl::Seconds(2));
    const auto recovered = load.FirstAnswer(grpc::StatusCode::OK, returned);
    ASSERT_TRUE(recovered.has_value());
    EXPECT_LT(*recovered - returned, absl::Seconds(2));
    std::cout << "answers: " << codes[grpc::StatusCode::OK] << " OK, " << codes[grpc::StatusCode::UNAVAILABLE]
              << " UNAVAILABLE; NOT_SERVING " << absl::FormatDuration(*not_serving - stopped)
              << " after the stop, SERVING " << absl::FormatDuration(*serving - returned)
              << " and the first OK answer " << absl::FormatDuration(*recovered - returned) << " after the return\n";
    // Every answer after the recovery is an answer.
    for (const auto& answer : load.answers()) {
      if (answer.at > *recovered + absl::Milliseconds(500)) {
        EXPECT_EQ(answer.code, grpc::StatusCode::OK) << answer.message;
      }
    }
    EXPECT_EQ((*server)->Stop(), 0) << (*server)->Log();
  }
  PostgresScript("stop " + dir.string());
  fs::remove_all(dir);
}

TEST(DatabaseOutageTest, ADeletedSqliteFileIsReportedAndAReplacedOneRead) {
  auto db = TestDatabase::Create(Backend::kSqlite);
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Execute(kClosedDealsFixture).ok());
  const std::string path((*db)->url().substr(std::string("sqlite3://").size()));
  PluginDirectory plugins;
  auto server = ServerProcess::Start(SALESMETRICS_SERVER_BINARY,
                                     {"--database=" + (*db)->reader_url(), "--plugin_dir=" + plugins.path().string()});
  ASSERT_TRUE(server.ok()) << server.status();
  auto stub = v1::MetricsService::NewStub(grpc::CreateChannel((*server)->address(), grpc::InsecureChannelCredentials()));
  const auto total_sales = [&](v1::ComputeMetricResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    return stub->ComputeMetric(&context, Request("total_sales").Period("2024-01-01", "2024-02-01"), response);
  };
  v1::ComputeMetricResponse response;
  ASSERT_TRUE(total_sales(&response).ok());
  EXPECT_TRUE(IsMoney(response.result().value(), 3052));

  SteadyLoad watch((*server)->address(), 0);
  const absl::Time deleted = absl::Now();
  fs::rename(path, path + ".moved");
  grpc::Status status = total_sales(&response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  absl::SleepFor(absl::Seconds(4));
  const auto not_serving = watch.FirstHealth(grpc::health::v1::HealthCheckResponse::NOT_SERVING, deleted);
  ASSERT_TRUE(not_serving.has_value());
  EXPECT_LT(*not_serving - deleted, absl::Seconds(4));

  // Another database put in its place (an empty one): read, not the old copy.
  auto other = TestDatabase::Create(Backend::kSqlite);
  ASSERT_TRUE(other.ok()) << other.status();
  const std::string other_path((*other)->url().substr(std::string("sqlite3://").size()));
  fs::copy_file(other_path, path + ".new");
  fs::rename(path + ".new", path);
  const absl::Time replaced = absl::Now();
  absl::SleepFor(absl::Seconds(3));
  const auto serving = watch.FirstHealth(grpc::health::v1::HealthCheckResponse::SERVING, replaced);
  ASSERT_TRUE(serving.has_value());
  EXPECT_LT(*serving - replaced, absl::Seconds(2));
  ASSERT_TRUE(total_sales(&response).ok());
  EXPECT_TRUE(IsMoney(response.result().value(), 0));

  // And the first one back again.
  fs::rename(path + ".moved", path);
  ASSERT_TRUE(total_sales(&response).ok());
  EXPECT_TRUE(IsMoney(response.result().value(), 3052));
  watch.Stop();
  EXPECT_EQ((*server)->Stop(), 0) << (*server)->Log();
}

}  // namespace
}  // namespace salesmetrics::testing
