#include "server/admin/demo_data.h"

#include <soci/soci.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/admin/demo/accounts.h"
#include "server/admin/demo/catalog.h"
#include "server/admin/demo/deal_maker.h"
#include "server/admin/demo/expenses_and_targets.h"
#include "server/admin/demo/leads.h"
#include "server/admin/demo/table_writer.h"
#include "server/admin/demo/world.h"

namespace salesmetrics {
namespace {

void WritePipelineStages(demo::TableWriter& stages) {
  for (size_t i = 0; i < demo::kStageCount; ++i) {
    const demo::Stage& stage = demo::kStages[i];
    stages.Add({stage.id, stage.name, static_cast<int64_t>(i + 1), stage.win_probability});
  }
}

// The deals come first, in creation order: each brings its account, its lead
// and its payments. The leads that never converted, the expenses and the
// targets then follow from what the deals produced.
DemoDataSummary WriteDemoData(soci::session& session, const DemoDataOptions& options) {
  demo::World world(session, options);
  WritePipelineStages(world.tables.pipeline_stages);
  world.sales_force.Write(world.tables.teams, world.tables.sales_reps);
  demo::AccountBook accounts(world);
  demo::LeadBook leads(world, accounts);
  demo::MakeDeals(world, accounts, leads, options.opportunities);
  leads.GenerateUnconverted();
  demo::WriteExpenses(world);
  demo::WriteTargets(world);
  world.tables.Flush();
  return world.tables.Summary();
}

}  // namespace

std::string DemoDataSummary::ToString() const {
  return absl::StrFormat(
      "%d teams, %d sales_reps, %d accounts, %d leads, %d pipeline_stages, %d opportunities, "
      "%d opportunity_stage_history, %d opportunity_competitors, %d tasks, %d expenses, %d payments, %d targets",
      teams, reps, accounts, leads, pipeline_stages, opportunities, stage_history, competitors, tasks, expenses,
      payments, targets);
}

absl::StatusOr<DemoDataSummary> GenerateDemoData(soci::session& session, Backend /*backend*/,
                                                 const DemoDataOptions& options) {
  if (options.opportunities < 1) return absl::InvalidArgumentError("the number of opportunities must be at least 1");
  try {
    soci::transaction transaction(session);
    const DemoDataSummary summary = WriteDemoData(session, options);
    transaction.commit();
    // Table statistics: without them SQLite's planner picks a status index
    // over a closed_at range and the metrics run ~30x slower
    // (scripts/bench.sh). Same statement on both backends.
    session << "ANALYZE";
    return summary;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("generating the demo data failed (nothing was written): ", e.what()));
  }
}

}  // namespace salesmetrics
