// Expenses and targets, which follow what the data achieved and so are
// written after the deals and leads. Expenses are monthly: marketing by
// channel, costing per lead it brought in, and sales costs per employed rep.
// Targets are quarterly: company sales and MQLs, team sales and rep sales.
// Demo targets are set in hindsight, from what the quarter achieved, so that
// attainment scatters around 100%; a quarter not over yet gets the last
// target plus growth.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_EXPENSES_AND_TARGETS_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_EXPENSES_AND_TARGETS_H_

#include "server/admin/demo/world.h"

namespace salesmetrics::demo {

void WriteExpenses(World& world);
void WriteTargets(World& world);

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_EXPENSES_AND_TARGETS_H_
