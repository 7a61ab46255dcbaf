// The columns that name a pipeline stage, first in the rows of the
// per-stage views (stage_conversion, stage_task_completion).
#ifndef SALESMETRICS_PLUGINS_COMMON_PIPELINE_STAGE_COLUMNS_H_
#define SALESMETRICS_PLUGINS_COMMON_PIPELINE_STAGE_COLUMNS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "salesmetrics/sdk.h"

namespace salesmetrics::pipeline_stages {

namespace sdk = salesmetrics::sdk;

// stage_id, stage_name, position, followed by `more`.
inline std::vector<sdk::Output> StageColumns(std::vector<sdk::Output> more) {
  std::vector<sdk::Output> columns = {
      {"stage_id", SM_UNIT_TEXT, "pipeline_stages.id"},
      {"stage_name", SM_UNIT_TEXT, "pipeline_stages.name"},
      {"position", SM_UNIT_NUMBER, "pipeline_stages.position: the stage's place in the pipeline"},
  };
  columns.insert(columns.end(), more.begin(), more.end());
  return columns;
}

// A stage: a pipeline stage, or a stage id that is none (no name, no position).
struct Stage {
  std::string id;
  std::optional<std::string> name;
  std::optional<int64_t> position;
};

// The values of the StageColumns of a row (absent for no stage), followed
// by `more`.
inline std::vector<sdk::Value> StageCells(const std::optional<Stage>& stage, std::vector<sdk::Value> more) {
  std::vector<sdk::Value> cells;
  constexpr char kNotAStage[] = "not a pipeline stage";
  if (!stage) {
    cells = {sdk::Absent("no stage"), sdk::Absent("no stage"), sdk::Absent("no stage")};
  } else {
    cells = {sdk::Text(stage->id), stage->name ? sdk::Text(*stage->name) : sdk::Absent(kNotAStage),
             stage->position ? sdk::Number(static_cast<double>(*stage->position)) : sdk::Absent(kNotAStage)};
  }
  cells.insert(cells.end(), more.begin(), more.end());
  return cells;
}

}  // namespace salesmetrics::pipeline_stages

#endif  // SALESMETRICS_PLUGINS_COMMON_PIPELINE_STAGE_COLUMNS_H_
