#include "core/dashboards/dashboard_context.h"

#include "absl/strings/str_cat.h"
#include "core/util/proto_time.h"
#include "absl/strings/str_join.h"
#include "core/engine/result_collector.h"
#include "core/util/field_errors.h"
#include "core/util/quote.h"

namespace salesmetrics {
absl::StatusOr<DashboardRequest> ParseDashboardRequest(
    const salesmetrics::v1::DashboardPeriod& period,
    const google::protobuf::RepeatedPtrField<salesmetrics::v1::Filter>* filters, absl::Time now) {
  RequestContextFields fields{period.period_start(), period.period_end(), period.time_zone(),
                              period.has_as_of() ? &period.as_of() : nullptr, salesmetrics::v1::GRANULARITY_UNSPECIFIED,
                              period.fiscal_year_start_month(), filters};
  fields.field_prefix = "period.";
  absl::StatusOr<RequestContext> context = ParseRequestContext(fields, now);
  if (!context.ok()) return context.status();
  FieldErrors errors;
  for (size_t i = 0; i < context->filters.size(); ++i) {
    if (!EntityHasDimension(Entity::kOpportunity, context->filters[i].dimension)) {
      errors.Add(absl::StrCat("filters[", i, "].dimension"),
                 absl::StrCat(Quote(context->filters[i].dimension), " is not an opportunity dimension; allowed: ",
                              absl::StrJoin(sdk::kOpportunityDimensions, ", ")));
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  DashboardRequest request{*std::move(context), {}};
  request.windows.push_back(request.context.period);
  return request;
}

salesmetrics::v1::ResolvedPeriod ResolvedPeriodOf(const TimeWindow& window, const RequestContext& context) {
  salesmetrics::v1::ResolvedPeriod period;
  *period.mutable_start_time() = ToProtoTimestamp(window.start);
  *period.mutable_end_time() = ToProtoTimestamp(window.end);
  *period.mutable_as_of() = ToProtoTimestamp(context.as_of);
  period.set_time_zone(context.time_zone_name);
  return period;
}

salesmetrics::v1::Value ToApiValue(const sdk::Value& value, const std::string& currency_code) {
  absl::StatusOr<salesmetrics::v1::Value> converted = ToProtoValue(value.raw(), currency_code);
  if (converted.ok()) return *converted;
  salesmetrics::v1::Value absent;
  absent.set_absent_reason(std::string(converted.status().message()));
  return absent;
}

}  // namespace salesmetrics
