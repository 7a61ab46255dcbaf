#include "core/engine/request_context.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "core/engine/request_limits.h"
#include "core/time/civil_time.h"
#include "core/time/time_zones.h"
#include "core/util/field_errors.h"
#include "core/util/proto_time.h"
#include "core/util/quote.h"

namespace salesmetrics {
namespace {

absl::StatusOr<Granularity> ToGranularity(salesmetrics::v1::Granularity g) {
  switch (g) {
    case salesmetrics::v1::GRANULARITY_UNSPECIFIED:
      return Granularity::kNone;
    case salesmetrics::v1::GRANULARITY_DAY:
      return Granularity::kDay;
    case salesmetrics::v1::GRANULARITY_WEEK:
      return Granularity::kWeek;
    case salesmetrics::v1::GRANULARITY_MONTH:
      return Granularity::kMonth;
    case salesmetrics::v1::GRANULARITY_QUARTER:
      return Granularity::kQuarter;
    case salesmetrics::v1::GRANULARITY_YEAR:
      return Granularity::kYear;
    default:
      return absl::InvalidArgumentError(absl::StrCat("unknown granularity ", static_cast<int>(g)));
  }
}

void ParseCalendar(const RequestContextFields& fields, RequestContext& context, FieldErrors& errors) {
  context.time_zone_name = fields.time_zone.empty() ? "UTC" : fields.time_zone;
  absl::StatusOr<absl::TimeZone> zone = LoadZone(context.time_zone_name);
  if (zone.ok()) {
    context.zone = *zone;
  } else {
    errors.Add(fields.field_prefix + "time_zone", std::string(zone.status().message()));
  }
  if (fields.fiscal_year_start_month < 0 || fields.fiscal_year_start_month > 12) {
    errors.Add(fields.field_prefix + "fiscal_year_start_month",
               absl::StrCat("must be 1 to 12 (or 0 for January), not ", fields.fiscal_year_start_month));
  }
  context.fiscal_year_start_month = fields.fiscal_year_start_month == 0 ? 1 : fields.fiscal_year_start_month;
  absl::StatusOr<Granularity> granularity = ToGranularity(fields.granularity);
  if (granularity.ok()) {
    context.granularity = *granularity;
  } else {
    errors.Add(fields.field_prefix + "granularity", std::string(granularity.status().message()));
  }
}

void ParseAsOf(const RequestContextFields& fields, absl::Time now, RequestContext& context, FieldErrors& errors) {
  context.as_of = absl::FromUnixSeconds(absl::ToUnixSeconds(now));
  if (fields.as_of == nullptr) return;
  const absl::StatusOr<absl::Time> as_of = FromProtoTimestamp(*fields.as_of);
  if (!as_of.ok()) {
    errors.Add(fields.field_prefix + "as_of", std::string(as_of.status().message()));
    return;
  }
  context.as_of = *as_of;
}

void ParseFilters(const RequestContextFields& fields, RequestContext& context, FieldErrors& errors) {
  if (fields.filters == nullptr) return;
  if (fields.filters->size() > kMaxFilters) {
    errors.Add("filters", absl::StrCat("holds ", fields.filters->size(), " filters; at most ", kMaxFilters,
                                       " are allowed"));
    return;
  }
  int values = 0;
  for (int i = 0; i < fields.filters->size(); ++i) {
    const salesmetrics::v1::Filter& f = fields.filters->Get(i);
    if (f.values().empty()) errors.Add(absl::StrCat("filters[", i, "].values"), "must hold at least one value");
    values += f.values_size();
    context.filters.push_back({f.dimension(), {f.values().begin(), f.values().end()}, f.strict()});
  }
  if (values > kMaxFilterValues) {
    errors.Add("filters", absl::StrCat("hold ", values, " values together; at most ", kMaxFilterValues,
                                       " are allowed"));
  }
}

// The period in civil time, or nullopt after adding errors.
std::optional<std::pair<absl::CivilSecond, absl::CivilSecond>> ParsePeriod(const RequestContextFields& fields,
                                                                          FieldErrors& errors) {
  std::optional<absl::CivilSecond> start, end;
  for (auto [field, text, out] : {std::tuple{"period_start", &fields.period_start, &start},
                                  std::tuple{"period_end", &fields.period_end, &end}}) {
    if (text->empty()) {
      errors.Add(fields.field_prefix + field, "is required (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])");
      continue;
    }
    absl::StatusOr<absl::CivilSecond> parsed = ParseCivilSecond(*text);
    if (parsed.ok()) {
      *out = *parsed;
    } else {
      errors.Add(fields.field_prefix + field, std::string(parsed.status().message()));
    }
  }
  if (!start || !end) return std::nullopt;
  if (*end <= *start) {
    errors.Add(fields.field_prefix + "period_end",
               absl::StrCat("must be after period_start (", fields.period_start, ")"));
    return std::nullopt;
  }
  return std::pair{*start, *end};
}

}  // namespace

absl::StatusOr<RequestContext> ParseRequestContext(const RequestContextFields& fields, absl::Time now) {
  FieldErrors errors;
  RequestContext context;
  ParseCalendar(fields, context, errors);
  ParseAsOf(fields, now, context, errors);
  ParseFilters(fields, context, errors);
  if (fields.period_optional && fields.period_start.empty() && fields.period_end.empty()) {
    if (!errors.empty()) return errors.ToStatus();
    context.period = MakeTimeWindow(context.as_of, context.as_of, context.zone);
    return context;
  }
  const auto period = ParsePeriod(fields, errors);
  if (!errors.empty()) return errors.ToStatus();
  context.period = MakeTimeWindow(ResolveCivil(period->first, context.zone),
                                  ResolveCivil(period->second, context.zone), context.zone);
  return context;
}

}  // namespace salesmetrics
