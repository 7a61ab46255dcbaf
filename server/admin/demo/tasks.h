// The follow-up tasks of a deal: zero to two per stage visit, one more in
// the first; later stages are busier, so their tasks run late more often.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_TASKS_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_TASKS_H_

#include <cstddef>
#include <optional>

#include "absl/time/time.h"
#include "server/admin/demo/deal.h"
#include "server/admin/demo/tables.h"
#include "server/admin/demo/world.h"

namespace salesmetrics::demo {

class TaskWriter {
 public:
  explicit TaskWriter(World& world) : world_(world) {}

  void Write(const Deal& deal);

 private:
  void WriteOne(const Deal& deal, const StageVisit& visit);
  std::optional<absl::Time> Completion(size_t stage, absl::Time created_at, absl::Time due_at);

  World& world_;
  IdSequence ids_{"task"};
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_TASKS_H_
