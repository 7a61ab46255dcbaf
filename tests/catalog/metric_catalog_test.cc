// Reloading the catalog: new, changed, broken and removed plugins and
// definitions, and a library that stays loaded while a metric of it is in use.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/catalog/catalog_test_env.h"

namespace salesmetrics::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Outcome = SourceReport::Outcome;

class MetricCatalogTest : public ::testing::Test, public CatalogTest {
 protected:
  void SetUp() override { SetUpCatalog(Backend::kSqlite); }

  std::vector<std::string> Ids() const {
    std::vector<std::string> ids;
    for (const auto& m : registry_.List()) ids.push_back(m->id());
    return ids;
  }

  // Computes `metric` in January 2024 through a registry of its own.
  absl::StatusOr<v1::ComputeMetricResponse> ComputeWith(std::shared_ptr<const RegisteredMetric> metric) {
    MetricRegistry registry;
    if (absl::Status s = registry.AddAll({metric}); !s.ok()) return s;
    MetricEngine engine(&registry, pool_.get(), "CNY");
    return engine.Compute(Request(metric->id()).Period("2024-01-01", "2024-02-01"), absl::Now() + absl::Seconds(30));
  }
};

TEST_F(MetricCatalogTest, DefinitionsAppearChangeAndDisappear) {
  EXPECT_TRUE(Reload().empty());
  EXPECT_TRUE(Ids().empty());

  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  EXPECT_EQ(Reload()["won_amount.textproto"].outcome, Outcome::kLoaded);
  EXPECT_THAT(Ids(), ElementsAre("won_amount"));
  const auto first = registry_.Find("won_amount");

  auto again = Reload();
  EXPECT_EQ(again["won_amount.textproto"].outcome, Outcome::kUnchanged);
  EXPECT_THAT(again["won_amount.textproto"].metric_ids, ElementsAre("won_amount"));
  EXPECT_EQ(registry_.Find("won_amount"), first);

  std::string changed = kWonAmountDefinition;
  changed.replace(changed.find("\"Won amount\""), 12, "\"Won amount, v2\"");
  definitions_.Write("won_amount.textproto", changed);
  EXPECT_EQ(Reload()["won_amount.textproto"].outcome, Outcome::kLoaded);
  EXPECT_EQ(registry_.Find("won_amount")->info().display_name(), "Won amount, v2");
  EXPECT_EQ(first->info().display_name(), "Won amount");  // whoever holds the old one keeps it

  definitions_.Remove("won_amount.textproto");
  EXPECT_EQ(Reload()["won_amount.textproto"].outcome, Outcome::kRemoved);
  EXPECT_TRUE(Ids().empty());
}

TEST_F(MetricCatalogTest, ABrokenChangeKeepsTheLastGoodVersion) {
  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  Reload();
  definitions_.Write("won_amount.textproto", "id: \"won_amount\"\nunit: \"money\"\nsql: \"DELETE FROM payments\"\n");
  SourceReport report = Reload()["won_amount.textproto"];
  EXPECT_EQ(report.outcome, Outcome::kRefused);
  EXPECT_TRUE(report.kept_previous);
  EXPECT_THAT(std::string(report.error.message()), HasSubstr(":3: sql is not a SELECT statement"));
  EXPECT_THAT(report.metric_ids, ElementsAre("won_amount"));
  auto served = ComputeWith(registry_.Find("won_amount"));
  ASSERT_TRUE(served.ok()) << served.status();
  EXPECT_TRUE(IsMoney(served->result().value(), 3052));

  // Fixed: loaded again.
  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  EXPECT_EQ(Reload()["won_amount.textproto"].outcome, Outcome::kLoaded);
}

TEST_F(MetricCatalogTest, EveryReloadReportsTheRefusalUntilTheFileChanges) {
  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  Reload();
  definitions_.Write("won_amount.textproto", "id: \"won_amount\"\nunit: \"money\"\nsql: \"SELECT 1; SELECT 2\"\n");
  Reload();
  SourceReport again = Reload()["won_amount.textproto"];
  EXPECT_EQ(again.outcome, Outcome::kRefused);
  EXPECT_TRUE(again.kept_previous);
  EXPECT_THAT(std::string(again.error.message()), HasSubstr(":3: sql holds more than one statement"));
  EXPECT_THAT(Ids(), ElementsAre("won_amount"));
}

