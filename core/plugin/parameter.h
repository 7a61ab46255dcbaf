// Checking a parameter value against its ParameterSpec.
#ifndef SALESMETRICS_CORE_PLUGIN_PARAMETER_H_
#define SALESMETRICS_CORE_PLUGIN_PARAMETER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "salesmetrics/v1/metric.pb.h"

namespace salesmetrics {

// The value in canonical text ("0.70" gives "0.7"), or InvalidArgument
// saying what is wrong with it (not a number, out of range, not a choice).
absl::StatusOr<std::string> CanonicalParameterValue(const salesmetrics::v1::ParameterSpec& spec,
                                                    absl::string_view value);

// "in (0, 1]", "at least 1", "one of closed, created": the valid values.
std::string DescribeValidValues(const salesmetrics::v1::ParameterSpec& spec);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_PLUGIN_PARAMETER_H_
