// The loader refuses broken plugins one by one, with the reason; the
// catalog logs one line naming the file and the reason, and goes on with
// the rest.
#include "core/plugin/plugin_loader.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "core/catalog/metric_catalog.h"
#include "core/engine/host_api.h"
#include "core/util/log.h"
#include "core/util/status_detail.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {
namespace {

std::string Fixture(const std::string& name) { return std::string(LOADER_FIXTURE_DIR) + "/" + name + ".so"; }

class PluginLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSinkForTesting([this](LogLevel level, const std::string& line) { log_.push_back({level, line}); });
    MetricCatalog catalog(SALESMETRICS_PLUGIN_DIR, "", HostApi(), &registry_, nullptr);
    ASSERT_TRUE(catalog.Reload().ok());
    log_.clear();
  }
  void TearDown() override { SetLogSinkForTesting(nullptr); }

  // Opens a fixture expecting a refusal whose reason contains `reason`.
  void ExpectRefused(const std::string& name, const std::string& reason) {
    auto metrics = OpenPlugin(Fixture(name), HostApi(), [&](const std::string& id) { return registry_.Contains(id); });
    ASSERT_FALSE(metrics.ok()) << name;
    EXPECT_TRUE(absl::StrContains(metrics.status().message(), reason)) << metrics.status();
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
  auto metrics = OpenPlugin(path, HostApi(), [](const std::string&) { return false; });
  EXPECT_TRUE(absl::StrContains(metrics.status().message(), "cannot be loaded")) << metrics.status();
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
  MetricCatalog catalog(dir.string(), "", HostApi(), &registry, nullptr);
  auto reports = catalog.Reload();
  ASSERT_TRUE(reports.ok());
  ASSERT_EQ(reports->size(), 4u);
  EXPECT_EQ(registry.List().size(), 1u);
  EXPECT_TRUE(registry.Contains("test_opportunity_count"));
  // One line per plugin, in name order: three refused with the file and the reason, one loaded.
  ASSERT_EQ(log_.size(), 4u);
  const std::vector<std::pair<const char*, const char*>> expected = {
      {"abi_version_mismatch", "built for plugin ABI 2.0"},
      {"good_plugin", "test_opportunity_count"},
      {"init_throws", "boom during init"},
      {"missing_entry_point", "no entry point"}};
  for (size_t i = 0; i < expected.size(); ++i) {
    const std::string file = (dir / (std::string(expected[i].first) + ".so")).string();
    EXPECT_EQ(log_[i].first, i == 1 ? LogLevel::kInfo : LogLevel::kError) << log_[i].second;
    EXPECT_TRUE(absl::StrContains(log_[i].second, file + ": ")) << log_[i].second;
    EXPECT_TRUE(absl::StrContains(log_[i].second, expected[i].second)) << log_[i].second;
  }
  std::filesystem::remove_all(dir);
}

class FailingPluginTest : public MetricTest {};

TEST_P(FailingPluginTest, AFailingComputeFailsOnlyThatRequest) {
  MetricRegistry registry;
  auto metrics = OpenPlugin(Fixture("compute_throws"), HostApi(), [](const std::string&) { return false; });
  ASSERT_TRUE(metrics.ok()) << metrics.status();
  ASSERT_TRUE(registry.AddAll(*metrics).ok());
  ASSERT_TRUE(registry.AddAll({BuildPlugins().Find("total_sales")}).ok());
  engine_ = std::make_unique<MetricEngine>(&registry, pool_.get(), "CNY");
  auto thrown = Compute(Request("test_throws").Period("2024-01-01", "2024-02-01"));
  EXPECT_EQ(thrown.status().code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(absl::StrContains(thrown.status().message(), "division by zebra")) << thrown.status();
  auto bad_sql = Compute(Request("test_bad_sql").Period("2024-01-01", "2024-02-01"));
  EXPECT_EQ(bad_sql.status().code(), absl::StatusCode::kInternal);
  // What the database said is for the log, not for the client.
  EXPECT_FALSE(absl::StrContains(bad_sql.status().message(), "no_such_table")) << bad_sql.status();
  EXPECT_TRUE(absl::StrContains(LogDetailOf(bad_sql.status()), "no_such_table")) << bad_sql.status();
  // The engine and the connection go on serving.
  auto fine = Compute(Request("total_sales").Period("2024-01-01", "2024-02-01"));
  EXPECT_TRUE(fine.ok()) << fine.status();
}

INSTANTIATE_BACKENDS(FailingPluginTest);

}  // namespace
}  // namespace salesmetrics::testing
