// Plugins run isolated, each in a worker process: a good one answers as it
// would in process; a crashing, a looping, a memory-hungry and a
// never-initialising one fail only their own requests, while a steady load
// on every other metric sees no error at all.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <map>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"
#include "server/worker_process.h"
#include "tests/support/server_process.h"

namespace salesmetrics::testing {
namespace {

namespace fs = std::filesystem;

// The processes whose parent is `pid`.
std::vector<pid_t> ChildrenOf(pid_t pid) {
  std::vector<pid_t> children;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // pid (comm) state ppid ...: comm may hold spaces, so read after ")".
    std::istringstream rest(line.substr(line.rfind(')') + 1));
    std::string state;
    pid_t parent = 0;
    if (rest >> state >> parent && parent == pid) children.push_back(std::stoi(entry.path().filename().string()));
  }
  return children;
}

class IsolatedPluginTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    ASSERT_TRUE(db_->Execute(kClosedDealsFixture).ok());
    isolated_ = fs::temp_directory_path() / absl::StrCat("isolated_", getpid(), "_", GetParam());
    fs::create_directories(isolated_);
    for (const char* fixture :
         {"good_plugin", "compute_crashes", "compute_loops", "compute_hogs_memory", "init_hangs"}) {
      fs::copy_file(fs::path(LOADER_FIXTURE_DIR) / absl::StrCat(fixture, ".so"),
                    isolated_ / absl::StrCat(fixture, ".so"), fs::copy_options::overwrite_existing);
    }
    auto server = ServerProcess::Start(
        SALESMETRICS_SERVER_BINARY,
        {"--database=" + db_->reader_url(), "--plugin_dir=" + plugins_.path().string(),
         "--isolated_plugin_dir=" + isolated_.string(), "--isolated_init_seconds=2", "--isolated_memory_mb=512"});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::MetricsService::NewStub(grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(isolated_);
  }

  grpc::Status Compute(const v1::ComputeMetricRequest& request, v1::ComputeMetricResponse* response,
                       absl::Duration timeout = absl::Seconds(10)) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    return stub_->ComputeMetric(&context, request, response);
  }

  std::unique_ptr<TestDatabase> db_;
  PluginDirectory plugins_;
  fs::path isolated_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<v1::MetricsService::Stub> stub_;
};

