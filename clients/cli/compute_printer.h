// Renders a ComputeMetricResponse for people: a header saying what was
// computed, then the result as tables.
//
// A plain result is a two-column table of measures. With a group_by or a
// granularity, the result is one table with a row per bucket and group, the
// whole period ("total") and all groups ("(all)") included, and a column per
// measure. Results that hold rows (views) print each result's rows as a table
// of their own.
#ifndef SALESMETRICS_CLIENTS_CLI_COMPUTE_PRINTER_H_
#define SALESMETRICS_CLIENTS_CLI_COMPUTE_PRINTER_H_

#include <string>

#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics::cli {

// `request` says whether the response is grouped and a series, and by what.
std::string RenderComputeResponse(const salesmetrics::v1::ComputeMetricRequest& request,
                                  const salesmetrics::v1::ComputeMetricResponse& response);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_COMPUTE_PRINTER_H_
