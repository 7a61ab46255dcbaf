// The request context shared by metrics and dashboards (kpis.md, "Request
// context"): period, time zone, as_of, calendar and filters, validated with
// errors that name the field at fault.
#ifndef SALESMETRICS_CORE_ENGINE_REQUEST_CONTEXT_H_
#define SALESMETRICS_CORE_ENGINE_REQUEST_CONTEXT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/query/dimensions.h"
#include "core/time/buckets.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics {

// The request context shared by metrics and dashboards (kpis.md, "Request
// context").
struct RequestContext {
  std::string time_zone_name;
  absl::TimeZone zone;
  absl::Time as_of;
  int fiscal_year_start_month = 1;
  TimeWindow period;
  Granularity granularity = Granularity::kNone;
  std::vector<DimensionFilter> filters;
};

// The raw fields a request context is read from.
struct RequestContextFields {
  std::string period_start;
  std::string period_end;
  std::string time_zone;
  const google::protobuf::Timestamp* as_of = nullptr;  // nullptr: now
  salesmetrics::v1::Granularity granularity = salesmetrics::v1::GRANULARITY_UNSPECIFIED;
  int32_t fiscal_year_start_month = 0;
  const google::protobuf::RepeatedPtrField<salesmetrics::v1::Filter>* filters = nullptr;
  // When both period fields are empty, the period is the instant as_of.
  bool period_optional = false;
  // Prefix of the field names in errors, e.g. "period." for a nested message.
  std::string field_prefix;
};

// Reads the request context; `now` is the default as_of. Fails with
// InvalidArgument naming each bad field.
absl::StatusOr<RequestContext> ParseRequestContext(const RequestContextFields& fields, absl::Time now);

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_REQUEST_CONTEXT_H_