TEST_P(IsolatedPluginTest, AnIsolatedMetricAnswersAsInProcess) {
  v1::ComputeMetricResponse response;
  // Opportunities created: o1, o2 in December; o3, o4, o6, o7, o8 in January.
  const grpc::Status status = Compute(
      Request("test_opportunity_count").Period("2023-12-01", "2024-02-01").Granularity(v1::GRANULARITY_MONTH),
      &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(IsCount(response.result().value(), 7));
  ASSERT_EQ(response.series_size(), 2);
  EXPECT_TRUE(IsCount(response.series(0).result().value(), 2));
  EXPECT_TRUE(IsCount(response.series(1).result().value(), 5));
  // Validated like any other metric, before the worker sees it.
  EXPECT_EQ(Compute(Request("test_opportunity_count").Period("2024-02-01", "2024-01-01"), &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetMetricRequest get;
  get.set_name("metrics/test_opportunity_count");
  v1::Metric metric;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->GetMetric(&context, get, &metric).ok());
  EXPECT_EQ(metric.plugin(), "good_plugin.so");  // its name, not the server's path
}

TEST_P(IsolatedPluginTest, FaultyPluginsFailOnlyTheirOwnRequests) {
  EXPECT_TRUE(absl::StrContains(server_->Log(), "init_hangs.so: its init did not finish within 2s")) << server_->Log();

  // A steady load on the other metrics, in process and isolated.
  std::atomic<bool> stop{false};
  absl::Mutex mu;
  std::map<std::string, int> answers, failures;
  std::vector<std::string> messages;
  std::vector<std::thread> load;
  for (const char* metric : {"total_sales", "win_rate", "test_opportunity_count", "total_sales"}) {
    load.emplace_back([&, metric] {
      while (!stop) {
        v1::ComputeMetricResponse response;
        const grpc::Status status = Compute(Request(metric).Period("2024-01-01", "2024-02-01"), &response);
        absl::MutexLock lock(&mu);
        ++answers[metric];
        if (!status.ok()) {
          ++failures[metric];
          messages.push_back(absl::StrCat(metric, ": ", status.error_message()));
        }
      }
    });
  }
  const int64_t rss_before = server_->RssKib();
  std::map<std::string, std::map<grpc::StatusCode, int>> faults;
  const absl::Time started = absl::Now();
  while (absl::Now() - started < absl::Seconds(12)) {
    for (const std::string metric : {"test_crashes", "test_loops", "test_hogs_memory"}) {
      // Without a memory limit (the sanitizer build) the hog would take the machine's.
      if (metric == "test_hogs_memory" && !kWorkerMemoryLimited) continue;
      v1::ComputeMetricResponse response;
      // Only the looping one needs its deadline; the others answer by themselves.
      const absl::Duration timeout = metric == "test_loops" ? absl::Milliseconds(1500) : absl::Seconds(10);
      const grpc::Status status = Compute(Request(metric).Period("2024-01-01", "2024-02-01"), &response, timeout);
      ++faults[metric][status.error_code()];
    }
  }
  stop = true;
  for (std::thread& t : load) t.join();

  for (const auto& [metric, count] : answers) EXPECT_GT(count, 5) << metric;
  EXPECT_TRUE(failures.empty()) << messages.front();
  // Each faulty plugin failed each of its requests, its own way.
  for (const auto& [metric, codes] : faults) {
    for (const auto& [code, count] : codes) {
      const bool expected = metric == "test_crashes"       ? code == grpc::StatusCode::UNAVAILABLE
                            : metric == "test_loops"       ? code == grpc::StatusCode::DEADLINE_EXCEEDED ||
                                                           code == grpc::StatusCode::UNAVAILABLE
                                                           : code == grpc::StatusCode::RESOURCE_EXHAUSTED ||
                                                           code == grpc::StatusCode::UNAVAILABLE;
      EXPECT_TRUE(expected) << metric << " answered " << code << " " << count << " times";
    }
  }
  EXPECT_GT(faults["test_crashes"][grpc::StatusCode::UNAVAILABLE], 0);
  EXPECT_GT(faults["test_loops"][grpc::StatusCode::DEADLINE_EXCEEDED], 0);
  if (kWorkerMemoryLimited) {
    EXPECT_GT(faults["test_hogs_memory"][grpc::StatusCode::RESOURCE_EXHAUSTED], 0);
  }
  // The workers were crashed, replaced and restarted; the server took none
  // of their memory.
  const std::string log = server_->Log();
  EXPECT_TRUE(absl::StrContains(log, "compute_crashes.so: its worker (pid")) << log;
  // (AddressSanitizer reports the crash, and exits.)
  if (!kAddressSanitizer) {
    EXPECT_TRUE(absl::StrContains(log, "ended with signal 11 (Segmentation fault)")) << log;
  }
  EXPECT_TRUE(absl::StrContains(log, "compute_loops.so: its worker (pid")) << log;
  EXPECT_TRUE(absl::StrContains(log, "did not answer by the request's deadline; replacing it")) << log;
  EXPECT_TRUE(absl::StrContains(log, "compute_loops.so: its worker restarted")) << log;
  // (Under AddressSanitizer RSS says little.)
  if (!kAddressSanitizer) {
    EXPECT_LT(server_->RssKib() - rss_before, 32 * 1024);
  }
  // And it stops within its grace period, workers and all.
  const std::vector<pid_t> workers = ChildrenOf(server_->pid());
  EXPECT_GE(workers.size(), 2u);  // the crashing or looping one may be between two lives
  const absl::Time stopping = absl::Now();
  EXPECT_EQ(server_->Stop(), 0) << log;
  EXPECT_LT(absl::Now() - stopping, absl::Seconds(10));
  for (pid_t worker : workers) {
    const absl::Time until = absl::Now() + absl::Seconds(5);
    while (fs::exists(absl::StrCat("/proc/", worker)) && absl::Now() < until) absl::SleepFor(absl::Milliseconds(20));
    EXPECT_FALSE(fs::exists(absl::StrCat("/proc/", worker))) << worker;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, IsolatedPluginTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

}  // namespace
}  // namespace salesmetrics::testing
