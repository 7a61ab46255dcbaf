// Turns the arguments of `salesmetrics compute` into a ComputeMetricRequest.
// Checks only what the server cannot: the syntax of the arguments. Whether a
// metric, dimension or parameter exists is the server's to say. The period,
// --as-of and --where parsing serves `dashboard` and `alerts` too.
#ifndef SALESMETRICS_CLIENTS_CLI_COMPUTE_REQUEST_H_
#define SALESMETRICS_CLIENTS_CLI_COMPUTE_REQUEST_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clients/cli/proto_time.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics::cli {

// The period arguments of compute and dashboard, as given; empty strings
// are not set.
struct PeriodArgs {
  std::string from;
  std::string to;
  std::string time_zone;
  std::string as_of;
  int fiscal_year_start_month = 0;
};

// The arguments as given; empty strings are not set.
struct ComputeArgs {
  std::string metric;
  PeriodArgs period;
  std::string group_by;
  std::string granularity;
  std::vector<std::string> where;   // each "DIM=VALUE[,VALUE...]"
  std::vector<std::string> params;  // each "NAME=VALUE"
};

// INVALID_ARGUMENT, naming the flag, when an argument is malformed or --from
// or --to is missing.
absl::StatusOr<salesmetrics::v1::ComputeMetricRequest> BuildComputeRequest(const ComputeArgs& args);

// An RFC 3339 instant with offset ("2024-03-01T09:00:00+08:00"), or a date
// or date-time without offset, taken as UTC ("2024-03-01", "2024-03-01T09:00").
absl::StatusOr<absl::Time> ParseAsOf(const std::string& text);

// Sets the as_of of a request (or its period) to `text` as ParseAsOf reads
// it; leaves it unset when `text` is empty.
template <typename Message>
absl::Status SetAsOf(const std::string& text, Message& message) {
  if (text.empty()) return absl::OkStatus();
  absl::StatusOr<absl::Time> as_of = ParseAsOf(text);
  if (!as_of.ok()) return as_of.status();
  *message.mutable_as_of() = ToProtoTimestamp(*as_of);
  return absl::OkStatus();
}

// Sets the period fields of a ComputeMetricRequest or a DashboardPeriod.
template <typename Message>
absl::Status SetPeriod(const PeriodArgs& args, Message& message) {
  message.set_period_start(args.from);
  message.set_period_end(args.to);
  message.set_time_zone(args.time_zone);
  message.set_fiscal_year_start_month(args.fiscal_year_start_month);
  return SetAsOf(args.as_of, message);
}

// "day", "week", "month", "quarter" or "year".
absl::StatusOr<salesmetrics::v1::Granularity> ParseGranularity(const std::string& text);

// "region=north,south": a filter on one dimension with one or more values.
absl::StatusOr<salesmetrics::v1::Filter> ParseFilter(const std::string& text);

// ParseFilter of each --where, appended to `filters` in order.
absl::Status AddFilters(const std::vector<std::string>& where,
                        google::protobuf::RepeatedPtrField<salesmetrics::v1::Filter>& filters);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_COMPUTE_REQUEST_H_
