// Reading and checking the sm_metric_def a plugin registers.
#ifndef SALESMETRICS_CORE_PLUGIN_METRIC_DEFINITION_H_
#define SALESMETRICS_CORE_PLUGIN_METRIC_DEFINITION_H_

#include "absl/status/statusor.h"
#include "salesmetrics/plugin_abi.h"
#include "salesmetrics/v1/metric.pb.h"

namespace salesmetrics {

// The metadata of a definition, or InvalidArgument saying what is wrong
// with it (id, unit, unknown dimension, parameter default out of range, ...).
absl::StatusOr<salesmetrics::v1::Metric> MetricFromDefinition(const sm_metric_def& def);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_PLUGIN_METRIC_DEFINITION_H_
