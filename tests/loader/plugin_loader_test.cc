// The loader refuses broken plugins one by one, with one log line naming
// the file and the reason, and goes on with the rest.
#include "core/plugin/plugin_loader.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "core/engine/host_api.h"
#include "core/util/log.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

std::string Fixture(const std::string& name) { return std::string(LOADER_FIXTURE_DIR) + "/" + name + ".so"; }

class PluginLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSinkForTesting([this](LogLevel level, const std::string& line) { log_.push_back({level, line}); });
    ASSERT_TRUE(LoadPluginDirectory(SALESMETRICS_PLUGIN_DIR, HostApi(), registry_).ok());
    log_.clear();
  }
  void TearDown() override { SetLogSinkForTesting(nullptr); }

  // Loads a fixture expecting a refusal whose reason contains `reason`.
  void ExpectRefused(const std::string& name, const std::string& reason) {
    const size_t metrics_before = registry_.List().size();
    const PluginLoadResult result = LoadPlugin(Fixture(name), HostApi(), registry_);
    EXPECT_FALSE(result.status.ok()) << name;
    EXPECT_TRUE(absl::StrContains(result.status.message(), reason)) << result.status;
    ASSERT_EQ(log_.size(), 1u) << name;
    EXPECT_EQ(log_[0].first, LogLevel::kError);
    EXPECT_TRUE(absl::StrContains(log_[0].second, Fixture(name))) << log_[0].second;
    EXPECT_TRUE(absl::StrContains(log_[0].second, reason)) << log_[0].second;
    EXPECT_EQ(registry_.List().size(), metrics_before) << "a refused plugin must register nothing";
    log_.clear();
  }

  MetricRegistry registry_;
  std::vector<std::pair<LogLevel, std::string>> log_;
};

TEST_F(PluginLoaderTest, LoadsTheStandardPlugins) {
  EXPECT_TRUE(registry_.Contains("total_sales"));
  EXPECT_TRUE(registry_.Contains("win_rate"));
  EXPECT_EQ(registry_.Find("win_rate")->info().plugin(), std::string(SALESMETRICS_PLUGIN_DIR) + "/win_rate.so");
}

TEST_F(PluginLoaderTest, RefusesAWrongMajorAbiVersionNamingBothVersions) {
  ExpectRefused("abi_version_mismatch", "built for plugin ABI 2.0, but this server provides ABI 1.0");
}

TEST_F(PluginLoaderTest, RefusesANewerMinorAbiVersion) { ExpectRefused("abi_minor_too_new", "ABI 1.1"); }

TEST_F(PluginLoaderTest, RefusesALibraryWithoutTheEntryPoint) {
  ExpectRefused("missing_entry_point", "no entry point salesmetrics_plugin()");
}

TEST_F(PluginLoaderTest, RefusesAnInitThatThrows) { ExpectRefused("init_throws", "boom during init"); }

TEST_F(PluginLoaderTest, RefusesAnInitThatFails) { ExpectRefused("init_refuses", "licence file not found"); }

TEST_F(PluginLoaderTest, RefusesAPluginThatRegistersNothing) {
  ExpectRefused("registers_nothing", "registered no metrics");
}

TEST_F(PluginLoaderTest, RefusesAMetricIdAlreadyRegistered) {
  ExpectRefused("duplicate_id", "metric id \"total_sales\" is already registered");
}

TEST_F(PluginLoaderTest, RefusesUnknownDimensionsAndKeepsNothingOfThePlugin) {
  ExpectRefused("unknown_dimension", "unknown dimension \"planet\"");
  EXPECT_FALSE(registry_.Contains("test_first_metric"));
}

TEST_F(PluginLoaderTest, RefusesAFileThatIsNotALibrary) {
  const std::string path = std::filesystem::temp_directory_path() / "not_a_library.so";
  { std::ofstream(path) << "hello"; }
  const PluginLoadResult result = LoadPlugin(path, HostApi(), registry_);
  EXPECT_TRUE(absl::StrContains(result.status.message(), "cannot be loaded")) << result.status;
  std::filesystem::remove(path);
}

TEST_F(PluginLoaderTest, ADirectoryWithBrokenPluginsStillLoadsTheGoodOnes) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("plugins_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  for (const char* name : {"abi_version_mismatch", "init_throws", "good_plugin", "missing_entry_point"}) {
    std::filesystem::copy_file(Fixture(name), dir / (std::string(name) + ".so"),
                               std::filesystem::copy_options::overwrite_existing);
  }
  MetricRegistry registry;
  auto results = LoadPluginDirectory(dir.string(), HostApi(), registry);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->size(), 4u);
  EXPECT_EQ(registry.List().size(), 1u);
  EXPECT_TRUE(registry.Contains("test_opportunity_count"));
  EXPECT_EQ(log_.size(), 4u);  // one line per plugin: three refused, one loaded
  std::filesystem::remove_all(dir);
}

class FailingPluginTest : public MetricTest {};

TEST_P(FailingPluginTest, AFailingComputeFailsOnlyThatRequest) {
  ASSERT_TRUE(LoadPlugin(Fixture("compute_throws"), HostApi(), const_cast<MetricRegistry&>(BuildPlugins())).status.ok() ||
              BuildPlugins().Contains("test_throws"));
  auto thrown = Compute(Request("test_throws").Period("2024-01-01", "2024-02-01"));
  EXPECT_EQ(thrown.status().code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(absl::StrContains(thrown.status().message(), "division by zebra")) << thrown.status();
  auto bad_sql = Compute(Request("test_bad_sql").Period("2024-01-01", "2024-02-01"));
  EXPECT_EQ(bad_sql.status().code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(absl::StrContains(bad_sql.status().message(), "no_such_table")) << bad_sql.status();
  // The engine and the connection go on serving.
  auto fine = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01"));
  EXPECT_TRUE(fine.ok()) << fine.status();
}

INSTANTIATE_BACKENDS(FailingPluginTest);

}  // namespace
}  // namespace salesmetrics::testing
