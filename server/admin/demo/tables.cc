#include "server/admin/demo/tables.h"

namespace salesmetrics::demo {

Tables::Tables(soci::session& s)
    : teams(s, "teams", {{"id"}, {"name"}, {"region"}}),
      sales_reps(s, "sales_reps", {{"id"}, {"name"}, {"team_id"}, {"hired_at"}, {"left_at"}}),
      accounts(s, "accounts", {{"id"}, {"name"}, {"segment"}, {"industry"}, {"region"}, {"created_at"}}),
      leads(s, "leads",
            {{"id"},
             {"created_at"},
             {"source_channel"},
             {"campaign"},
             {"region"},
             {"owner_rep_id"},
             {"mql_at"},
             {"sql_at"},
             {"disqualified_at"},
             {"account_id"},
             {"opportunity_id"}}),
      pipeline_stages(
          s, "pipeline_stages",
          {{"id"}, {"name"}, {"position", ColumnKind::kInteger}, {"win_probability", ColumnKind::kInteger}}),
      opportunities(s, "opportunities",
                    {{"id"},
                     {"name"},
                     {"account_id"},
                     {"owner_rep_id"},
                     {"lead_id"},
                     {"product_line"},
                     {"region"},
                     {"amount_minor", ColumnKind::kInteger},
                     {"created_at"},
                     {"expected_close_date"},
                     {"stage_id"},
                     {"status"},
                     {"closed_at"},
                     {"lost_reason"},
                     {"is_key", ColumnKind::kInteger}}),
      stage_history(s, "opportunity_stage_history", {{"opportunity_id"}, {"stage_id"}, {"entered_at"}, {"exited_at"}}),
      competitors(s, "opportunity_competitors", {{"opportunity_id"}, {"competitor"}}),
      tasks(s, "tasks",
            {{"id"}, {"opportunity_id"}, {"stage_id"}, {"owner_rep_id"}, {"created_at"}, {"due_at"}, {"completed_at"}}),
      expenses(s, "expenses",
               {{"id"}, {"incurred_on"}, {"category"}, {"channel"}, {"amount_minor", ColumnKind::kInteger}}),
      payments(s, "payments",
               {{"id"}, {"account_id"}, {"opportunity_id"}, {"received_at"}, {"amount_minor", ColumnKind::kInteger}}),
      // Targets are whole minor units or counts: an integer suits the DOUBLE column.
      targets(s, "targets",
              {{"id"},
               {"metric"},
               {"scope"},
               {"scope_id"},
               {"period_start"},
               {"period_end"},
               {"target_value", ColumnKind::kInteger}}) {}

void Tables::Flush() {
  for (TableWriter* table : {&teams, &sales_reps, &accounts, &leads, &pipeline_stages, &opportunities, &stage_history,
                             &competitors, &tasks, &expenses, &payments, &targets}) {
    table->Flush();
  }
}

DemoDataSummary Tables::Summary() const {
  return {.teams = teams.rows(),
          .reps = sales_reps.rows(),
          .accounts = accounts.rows(),
          .leads = leads.rows(),
          .pipeline_stages = pipeline_stages.rows(),
          .opportunities = opportunities.rows(),
          .stage_history = stage_history.rows(),
          .competitors = competitors.rows(),
          .tasks = tasks.rows(),
          .expenses = expenses.rows(),
          .payments = payments.rows(),
          .targets = targets.rows()};
}

}  // namespace salesmetrics::demo
