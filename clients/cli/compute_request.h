// Turns the arguments of `salesmetrics compute` into a ComputeMetricRequest.
// Checks only what the server cannot: the syntax of the arguments. Whether a
// metric, dimension or parameter exists is the server's to say.
#ifndef SALESMETRICS_CLIENTS_CLI_COMPUTE_REQUEST_H_
#define SALESMETRICS_CLIENTS_CLI_COMPUTE_REQUEST_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics::cli {

// The arguments as given; empty strings are not set.
struct ComputeArgs {
  std::string metric;
  std::string from;
  std::string to;
  std::string time_zone;
  std::string as_of;
  std::string group_by;
  std::string granularity;
  int fiscal_year_start_month = 0;
  std::vector<std::string> where;   // each "DIM=VALUE[,VALUE...]"
  std::vector<std::string> params;  // each "NAME=VALUE"
};

// INVALID_ARGUMENT, naming the flag, when an argument is malformed or --from
// or --to is missing.
absl::StatusOr<salesmetrics::v1::ComputeMetricRequest> BuildComputeRequest(const ComputeArgs& args);

// An RFC 3339 instant with offset ("2024-03-01T09:00:00+08:00"), or a date
// or date-time without offset, taken as UTC ("2024-03-01", "2024-03-01T09:00").
absl::StatusOr<absl::Time> ParseAsOf(const std::string& text);

// "day", "week", "month", "quarter" or "year".
absl::StatusOr<salesmetrics::v1::Granularity> ParseGranularity(const std::string& text);

// "region=north,south": a filter on one dimension with one or more values.
absl::StatusOr<salesmetrics::v1::Filter> ParseFilter(const std::string& text);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_COMPUTE_REQUEST_H_
