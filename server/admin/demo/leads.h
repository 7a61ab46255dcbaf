// The leads: the one each new-business deal came from, and the many that
// never become deals. Each channel brings in as many leads as its funnel
// rates need for its share of the deals.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_LEADS_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_LEADS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "server/admin/demo/accounts.h"
#include "server/admin/demo/catalog.h"
#include "server/admin/demo/tables.h"
#include "server/admin/demo/world.h"

namespace salesmetrics::demo {

struct Lead {
  std::string id;
  absl::Time created_at;
  size_t channel = 0, region = 0;
  std::optional<std::string> campaign;
  std::optional<size_t> owner;
  std::optional<absl::Time> mql_at, sql_at, disqualified_at;
  std::optional<std::string> account_id, opportunity_id;
};

class LeadBook {
 public:
  LeadBook(World& world, AccountBook& accounts) : world_(world), accounts_(accounts) {}

  // The lead of a new-business deal: scored (MQL), accepted by sales (SQL)
  // and converted within weeks before the deal. Not yet added.
  Lead Converted(absl::Time deal_created_at, const std::string& deal_id, const Account& account, size_t owner);

  // Writes a converted lead. It stands for 1/p leads of its channel, p being
  // the channel's lead-to-deal rate: the others are owed, for
  // GenerateUnconverted, so that each channel's funnel shows its rates.
  void AddConverted(const Lead& lead);

  // The leads that never became deals, created as demand goes over the three
  // years; the recent ones have not got far yet.
  void GenerateUnconverted();

 private:
  void Add(const Lead& lead);
  Lead Unconverted(size_t channel, absl::Time created_at);

  World& world_;
  AccountBook& accounts_;
  IdSequence ids_{"lead"};
  std::array<int64_t, kChannelCount> owed_permille_{};  // unconverted leads owed, by channel, in thousandths
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_LEADS_H_
