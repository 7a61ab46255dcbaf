// What the data achieved per quarter, and the leads each month brought in:
// the targets and the marketing spend, written last, follow them.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_LEDGER_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_LEDGER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "server/admin/demo/calendar.h"
#include "server/admin/demo/catalog.h"

namespace salesmetrics::demo {

struct QuarterTotals {
  int64_t won_minor = 0;
  int64_t mqls = 0;
  std::vector<int64_t> team_won_minor, rep_won_minor;
};

class Ledger {
 public:
  Ledger(const Calendar& calendar, size_t teams, size_t reps);

  void RecordWin(absl::Time closed_at, size_t team, size_t rep, int64_t amount_minor);
  void RecordLead(absl::Time created_at, std::optional<absl::Time> mql_at, size_t channel);

  const QuarterTotals& quarter(size_t index) const { return quarters_[index]; }
  int64_t leads(size_t month, size_t channel) const { return leads_by_month_[month][channel]; }

 private:
  const Calendar& calendar_;
  std::vector<QuarterTotals> quarters_;
  std::vector<std::array<int64_t, kChannelCount>> leads_by_month_;
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_LEDGER_H_
