// The payments (回款) of won deals: installments after closing, now and then
// a partial refund, and yearly support fees without an opportunity.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_PAYMENTS_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_PAYMENTS_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "server/admin/demo/deal.h"
#include "server/admin/demo/table_writer.h"
#include "server/admin/demo/tables.h"
#include "server/admin/demo/world.h"

namespace salesmetrics::demo {

class PaymentWriter {
 public:
  explicit PaymentWriter(World& world) : world_(world) {}

  void WriteForWin(const Deal& deal, const std::string& account_id, bool first_win);

 private:
  // As far as received before the end.
  void WriteInstallments(const Deal& deal, const std::string& account_id);
  void WriteSupportFees(const Deal& deal, const std::string& account_id);
  void Add(const std::string& account_id, SqlValue opportunity_id, absl::Time received_at, int64_t amount);

  World& world_;
  IdSequence ids_{"pay"};
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_PAYMENTS_H_
