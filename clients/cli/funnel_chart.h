// The funnel drawn in the terminal: one horizontal bar per stage, centred,
// its length the stage's reached count scaled to the largest.
//
//   Lead        ████████████████████████████████████████  120  62.50 % to Qualified
//   Qualified       ██████████████████████████████         75  40.00 % to won
//   won                      ████████████                   30
#ifndef SALESMETRICS_CLIENTS_CLI_FUNNEL_CHART_H_
#define SALESMETRICS_CLIENTS_CLI_FUNNEL_CHART_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "salesmetrics/v1/dashboards.pb.h"

namespace salesmetrics::cli {

constexpr size_t kFunnelWidth = 40;  // cells of the longest bar

// One line of the chart.
struct FunnelBar {
  std::string label;
  int64_t count = 0;
  std::string note;  // after the count; may be empty
};

// The cells of each bar: the largest count takes `width`, the others in
// proportion, rounded, but a non-zero count never less than one cell.
std::vector<size_t> ScaleBars(const std::vector<int64_t>& counts, size_t width);

// A line per bar: the label, the bar of `glyph`s centred in `width` cells,
// the count and the note, in aligned columns.
std::string RenderBars(const std::vector<FunnelBar>& bars, absl::string_view glyph, size_t width);

// The bars of a funnel: each stage's reached count and its conversion to
// the next stage, then the won.
std::vector<FunnelBar> FunnelBars(const salesmetrics::v1::ComputeFunnelResponse& response);

// Whether a locale name (the value of LC_ALL, LC_CTYPE or LANG) says UTF-8.
bool IsUtf8Locale(absl::string_view locale);

// "█" where the locale in force (LC_ALL, else LC_CTYPE, else LANG) is
// UTF-8, else "#".
std::string BarGlyph();

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_FUNNEL_CHART_H_
