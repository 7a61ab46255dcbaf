// Declarative metrics: an indicator defined by a text-format file holding
// one SQL SELECT (sql_metric.proto), served like a plugin's metric.
//
// A definition is checked when it is loaded, and refused with the file, the
// line and the reason when it is anything but a single read-only SELECT,
// uses an undeclared :parameter, does not prepare on the configured
// database, or declares an invalid metric.
#ifndef SALESMETRICS_CORE_DECLARATIVE_SQL_METRIC_H_
#define SALESMETRICS_CORE_DECLARATIVE_SQL_METRIC_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/db/connection_pool.h"
#include "core/plugin/metric_registry.h"

namespace salesmetrics {

// Loads the definition at `path`. `pool` prepares its SQL: Unavailable when
// the database cannot be reached (nullptr: not checked);
// `taken` says which metric ids are in use elsewhere.
absl::StatusOr<std::shared_ptr<const RegisteredMetric>> LoadSqlMetric(
    const std::string& path, ConnectionPool* pool, const std::function<bool(const std::string&)>& taken);

// The same for the text of a definition; `path` names it in errors.
absl::StatusOr<std::shared_ptr<const RegisteredMetric>> ParseSqlMetric(
    const std::string& text, const std::string& path, ConnectionPool* pool,
    const std::function<bool(const std::string&)>& taken);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_DECLARATIVE_SQL_METRIC_H_
