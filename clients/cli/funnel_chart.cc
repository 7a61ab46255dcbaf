#include "clients/cli/funnel_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/text_table.h"
#include "clients/cli/value_format.h"

namespace salesmetrics::cli {
namespace {

constexpr char kWonLabel[] = "won";

// A bar of `cells` glyphs centred in `width` cells.
std::string CentredBar(absl::string_view glyph, size_t cells, size_t width) {
  const size_t left = (width - cells) / 2;
  std::string bar(left, ' ');
  for (size_t i = 0; i < cells; ++i) absl::StrAppend(&bar, glyph);
  return absl::StrCat(bar, std::string(width - cells - left, ' '));
}

// "62.50 % to Qualified"; empty when there is no conversion.
std::string ConversionNote(const salesmetrics::v1::Value& conversion, const std::string& next) {
  if (conversion.kind_case() == salesmetrics::v1::Value::KIND_NOT_SET) return "";
  return absl::StrCat(FormatBareValue(conversion), " to ", next);
}

}  // namespace

std::vector<size_t> ScaleBars(const std::vector<int64_t>& counts, size_t width) {
  const int64_t largest = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  std::vector<size_t> cells;
  for (int64_t count : counts) {
    if (count <= 0 || largest <= 0) {
      cells.push_back(0);
      continue;
    }
    const auto scaled = static_cast<size_t>(std::llround(static_cast<double>(count) * width / largest));
    cells.push_back(std::max<size_t>(scaled, 1));
  }
  return cells;
}

std::string RenderBars(const std::vector<FunnelBar>& bars, absl::string_view glyph, size_t width) {
  std::vector<int64_t> counts;
  for (const FunnelBar& bar : bars) counts.push_back(bar.count);
  const std::vector<size_t> cells = ScaleBars(counts, width);
  // Untitled columns: label, bar, count, note.
  TextTable table({{}, {}, {"", TextTable::Align::kRight}, {}});
  for (size_t i = 0; i < bars.size(); ++i) {
    table.AddRow({bars[i].label, CentredBar(glyph, cells[i], width), absl::StrCat(bars[i].count), bars[i].note});
  }
  return table.RenderRows();
}

std::vector<FunnelBar> FunnelBars(const salesmetrics::v1::ComputeFunnelResponse& response) {
  std::vector<FunnelBar> bars;
  const auto& stages = response.stages();
  for (int i = 0; i < stages.size(); ++i) {
    const std::string next = i + 1 < stages.size() ? stages[i + 1].stage_name() : kWonLabel;
    bars.push_back(
        {stages[i].stage_name(), stages[i].reached_count(), ConversionNote(stages[i].conversion_to_next(), next)});
  }
  bars.push_back({kWonLabel, response.won_count(), ""});
  return bars;
}

bool IsUtf8Locale(absl::string_view locale) {
  const std::string lower = absl::AsciiStrToLower(locale);
  return absl::StrContains(lower, "utf-8") || absl::StrContains(lower, "utf8");
}

std::string BarGlyph() {
  // The first of these that is set and not empty is the locale of LC_CTYPE.
  for (const char* variable : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return IsUtf8Locale(value) ? "█" : "#";
  }
  return "#";
}

}  // namespace salesmetrics::cli
