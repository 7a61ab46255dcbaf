#include "clients/cli/dashboard_request.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace salesmetrics::cli {
namespace {

using salesmetrics::v1::DashboardPeriod;

absl::StatusOr<salesmetrics::v1::ComputeFunnelRequest> BuildFunnelRequest(const DashboardArgs& args,
                                                                          DashboardPeriod period) {
  salesmetrics::v1::ComputeFunnelRequest request;
  *request.mutable_period() = std::move(period);
  if (absl::Status status = AddFilters(args.where, *request.mutable_filters()); !status.ok()) return status;
  return request;
}

// A request of a company-wide dashboard: its period alone.
template <typename Request>
DashboardRequest CompanyWideRequest(DashboardPeriod period) {
  Request request;
  *request.mutable_period() = std::move(period);
  return request;
}

using CompanyWideFactory = DashboardRequest (*)(DashboardPeriod);

// The dashboards other than the funnel, by name.
CompanyWideFactory FindCompanyWide(const std::string& dashboard) {
  if (dashboard == "briefing") return &CompanyWideRequest<salesmetrics::v1::ComputeSalesBriefingRequest>;
  if (dashboard == "forecast") return &CompanyWideRequest<salesmetrics::v1::ComputeForecastRequest>;
  if (dashboard == "performance") return &CompanyWideRequest<salesmetrics::v1::ComputePerformanceCollectionRequest>;
  return nullptr;
}

}  // namespace

absl::StatusOr<DashboardRequest> BuildDashboardRequest(const DashboardArgs& args) {
  const CompanyWideFactory company_wide = FindCompanyWide(args.dashboard);
  if (args.dashboard != "funnel" && company_wide == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown dashboard \"", args.dashboard, "\": expected briefing, funnel, forecast or performance"));
  }
  if (company_wide != nullptr && !args.where.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--where applies to the funnel only; the ", args.dashboard, " dashboard is company-wide"));
  }
  DashboardPeriod period;
  if (absl::Status status = SetPeriod(args.period, period); !status.ok()) return status;
  if (company_wide != nullptr) return company_wide(std::move(period));
  return BuildFunnelRequest(args, std::move(period));
}

}  // namespace salesmetrics::cli
