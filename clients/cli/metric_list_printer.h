// Renders the metrics a server lists as a table, one row per metric.
#ifndef SALESMETRICS_CLIENTS_CLI_METRIC_LIST_PRINTER_H_
#define SALESMETRICS_CLIENTS_CLI_METRIC_LIST_PRINTER_H_

#include <string>

#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics::cli {

// Columns: id, kind, unit, name, group by, parameters (name=default).
std::string RenderMetricList(const salesmetrics::v1::ListMetricsResponse& response);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_METRIC_LIST_PRINTER_H_
