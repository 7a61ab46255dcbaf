#include "clients/cli/compute_printer.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/period_format.h"
#include "clients/cli/text_table.h"
#include "clients/cli/value_format.h"

namespace salesmetrics::cli {
namespace {

using salesmetrics::v1::ComputeMetricRequest;
using salesmetrics::v1::ComputeMetricResponse;
using salesmetrics::v1::Group;
using salesmetrics::v1::Result;
using salesmetrics::v1::Unit;

constexpr char kNullGroupKey[] = "(none)";
constexpr char kAllGroups[] = "(all)";
constexpr char kWholePeriod[] = "total";

// One result and what it is the result of.
struct LabeledResult {
  std::string period;  // a bucket label or kWholePeriod; empty without a series
  std::string group;   // a group key, kNullGroupKey or kAllGroups; empty without group_by
  const Result* result;
};

// The results of one bucket (or the whole period): each group's, then all
// groups' together.
void AddSection(const std::string& period, bool grouped, const google::protobuf::RepeatedPtrField<Group>& groups,
                const Result& all_groups, std::vector<LabeledResult>& results) {
  if (grouped) {
    for (const Group& group : groups) {
      results.push_back({period, group.has_key() ? group.key() : kNullGroupKey, &group.result()});
    }
  }
  results.push_back({period, grouped ? kAllGroups : "", &all_groups});
}

std::vector<LabeledResult> LabeledResults(const ComputeMetricRequest& request, const ComputeMetricResponse& response) {
  const bool grouped = !request.group_by().empty();
  const bool series = request.granularity() != salesmetrics::v1::GRANULARITY_UNSPECIFIED;
  std::vector<LabeledResult> results;
  for (const auto& bucket : response.series()) {
    AddSection(bucket.label(), grouped, bucket.groups(), bucket.result(), results);
  }
  AddSection(series ? kWholePeriod : "", grouped, response.groups(), response.result(), results);
  return results;
}

bool HasRows(const Result& result) { return !result.table().columns().empty(); }

bool IsNumeric(Unit unit) {
  return unit == salesmetrics::v1::UNIT_COUNT || unit == salesmetrics::v1::UNIT_RATIO ||
         unit == salesmetrics::v1::UNIT_MONEY || unit == salesmetrics::v1::UNIT_DAYS ||
         unit == salesmetrics::v1::UNIT_NUMBER;
}

std::string RenderHeader(const ComputeMetricResponse& response) {
  std::string header = absl::StrCat(
      response.metric(), "  ",
      FormatPeriod(response.start_time(), response.end_time(), response.as_of(), response.time_zone()), "\n");
  const auto& definition = response.definition();
  absl::StrAppend(&header, "definition: ", definition.variant(), definition.variant().empty() ? "" : ": ",
                  definition.formula(), "\n");
  if (!response.parameters().empty()) {
    const std::map<std::string, std::string> sorted(response.parameters().begin(), response.parameters().end());
    absl::StrAppend(&header, "parameters: ", absl::StrJoin(sorted, " ", absl::PairFormatter("=")), "\n");
  }
  return header;
}

// A table's columns and rows; numbers align right.
std::string RenderRows(const salesmetrics::v1::Table& table) {
  std::vector<TextTable::Column> columns;
  for (const auto& column : table.columns()) {
    columns.push_back({column.name(), IsNumeric(column.unit()) ? TextTable::Align::kRight : TextTable::Align::kLeft});
  }
  TextTable text(std::move(columns));
  for (const auto& row : table.rows()) {
    std::vector<std::string> cells;
    for (const auto& value : row.values()) cells.push_back(FormatValue(value));
    text.AddRow(std::move(cells));
  }
  return text.Render();
}

// A result on its own: its measures, then its rows if it has any.
std::string RenderResult(const Result& result) {
  std::vector<std::string> parts;
  if (!result.measures().empty()) {
    TextTable measures({{"measure"}, {"value"}});
    for (const auto& measure : result.measures()) measures.AddRow({measure.name(), FormatValue(measure.value())});
    parts.push_back(measures.Render());
  }
  if (HasRows(result)) parts.push_back(RenderRows(result.table()));
  return absl::StrJoin(parts, "\n");
}

// Each result under a heading naming its bucket and group.
std::string RenderEachResult(const std::vector<LabeledResult>& results) {
  std::vector<std::string> parts;
  for (const LabeledResult& labeled : results) {
    std::string heading = labeled.period;
    if (!labeled.group.empty()) heading = heading.empty() ? labeled.group : absl::StrCat(heading, " / ", labeled.group);
    parts.push_back(absl::StrCat("== ", heading, "\n", RenderResult(*labeled.result)));
  }
  return absl::StrJoin(parts, "\n");
}

// One row per result, one column per measure (in the order they first appear).
std::string RenderResultGrid(const ComputeMetricRequest& request, const std::vector<LabeledResult>& results) {
  const bool series = !results.front().period.empty();
  const bool grouped = !results.front().group.empty();
  std::vector<TextTable::Column> columns;
  if (series) columns.push_back({"period"});
  if (grouped) columns.push_back({request.group_by()});
  std::map<std::string, size_t> column_of_measure;
  for (const LabeledResult& labeled : results) {
    for (const auto& measure : labeled.result->measures()) {
      if (column_of_measure.emplace(measure.name(), columns.size()).second) {
        columns.push_back({measure.name(), TextTable::Align::kRight});
      }
    }
  }
  const size_t column_count = columns.size();
  TextTable table(std::move(columns));
  for (const LabeledResult& labeled : results) {
    std::vector<std::string> cells;
    if (series) cells.push_back(labeled.period);
    if (grouped) cells.push_back(labeled.group);
    cells.resize(column_count);
    for (const auto& measure : labeled.result->measures()) {
      cells[column_of_measure.at(measure.name())] = FormatValue(measure.value());
    }
    table.AddRow(std::move(cells));
  }
  return table.Render();
}

}  // namespace

std::string RenderComputeResponse(const ComputeMetricRequest& request, const ComputeMetricResponse& response) {
  const std::vector<LabeledResult> results = LabeledResults(request, response);
  const bool has_rows = std::any_of(results.begin(), results.end(),
                                    [](const LabeledResult& labeled) { return HasRows(*labeled.result); });
  std::string body;
  if (results.size() == 1) {
    body = RenderResult(*results.front().result);
  } else if (has_rows) {
    body = RenderEachResult(results);
  } else {
    body = RenderResultGrid(request, results);
  }
  return absl::StrCat(RenderHeader(response), "\n", body);
}

}  // namespace salesmetrics::cli
