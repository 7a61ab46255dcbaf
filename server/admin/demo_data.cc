#include "server/admin/demo_data.h"

#include "absl/strings/str_cat.h"

namespace salesmetrics {

std::string DemoDataSummary::ToString() const { return absl::StrCat(opportunities, " opportunities"); }

absl::StatusOr<DemoDataSummary> GenerateDemoData(soci::session&, Backend, const DemoDataOptions&) {
  return absl::UnimplementedError("demo data generator not written yet");
}

}  // namespace salesmetrics
