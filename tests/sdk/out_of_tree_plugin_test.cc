// The plugin SDK end to end, as a customer uses it: install this build to a
// temporary prefix, build plugins/examples/pipeline_coverage against it as a
// project of its own, drop the .so into the installed server's plugin
// directory and compute the metric over gRPC.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "salesmetrics/v1/metrics_service.grpc.pb.h"
#include "tests/support/metric_test_env.h"
#include "tests/support/server_process.h"

namespace salesmetrics::testing {
namespace {

namespace fs = std::filesystem;

// Q1 2024 with as_of 2024-02-15 00:00 UTC. Every expected value is worked
// out by hand from these tables. One rep, one account, one stage.
//
// | id | status | amount | created_at (UTC)    | expected close | closed_at (UTC)     | note                      |
// | w0 | won    | 500    | 2023-10-01 00:00:00 |                | 2023-12-31 23:59:59 | before Q1                 |
// | w1 | won    | 1000   | 2023-10-01 00:00:00 |                | 2024-01-10 00:00:00 | January                   |
// | w2 | won    | 2000   | 2023-10-01 00:00:00 |                | 2024-02-14 23:59:59 | February, before as_of    |
// | w3 | won    | 4000   | 2023-10-01 00:00:00 |                | 2024-02-15 00:00:00 | exactly at as_of: not yet |
// | w4 | won    | 8000   | 2023-10-01 00:00:00 |                | 2024-03-05 00:00:00 | after as_of               |
// | l1 | lost   | 300    | 2023-10-01 00:00:00 | 2024-02-01     | 2024-01-20 00:00:00 | neither open nor won      |
// | o1 | open   | 3000   | 2023-12-01 00:00:00 | 2024-01-31     |                     | January                   |
// | o2 | open   | 5000   | 2024-01-10 00:00:00 | 2024-03-31     |                     | March                     |
// | o3 | open   | 7000   | 2024-02-15 00:00:01 | 2024-03-10     |                     | created after as_of       |
// | o4 | open   | 9000   | 2024-01-01 00:00:00 | 2024-04-01     |                     | expected in Q2            |
// | o5 | open   | 11     | 2024-01-01 00:00:00 | (null)         |                     | never expected            |
//
// Targets: company total_sales 3000 (January), 4000 (February), 5000
// (March); also a company one straddling March and April (ignored), a rep's
// and an mql_count one (not company total_sales).
constexpr char kFixture[] = R"sql(
INSERT INTO sales_reps (id, name, team_id, hired_at, left_at) VALUES ('r_ann', 'Ann', NULL, NULL, NULL);
INSERT INTO accounts (id, name, segment, industry, region, created_at) VALUES
  ('a_acme', 'Acme', 'smb', NULL, 'east', '2023-01-01 00:00:00');
INSERT INTO pipeline_stages (id, name, position, win_probability) VALUES ('s_prop', 'Propose', 1, 50);
INSERT INTO opportunities (id, name, account_id, owner_rep_id, product_line, region, amount_minor, created_at,
                           expected_close_date, stage_id, status, closed_at, is_key) VALUES
  ('w0', NULL, 'a_acme', 'r_ann', NULL, NULL, 500,  '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2023-12-31 23:59:59', FALSE),
  ('w1', NULL, 'a_acme', 'r_ann', NULL, NULL, 1000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2024-01-10 00:00:00', FALSE),
  ('w2', NULL, 'a_acme', 'r_ann', NULL, NULL, 2000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2024-02-14 23:59:59', FALSE),
  ('w3', NULL, 'a_acme', 'r_ann', NULL, NULL, 4000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2024-02-15 00:00:00', FALSE),
  ('w4', NULL, 'a_acme', 'r_ann', NULL, NULL, 8000, '2023-10-01 00:00:00', NULL,         's_prop', 'won',  '2024-03-05 00:00:00', FALSE),
  ('l1', NULL, 'a_acme', 'r_ann', NULL, NULL, 300,  '2023-10-01 00:00:00', '2024-02-01', 's_prop', 'lost', '2024-01-20 00:00:00', FALSE),
  ('o1', NULL, 'a_acme', 'r_ann', NULL, NULL, 3000, '2023-12-01 00:00:00', '2024-01-31', 's_prop', 'open', NULL, FALSE),
  ('o2', NULL, 'a_acme', 'r_ann', NULL, NULL, 5000, '2024-01-10 00:00:00', '2024-03-31', 's_prop', 'open', NULL, FALSE),
  ('o3', NULL, 'a_acme', 'r_ann', NULL, NULL, 7000, '2024-02-15 00:00:01', '2024-03-10', 's_prop', 'open', NULL, FALSE),
  ('o4', NULL, 'a_acme', 'r_ann', NULL, NULL, 9000, '2024-01-01 00:00:00', '2024-04-01', 's_prop', 'open', NULL, FALSE),
  ('o5', NULL, 'a_acme', 'r_ann', NULL, NULL, 11,   '2024-01-01 00:00:00', NULL,         's_prop', 'open', NULL, FALSE);
INSERT INTO targets (id, metric, scope, scope_id, period_start, period_end, target_value) VALUES
  ('t_jan', 'total_sales', 'company', NULL,    '2024-01-01', '2024-02-01', 3000),
  ('t_feb', 'total_sales', 'company', NULL,    '2024-02-01', '2024-03-01', 4000),
  ('t_mar', 'total_sales', 'company', NULL,    '2024-03-01', '2024-04-01', 5000),
  ('t_mid', 'total_sales', 'company', NULL,    '2024-03-15', '2024-04-15', 99999),
  ('t_rep', 'total_sales', 'rep',     'r_ann', '2024-01-01', '2024-04-01', 5555),
  ('t_mql', 'mql_count',   'company', NULL,    '2024-01-01', '2024-04-01', 100)
)sql";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs a shell command with its output in `log`, shown when it fails.
::testing::AssertionResult RunCommand(const std::string& command, const fs::path& log) {
  const int rc = std::system((command + " >'" + log.string() + "' 2>&1").c_str());
  if (rc == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << command << "\nexited with " << rc << ":\n" << ReadFile(log);
}

std::string Quoted(const fs::path& path) { return "'" + path.string() + "'"; }

class OutOfTreePluginTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    prefix_ = fs::temp_directory_path() / ("sdk_test_" + std::to_string(getpid()) + "_" + BackendName(GetParam()));
    fs::remove_all(prefix_);
    fs::create_directories(prefix_);
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(prefix_);
  }

  absl::StatusOr<v1::ComputeMetricResponse> Compute(const v1::ComputeMetricRequest& request) {
    auto stub = v1::MetricsService::NewStub(grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ComputeMetricResponse response;
    const grpc::Status status = stub->ComputeMetric(&context, request, &response);
    if (!status.ok()) return absl::InternalError(status.error_message());
    return response;
  }

  fs::path prefix_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(OutOfTreePluginTest, AnExampleBuiltAgainstTheInstalledSdkIsServed) {
  const std::string cmake = CMAKE_COMMAND;
  const fs::path log = prefix_ / "command.log";
  ASSERT_TRUE(RunCommand(cmake + " --install " + Quoted(SALESMETRICS_BUILD_DIR) + " --prefix " + Quoted(prefix_), log));
  const fs::path build = prefix_ / "build";
  ASSERT_TRUE(RunCommand(cmake + " -S " + Quoted(EXAMPLE_SOURCE_DIR) + " -B " + Quoted(build) + " -G '" CMAKE_GENERATOR
                      "' -DCMAKE_PREFIX_PATH=" + Quoted(prefix_) + " '-DCMAKE_CXX_FLAGS=" EXAMPLE_CXX_FLAGS "'",
                  log));
  ASSERT_TRUE(RunCommand(cmake + " --build " + Quoted(build), log));

  const fs::path plugin_dir = prefix_ / INSTALL_LIBDIR / "salesmetrics" / "plugins";
  ASSERT_TRUE(fs::exists(plugin_dir / "total_sales.so")) << "the standard plugins are not installed";
  auto db = TestDatabase::Create(GetParam());
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Execute(kFixture).ok());
  auto server = ServerProcess::Start((prefix_ / INSTALL_BINDIR / "salesmetrics-server").string(),
                                     {"--database=" + (*db)->reader_url(), "--plugin_dir=" + plugin_dir.string()});
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = *std::move(server);

  // Dropped into the running server's plugin directory, served after SIGHUP.
  fs::copy_file(build / "pipeline_coverage.so", plugin_dir / "pipeline_coverage.so");
  server_->Signal(SIGHUP);
  ASSERT_TRUE(server_->WaitUntilServed("pipeline_coverage")) << server_->Log();

  auto r = Compute(Request("pipeline_coverage")
                       .Period("2024-01-01", "2024-04-01")
                       .AsOf("2024-02-15T00:00:00Z")
                       .Granularity(v1::GRANULARITY_MONTH));
  ASSERT_TRUE(r.ok()) << r.status() << "\n" << server_->Log();
  // Q1. Open at as_of, expected in Q1: o1 + o2 = 8000 (o3 opens after as_of,
  // o4 is expected in Q2, o5 never). Won in [Jan 1, as_of): w1 + w2 = 3000.
  // Target: January + February + March = 12000.
  EXPECT_TRUE(IsMoneyRatio(r->result().value(), 8000, 12000 - 3000));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "open_pipeline"), 8000));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "won_to_date"), 3000));
  EXPECT_TRUE(IsMoney(Measure(r->result(), "target"), 12000));
  ASSERT_EQ(r->series_size(), 3);
  // January: o1 3000 / (3000 - w1 1000), won up to the end of January.
  EXPECT_TRUE(IsMoneyRatio(r->series(0).result().value(), 3000, 2000));
  // February: nothing open expected in it; won up to as_of: w2.
  EXPECT_TRUE(IsMoneyRatio(r->series(1).result().value(), 0, 4000 - 2000));
  // March, after as_of: nothing won yet; o2 5000 / 5000.
  EXPECT_TRUE(IsMoneyRatio(r->series(2).result().value(), 5000, 5000));
  EXPECT_TRUE(IsMoney(Measure(r->series(2).result(), "won_to_date"), 0));

  // By June everything was won: w1 + w2 + w3 + w4 = 15000 >= 12000.
  auto met = Compute(Request("pipeline_coverage").Period("2024-01-01", "2024-04-01").AsOf("2024-06-01T00:00:00Z"));
  ASSERT_TRUE(met.ok()) << met.status();
  EXPECT_TRUE(IsMoney(Measure(met->result(), "won_to_date"), 15000));
  EXPECT_TRUE(IsAbsent(met->result().value()));
}

INSTANTIATE_BACKENDS(OutOfTreePluginTest);

}  // namespace
}  // namespace salesmetrics::testing
