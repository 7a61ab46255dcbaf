#include "clients/cli/metric_list_printer.h"

#include "absl/strings/str_join.h"
#include "clients/cli/enum_label.h"
#include "clients/cli/text_table.h"

namespace salesmetrics::cli {
namespace {

using salesmetrics::v1::Metric;

std::string FormatParameters(const Metric& metric) {
  return absl::StrJoin(metric.parameters(), " ", [](std::string* out, const auto& parameter) {
    out->append(parameter.name());
    if (!parameter.default_value().empty()) out->append("=").append(parameter.default_value());
  });
}

}  // namespace

std::string RenderMetricList(const salesmetrics::v1::ListMetricsResponse& response) {
  TextTable table({{"id"}, {"kind"}, {"unit"}, {"name"}, {"group by"}, {"parameters"}});
  for (const Metric& metric : response.metrics()) {
    table.AddRow({metric.metric_id(), EnumLabel(salesmetrics::v1::MetricKind_Name(metric.kind()), "METRIC_KIND_"),
                  EnumLabel(salesmetrics::v1::Unit_Name(metric.unit()), "UNIT_"), metric.display_name(),
                  absl::StrJoin(metric.group_by_dimensions(), ","), FormatParameters(metric)});
  }
  return table.Render();
}

}  // namespace salesmetrics::cli
