// Text for the instants and periods a response was computed over.
//
//   FormatPeriod(start, end, as_of, "Asia/Shanghai")
//   // "[2024-01-01T00:00:00+08:00, 2024-03-01T00:00:00+08:00) Asia/Shanghai  as of 2024-03-01T00:00:00+08:00"
#ifndef SALESMETRICS_CLIENTS_CLI_PERIOD_FORMAT_H_
#define SALESMETRICS_CLIENTS_CLI_PERIOD_FORMAT_H_

#include <google/protobuf/timestamp.pb.h>

#include <string>

#include "absl/time/time.h"

namespace salesmetrics::cli {

// RFC 3339 to the second, in `zone`: "2024-03-01T00:00:00+08:00".
std::string FormatInstant(const google::protobuf::Timestamp& timestamp, absl::TimeZone zone);

// "[start, end) time_zone", the instants in that zone.
std::string FormatInterval(const google::protobuf::Timestamp& start, const google::protobuf::Timestamp& end,
                           const std::string& time_zone);

// FormatInterval, then "  as of " and the instant as_of in the same zone.
std::string FormatPeriod(const google::protobuf::Timestamp& start, const google::protobuf::Timestamp& end,
                         const google::protobuf::Timestamp& as_of, const std::string& time_zone);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_PERIOD_FORMAT_H_
