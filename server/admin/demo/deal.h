// An opportunity as the generator builds it: who it is with, what it sells,
// its way through the pipeline stages and how it ended, if it has. The deal
// maker fills it in; the writers of its tasks and payments read it.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_DEAL_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_DEAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace salesmetrics::demo {

struct StageVisit {
  size_t stage = 0;
  absl::Time entered_at;
  std::optional<absl::Time> exited_at;  // none while the deal is in the stage
};

enum class DealStatus { kOpen, kWon, kLost };

struct Deal {
  std::string id;
  absl::Time created_at;
  size_t account = 0;
  bool repeat = false;     // with an existing customer
  size_t first_owner = 0;  // the rep who opened it
  size_t owner = 0;        // the rep who owns it now
  std::optional<std::string> lead_id;
  size_t product = 0;
  int64_t amount_minor = 0;
  std::vector<size_t> competitors;
  std::optional<absl::CivilDay> expected_close_date;
  std::vector<StageVisit> visits;  // the stage history, as far as it happened before the end
  DealStatus status = DealStatus::kOpen;
  std::optional<absl::Time> closed_at;
  std::optional<std::string> lost_reason;
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_DEAL_H_
