// Renders the dashboards for people: a header naming the dashboard and its
// period, then tables (and, for the funnel, the funnel as a chart).
#ifndef SALESMETRICS_CLIENTS_CLI_DASHBOARD_PRINTER_H_
#define SALESMETRICS_CLIENTS_CLI_DASHBOARD_PRINTER_H_

#include <string>

#include "absl/strings/string_view.h"
#include "clients/cli/funnel_chart.h"
#include "salesmetrics/v1/dashboards.pb.h"

namespace salesmetrics::cli {

// A row per metric: its current and previous headline, the difference and
// the relative change.
std::string RenderDashboard(const salesmetrics::v1::ComputeSalesBriefingResponse& response);

// A row per stage, then the chart of FunnelBars drawn with `bar_glyph`.
std::string RenderDashboard(const salesmetrics::v1::ComputeFunnelResponse& response,
                            absl::string_view bar_glyph = BarGlyph());

// A row per figure.
std::string RenderDashboard(const salesmetrics::v1::ComputeForecastResponse& response);

// A row per rep, then per team, then the company; then the payments
// received without an opportunity.
std::string RenderDashboard(const salesmetrics::v1::ComputePerformanceCollectionResponse& response);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_DASHBOARD_PRINTER_H_
