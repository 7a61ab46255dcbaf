// A deal's way through the pipeline stages: whether it is won, which stages
// it visits and for how long, when it is expected to close, and how it ends
// or is still open at the end of the data.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_DEAL_STAGES_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_DEAL_STAGES_H_

#include <cstddef>

#include "server/admin/demo/deal.h"
#include "server/admin/demo/world.h"

namespace salesmetrics::demo {

// Decides how the opened deal (of an account in `segment`) ends, lays out
// its way through the stages and cuts it at the end of the data: a deal
// that would close later is still open. Sets its owner at the close or at
// the end.
void PlayOut(World& world, size_t segment, Deal& deal);

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_DEAL_STAGES_H_
