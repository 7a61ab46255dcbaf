// What the fuzz targets share: stopping on a broken invariant, the build's
// standard plugins, and SQLite databases with the canonical schema.
#ifndef SALESMETRICS_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define SALESMETRICS_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/plugin/metric_registry.h"
#include "tests/support/test_database.h"

namespace salesmetrics::fuzzing {

// A finding: prints `what` and aborts, so that libFuzzer saves the input.
[[noreturn]] void Fail(absl::string_view what);

// Fails unless `condition` holds.
inline void Require(bool condition, absl::string_view what) {
  if (!condition) Fail(what);
}

// The registry with every standard plugin of the build loaded (once).
const MetricRegistry& StandardPlugins();

// A new SQLite database with the schema and `fixtures` (SQL statements
// separated by ';') loaded; fails when one does not load.
std::unique_ptr<testing::TestDatabase> SqliteDatabase(const std::vector<const char*>& fixtures);

// The whole content of a file of the source tree.
std::string SourceFile(const std::string& path);

// The bytes of a fuzz input as text.
inline absl::string_view AsText(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace salesmetrics::fuzzing

#endif  // SALESMETRICS_TESTS_FUZZ_FUZZ_SUPPORT_H_
