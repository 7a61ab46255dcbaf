// For the catalog tests: temporary plugin and definition directories, a
// definition, and a catalog over them on a database with the closed-deals
// fixture of tests/plugins.
#ifndef SALESMETRICS_TESTS_CATALOG_CATALOG_TEST_ENV_H_
#define SALESMETRICS_TESTS_CATALOG_CATALOG_TEST_ENV_H_

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "core/catalog/metric_catalog.h"
#include "core/engine/host_api.h"
#include "tests/plugins/closed_deals_fixture.h"
#include "tests/support/metric_test_env.h"

namespace salesmetrics::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("salesmetrics-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

  // Writes `text` to `name`, replacing it atomically (a server may be
  // reading the directory at the same time).
  void Write(const std::string& name, const std::string& text) const {
    const std::filesystem::path staged = path_ / ("." + name + ".tmp");
    std::ofstream(staged) << text;
    std::filesystem::rename(staged, path_ / name);
  }
  void Copy(const std::string& from, const std::string& name) const {
    const std::filesystem::path staged = path_ / ("." + name + ".tmp");
    std::filesystem::copy_file(from, staged, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::rename(staged, path_ / name);
  }
  void Remove(const std::string& name) const { std::filesystem::remove(path_ / name); }

 private:
  std::filesystem::path path_;
};

// Won amount closed in the period: total_sales's headline, declared in SQL.
inline constexpr char kWonAmountDefinition[] = R"pb(id: "won_amount"
display_name: "Won amount"
description: "Sum of the amounts won in the period."
unit: "money"
filter_dimensions: ["region", "product_line"]
group_by_dimensions: ["region"]
sql: "WITH {{buckets}} "
     "SELECT b.bucket, {{group_key(opportunity, o)}} AS group_key, SUM(o.amount_minor) "
     "FROM buckets b "
     "JOIN opportunities o ON o.closed_at >= b.start_at AND o.closed_at < b.end_at "
     "WHERE o.status = 'won'{{filters(opportunity, o)}} "
     "GROUP BY b.bucket, group_key"
)pb";

// A catalog over empty temporary directories, on `backend` with the
// closed-deals fixture.
class CatalogTest {
 protected:
  void SetUpCatalog(Backend backend) {
    auto db = TestDatabase::Create(backend);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    ASSERT_TRUE(db_->Execute(kClosedDealsFixture).ok());
    pool_ = std::make_unique<ConnectionPool>(
        ConnectionPool::Options{.url = *ParseDatabaseUrl(db_->url()), .size = 2, .read_only = true});
    catalog_ = std::make_unique<MetricCatalog>(plugins_.path().string(), definitions_.path().string(), HostApi(),
                                               &registry_, pool_.get());
  }

  // Reloads, and returns what happened to each file, by file name.
  std::map<std::string, SourceReport> Reload() {
    std::map<std::string, SourceReport> by_name;
    auto reports = catalog_->Reload();
    EXPECT_TRUE(reports.ok()) << reports.status();
    if (reports.ok()) {
      for (const SourceReport& r : *reports) by_name[std::filesystem::path(r.path).filename().string()] = r;
    }
    return by_name;
  }

  TempDir plugins_;
  TempDir definitions_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ConnectionPool> pool_;
  MetricRegistry registry_;
  std::unique_ptr<MetricCatalog> catalog_;
};

}  // namespace salesmetrics::testing

#endif  // SALESMETRICS_TESTS_CATALOG_CATALOG_TEST_ENV_H_
