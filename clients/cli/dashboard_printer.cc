#include "clients/cli/dashboard_printer.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/cli/period_format.h"
#include "clients/cli/text_table.h"
#include "clients/cli/value_format.h"

namespace salesmetrics::cli {
namespace {

namespace v1 = salesmetrics::v1;
using Align = TextTable::Align;

// "title  [start, end) zone  as of T\n".
std::string Heading(absl::string_view title, const v1::ResolvedPeriod& period) {
  return absl::StrCat(title, "  ",
                      FormatPeriod(period.start_time(), period.end_time(), period.as_of(), period.time_zone()), "\n");
}

std::string Count(int64_t count) { return absl::StrCat(count); }

// Rates without their operands (the amounts beside them), absent values
// without their reasons (the same on many rows).
void AddPerformanceRow(const char* level, const v1::PerformanceRow& row, TextTable& table) {
  table.AddRow({level, row.id(), row.name(), row.team_id(), FormatTerseValue(row.target()),
                FormatTerseValue(row.won_amount()), FormatTerseValue(row.attainment()),
                FormatTerseValue(row.collected_in_period()), FormatTerseValue(row.collected_against_won()),
                FormatTerseValue(row.collection_rate())});
}

}  // namespace

std::string RenderDashboard(const v1::ComputeSalesBriefingResponse& response) {
  const v1::ResolvedPeriod& previous = response.previous_period();
  TextTable table({{"metric"},
                   {"current", Align::kRight},
                   {"previous", Align::kRight},
                   {"change", Align::kRight},
                   {"change %", Align::kRight}});
  for (const v1::BriefingLine& line : response.lines()) {
    table.AddRow({line.display_name(), FormatBareValue(line.current()), FormatBareValue(line.previous()),
                  FormatDifference(line.absolute_change()), FormatSigned(line.relative_change())});
  }
  return absl::StrCat(Heading("sales briefing", response.period()), "compared with ",
                      FormatInterval(previous.start_time(), previous.end_time(), previous.time_zone()), "\n\n",
                      table.Render());
}

std::string RenderDashboard(const v1::ComputeFunnelResponse& response, absl::string_view bar_glyph) {
  TextTable table({{"stage"},
                   {"open", Align::kRight},
                   {"open amount", Align::kRight},
                   {"reached", Align::kRight},
                   {"to next", Align::kRight},
                   {"mean dwell", Align::kRight},
                   {"lost", Align::kRight},
                   {"lost amount", Align::kRight}});
  for (const v1::FunnelStage& stage : response.stages()) {
    // Conversions divide reached counts, and dwell times day totals: no operand is worth a column.
    table.AddRow({stage.stage_name(), Count(stage.open_count()), FormatMoney(stage.open_amount()),
                  Count(stage.reached_count()), FormatBareValue(stage.conversion_to_next()),
                  FormatBareValue(stage.mean_dwell_days()), Count(stage.lost_count()),
                  FormatMoney(stage.lost_amount())});
  }
  return absl::StrCat(Heading("funnel", response.period()), "created in the period: ", response.cohort_count(),
                      ", won: ", response.won_count(), "\n\n", table.Render(), "\n",
                      RenderBars(FunnelBars(response), bar_glyph, kFunnelWidth));
}

std::string RenderDashboard(const v1::ComputeForecastResponse& response) {
  const std::pair<const char*, const v1::Value*> figures[] = {
      {"won to date", &response.won_to_date()},
      {"weighted pipeline", &response.weighted_pipeline()},
      {"open pipeline", &response.open_pipeline()},
      {"forecast", &response.forecast()},
      {"best case", &response.best_case()},
      {"target", &response.target()},
      {"forecast attainment", &response.forecast_attainment()},
      {"pipeline coverage", &response.pipeline_coverage()},
  };
  TextTable table({{"figure"}, {"value", Align::kRight}});
  for (const auto& [name, value] : figures) table.AddRow({name, FormatValue(*value)});
  return absl::StrCat(Heading("forecast", response.period()), "\n", table.Render());
}

std::string RenderDashboard(const v1::ComputePerformanceCollectionResponse& response) {
  TextTable table({{""},
                   {"id"},
                   {"name"},
                   {"team"},
                   {"target", Align::kRight},
                   {"won", Align::kRight},
                   {"attainment", Align::kRight},
                   {"collected", Align::kRight},
                   {"collected on won", Align::kRight},
                   {"collection rate", Align::kRight}});
  for (const v1::PerformanceRow& rep : response.reps()) AddPerformanceRow("rep", rep, table);
  for (const v1::PerformanceRow& team : response.teams()) AddPerformanceRow("team", team, table);
  AddPerformanceRow("company", response.company(), table);
  return absl::StrCat(Heading("performance and collection", response.period()), "\n", table.Render(),
                      "\ncollected without an opportunity: ", FormatValue(response.collected_without_opportunity()),
                      "\n");
}

}  // namespace salesmetrics::cli
