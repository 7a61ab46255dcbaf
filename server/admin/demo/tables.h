// The canonical tables the demo data fills, a batched writer each, and the
// sequences that number their rows.
#ifndef SALESMETRICS_SERVER_ADMIN_DEMO_TABLES_H_
#define SALESMETRICS_SERVER_ADMIN_DEMO_TABLES_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/admin/demo/table_writer.h"
#include "server/admin/demo_data.h"

namespace soci {
class session;
}

namespace salesmetrics::demo {

struct Tables {
  explicit Tables(soci::session& s);

  void Flush();
  DemoDataSummary Summary() const;

  TableWriter teams, sales_reps, accounts, leads, pipeline_stages, opportunities, stage_history, competitors, tasks,
      expenses, payments, targets;
};

// Ids "<prefix>-000001", "<prefix>-000002", ...
class IdSequence {
 public:
  explicit IdSequence(const char* prefix, absl::PadSpec width = absl::kZeroPad6) : prefix_(prefix), width_(width) {}
  std::string Next() { return absl::StrCat(prefix_, "-", absl::Dec(++count_, width_)); }

 private:
  const char* prefix_;
  absl::PadSpec width_;
  int64_t count_ = 0;
};

}  // namespace salesmetrics::demo

#endif  // SALESMETRICS_SERVER_ADMIN_DEMO_TABLES_H_
