#include "tests/fuzz/fuzz_support.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "core/catalog/metric_catalog.h"
#include "core/engine/host_api.h"
#include "core/util/text_proto_file.h"

namespace salesmetrics::fuzzing {

void Fail(absl::string_view what) {
  std::fprintf(stderr, "FUZZ FINDING: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

const MetricRegistry& StandardPlugins() {
  static const MetricRegistry* registry = [] {
    auto* r = new MetricRegistry();
    MetricCatalog catalog(SALESMETRICS_FUZZ_PLUGIN_DIR, "", HostApi(), r, nullptr);
    absl::StatusOr<std::vector<SourceReport>> loaded = catalog.Reload();
    if (!loaded.ok()) Fail(absl::StrCat("cannot load the plugins: ", loaded.status().ToString()));
    for (const SourceReport& report : *loaded) {
      if (!report.error.ok()) Fail(absl::StrCat("plugin ", report.path, ": ", report.error.ToString()));
    }
    if (r->List().empty()) Fail("no plugin in " SALESMETRICS_FUZZ_PLUGIN_DIR);
    return r;
  }();
  return *registry;
}

std::unique_ptr<testing::TestDatabase> SqliteDatabase(const std::vector<const char*>& fixtures) {
  absl::StatusOr<std::unique_ptr<testing::TestDatabase>> db = testing::TestDatabase::Create(Backend::kSqlite);
  if (!db.ok()) Fail(absl::StrCat("cannot create the database: ", db.status().ToString()));
  for (const char* sql : fixtures) {
    if (absl::Status s = (*db)->Execute(sql); !s.ok()) Fail(absl::StrCat("cannot load a fixture: ", s.ToString()));
  }
  return *std::move(db);
}

std::string SourceFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(absl::StrCat(SALESMETRICS_FUZZ_SOURCE_DIR, "/", path));
  if (!text.ok()) Fail(text.status().ToString());
  return *text;
}

}  // namespace salesmetrics::fuzzing