TEST_F(MetricCatalogTest, AnIdServedByAFileWhoseChangeIsRefusedStaysItsOwn) {
  definitions_.Write("b.textproto", kWonAmountDefinition);
  Reload();
  definitions_.Write("b.textproto", "id: \"won_amount\"\nunit: \"money\"\nsql: \"DELETE FROM payments\"\n");
  definitions_.Write("a.textproto", kWonAmountDefinition);  // sorts first, wants the same id
  auto reports = Reload();
  EXPECT_EQ(reports["a.textproto"].outcome, Outcome::kRefused);
  EXPECT_THAT(std::string(reports["a.textproto"].error.message()), HasSubstr("is already registered"));
  EXPECT_EQ(reports["b.textproto"].outcome, Outcome::kRefused);
  EXPECT_TRUE(reports["b.textproto"].kept_previous);
  EXPECT_THAT(Ids(), ElementsAre("won_amount"));
  EXPECT_EQ(registry_.Find("won_amount")->info().plugin(), definitions_.File("b.textproto"));
}

TEST_F(MetricCatalogTest, ADefinitionUncheckedForWantOfTheDatabaseIsTriedAgain) {
  ConnectionPool unreachable({.url = *ParseDatabaseUrl("postgresql://nobody@127.0.0.1:1/none"), .size = 1});
  MetricRegistry registry;
  MetricCatalog catalog(plugins_.path().string(), definitions_.path().string(), HostApi(), &registry, &unreachable);
  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto reports = catalog.Reload();
    ASSERT_TRUE(reports.ok()) << reports.status();
    ASSERT_EQ(reports->size(), 1u);
    EXPECT_EQ((*reports)[0].outcome, Outcome::kRefused);
    EXPECT_EQ((*reports)[0].error.code(), absl::StatusCode::kUnavailable);
    EXPECT_THAT(std::string((*reports)[0].error.message()), HasSubstr("the next reload tries again"));
  }
  EXPECT_TRUE(registry.List().empty());
}

TEST_F(MetricCatalogTest, APluginReplacedByABrokenBuildKeepsServing) {
  plugins_.Copy(GOOD_PLUGIN, "counts.so");
  EXPECT_EQ(Reload()["counts.so"].outcome, Outcome::kLoaded);
  EXPECT_THAT(Ids(), ElementsAre("test_opportunity_count"));
  EXPECT_EQ(registry_.Find("test_opportunity_count")->info().plugin(), plugins_.File("counts.so"));

  plugins_.Copy(BROKEN_PLUGIN, "counts.so");
  SourceReport report = Reload()["counts.so"];
  EXPECT_EQ(report.outcome, Outcome::kRefused);
  EXPECT_TRUE(report.kept_previous);
  EXPECT_THAT(std::string(report.error.message()), HasSubstr("boom during init"));
  EXPECT_THAT(Ids(), ElementsAre("test_opportunity_count"));
}

TEST_F(MetricCatalogTest, ALibraryStaysLoadedWhileAMetricOfItIsInUse) {
  plugins_.Copy(GOOD_PLUGIN, "counts.so");
  Reload();
  const auto in_use = registry_.Find("test_opportunity_count");
  plugins_.Remove("counts.so");
  EXPECT_EQ(Reload()["counts.so"].outcome, Outcome::kRemoved);
  EXPECT_TRUE(Ids().empty());

  // Created in January 2024: o3, o4, o6, o7, o8.
  auto r = ComputeWith(in_use);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(IsCount(r->result().value(), 5));
}

TEST_F(MetricCatalogTest, AnIdTakenByAnotherFileIsRefused) {
  definitions_.Write("a.textproto", kWonAmountDefinition);
  definitions_.Write("b.textproto", kWonAmountDefinition);
  auto reports = Reload();
  EXPECT_EQ(reports["a.textproto"].outcome, Outcome::kLoaded);
  EXPECT_EQ(reports["b.textproto"].outcome, Outcome::kRefused);
  EXPECT_THAT(std::string(reports["b.textproto"].error.message()),
              HasSubstr(definitions_.File("b.textproto") + ":1: metric id \"won_amount\" is already registered"));
  EXPECT_THAT(Ids(), ElementsAre("won_amount"));
}

TEST_F(MetricCatalogTest, AnUnreadableDirectoryChangesNothing) {
  definitions_.Write("won_amount.textproto", kWonAmountDefinition);
  Reload();
  MetricCatalog broken("/nonexistent/plugins", definitions_.path().string(), HostApi(), &registry_, pool_.get());
  auto reports = broken.Reload();
  EXPECT_EQ(reports.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(reports.status().message()), HasSubstr("/nonexistent/plugins"));
  EXPECT_THAT(Ids(), ElementsAre("won_amount"));
}

}  // namespace
}  // namespace salesmetrics::testing
