#include "core/engine/request_context.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "core/time/civil_time.h"
#include "core/util/field_errors.h"

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
  if (!absl::LoadTimeZone(context.time_zone_name, &context.zone)) {
    errors.Add(fields.field_prefix + "time_zone", absl::StrCat("unknown time zone \"", context.time_zone_name,
                                         "\"; use an IANA name such as Asia/Shanghai or UTC"));
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
  const google::protobuf::Timestamp& t = *fields.as_of;
  // The range google.protobuf.Timestamp allows: years 1 to 9999.
  if (t.seconds() < -62135596800 || t.seconds() > 253402300799 || t.nanos() < 0 || t.nanos() > 999999999) {
    errors.Add(fields.field_prefix + "as_of", "is not a valid timestamp");
    return;
  }
  context.as_of = absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

void ParseFilters(const RequestContextFields& fields, RequestContext& context, FieldErrors& errors) {
  if (fields.filters == nullptr) return;
  for (int i = 0; i < fields.filters->size(); ++i) {
    const salesmetrics::v1::Filter& f = fields.filters->Get(i);
    if (f.values().empty()) errors.Add(absl::StrCat("filters[", i, "].values"), "must hold at least one value");
    context.filters.push_back({f.dimension(), {f.values().begin(), f.values().end()}});
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
