// The accounts: new business and prospects, and the customers who may buy
// again once a won deal of theirs has closed.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_ACCOUNTS_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_ACCOUNTS_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "server/admin/demo/tables.h"
#include "server/admin/demo/world.h"

namespace salesmetrics::demo {

struct Account {
  std::string id, name;
  size_t region = 0, segment = 0, team = 0;
  std::optional<size_t> industry;
  absl::Time created_at;
  size_t last_owner = 0;
  bool has_won = false;        // a deal of theirs is won (when it closes is another matter)
  bool can_buy_again = false;  // a won deal has closed: new deals may pick them
};

class AccountBook {
 public:
  explicit AccountBook(World& world);

  Account& at(size_t index) { return accounts_[index]; }
  size_t next_index() const { return accounts_.size(); }

  // An account in the region, served by one of its teams; created_at is
  // for the caller to set.
  Account New(size_t region);

  void Add(Account account);

  // A prospect (an account without deals) recorded with a lead; its id.
  std::string AddProspect(size_t region, absl::Time created_at);

  // Now and then a customer of the region, for a new deal.
  std::optional<size_t> PickCustomer(size_t region);

  void RecordWin(size_t account, absl::Time closed_at) { pending_wins_.push({closed_at, account}); }

  // Accounts whose won deal closed by t may buy again.
  void MakeCustomersOfWinsUntil(absl::Time t);

 private:
  World& world_;
  std::vector<Account> accounts_;
  std::vector<std::vector<size_t>> customers_by_region_;
  // Won deals not yet closed at the current creation time: (closed_at, account).
  std::priority_queue<std::pair<absl::Time, size_t>, std::vector<std::pair<absl::Time, size_t>>, std::greater<>>
      pending_wins_;
  IdSequence ids_{"acct"};
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_ACCOUNTS_H_
