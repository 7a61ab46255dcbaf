#include "server/admin/demo/ledger.h"

namespace salesmetrics::demo {

Ledger::Ledger(const Calendar& calendar, size_t teams, size_t reps)
    : calendar_(calendar),
      quarters_(calendar.quarters(),
                {.team_won_minor = std::vector<int64_t>(teams), .rep_won_minor = std::vector<int64_t>(reps)}),
      leads_by_month_(calendar.months()) {}

void Ledger::RecordWin(absl::Time closed_at, size_t team, size_t rep, int64_t amount_minor) {
  const std::optional<size_t> quarter = calendar_.QuarterIndex(closed_at);
  if (!quarter) return;
  quarters_[*quarter].won_minor += amount_minor;
  quarters_[*quarter].team_won_minor[team] += amount_minor;
  quarters_[*quarter].rep_won_minor[rep] += amount_minor;
}

void Ledger::RecordLead(absl::Time created_at, std::optional<absl::Time> mql_at, size_t channel) {
  if (const std::optional<size_t> month = calendar_.MonthIndex(created_at)) ++leads_by_month_[*month][channel];
  if (!mql_at) return;
  if (const std::optional<size_t> quarter = calendar_.QuarterIndex(*mql_at)) ++quarters_[*quarter].mqls;
}

}  // namespace salesmetrics::demo
