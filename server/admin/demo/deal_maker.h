// The opportunities, in the order they are created: who they are with (a
// returning customer, or a new account that most often comes with its
// lead), what they sell and for how much, how they go through the stages,
// and what follows a win. Each deal is written with its stage history,
// competitors and tasks.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_DEAL_MAKER_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_DEAL_MAKER_H_

#include <cstdint>

#include "server/admin/demo/accounts.h"
#include "server/admin/demo/leads.h"
#include "server/admin/demo/world.h"

namespace salesmetrics::demo {

// Creates `count` opportunities at times drawn by demand.
void MakeDeals(World& world, AccountBook& accounts, LeadBook& leads, int64_t count);

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_DEAL_MAKER_H_
