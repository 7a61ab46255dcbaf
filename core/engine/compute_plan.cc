#include "core/engine/compute_plan.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/plugin/parameter.h"
#include "core/time/civil_time.h"
#include "core/util/field_errors.h"

namespace salesmetrics {
namespace {

using salesmetrics::v1::ComputeMetricRequest;

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

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string Allowed(const google::protobuf::RepeatedPtrField<std::string>& list) {
  return list.empty() ? "it takes none" : absl::StrCat("allowed: ", absl::StrJoin(list, ", "));
}

}  // namespace

std::string MetricIdFromName(const std::string& name) {
  absl::string_view id = name;
  absl::ConsumePrefix(&id, "metrics/");
  return std::string(id);
}

absl::StatusOr<RequestContext> ParseRequestContext(const RequestContextFields& fields, absl::Time now) {
  FieldErrors errors;
  RequestContext context;

  context.time_zone_name = fields.time_zone.empty() ? "UTC" : fields.time_zone;
  if (!absl::LoadTimeZone(context.time_zone_name, &context.zone)) {
    errors.Add("time_zone", absl::StrCat("unknown time zone \"", context.time_zone_name,
                                         "\"; use an IANA name such as Asia/Shanghai or UTC"));
  }
  if (fields.fiscal_year_start_month < 0 || fields.fiscal_year_start_month > 12) {
    errors.Add("fiscal_year_start_month", absl::StrCat("must be 1 to 12 (or 0 for January), not ",
                                                       fields.fiscal_year_start_month));
  }
  context.fiscal_year_start_month = fields.fiscal_year_start_month == 0 ? 1 : fields.fiscal_year_start_month;
  absl::StatusOr<Granularity> granularity = ToGranularity(fields.granularity);
  if (!granularity.ok()) {
    errors.Add("granularity", std::string(granularity.status().message()));
  } else {
    context.granularity = *granularity;
  }

  context.as_of = absl::FromUnixSeconds(absl::ToUnixSeconds(now));
  if (fields.as_of != nullptr) {
    if (fields.as_of->seconds() < -62135596800 || fields.as_of->seconds() > 253402300799 ||
        fields.as_of->nanos() < 0 || fields.as_of->nanos() > 999999999) {
      errors.Add("as_of", "is not a valid timestamp");
    } else {
      context.as_of = absl::FromUnixSeconds(fields.as_of->seconds()) + absl::Nanoseconds(fields.as_of->nanos());
    }
  }

  if (fields.filters != nullptr) {
    for (int i = 0; i < fields.filters->size(); ++i) {
      const salesmetrics::v1::Filter& f = fields.filters->Get(i);
      if (f.values().empty()) {
        errors.Add(absl::StrCat("filters[", i, "].values"), "must hold at least one value");
      }
      context.filters.push_back({f.dimension(), {f.values().begin(), f.values().end()}});
    }
  }

  if (fields.period_optional && fields.period_start.empty() && fields.period_end.empty()) {
    if (!errors.empty()) return errors.ToStatus();
    context.period = MakeTimeWindow(context.as_of, context.as_of, context.zone);
    return context;
  }
  std::optional<absl::CivilSecond> start, end;
  for (auto [field, text, out] : {std::tuple{"period_start", &fields.period_start, &start},
                                  std::tuple{"period_end", &fields.period_end, &end}}) {
    if (text->empty()) {
      errors.Add(field, "is required (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])");
      continue;
    }
    absl::StatusOr<absl::CivilSecond> parsed = ParseCivilSecond(*text);
    if (!parsed.ok()) {
      errors.Add(field, std::string(parsed.status().message()));
    } else {
      *out = *parsed;
    }
  }
  if (start && end && *end <= *start) {
    errors.Add("period_end", absl::StrCat("must be after period_start (", fields.period_start, ")"));
  }

  if (!errors.empty()) return errors.ToStatus();
  const absl::Time start_time = ResolveCivil(*start, context.zone);
  const absl::Time end_time = ResolveCivil(*end, context.zone);
  context.period = MakeTimeWindow(start_time, end_time, context.zone);
  return context;
}

absl::StatusOr<ComputePlan> PlanComputation(const ComputeMetricRequest& request,
                                            std::shared_ptr<const RegisteredMetric> metric, absl::Time now) {
  const salesmetrics::v1::Metric& info = metric->info();
  absl::StatusOr<RequestContext> context =
      ParseRequestContext({request.period_start(), request.period_end(), request.time_zone(),
                           request.has_as_of() ? &request.as_of() : nullptr, request.granularity(),
                           request.fiscal_year_start_month(), &request.filters(), info.period_ignored()},
                          now);
  if (!context.ok()) return context.status();

  FieldErrors errors;
  ComputePlan plan;
  plan.metric = metric;
  plan.context = *std::move(context);
  plan.windows.push_back(plan.context.period);

  if (plan.context.granularity != Granularity::kNone) {
    if (!info.supports_series()) {
      errors.Add("granularity", absl::StrCat(info.metric_id(), " has no series"));
    } else {
      absl::StatusOr<std::vector<TimeWindow>> buckets =
          SplitIntoBuckets(plan.context.period.start, plan.context.period.end, plan.context.granularity,
                           plan.context.zone, plan.context.fiscal_year_start_month);
      if (!buckets.ok()) {
        errors.Add("granularity", std::string(buckets.status().message()));
      } else {
        plan.windows.insert(plan.windows.end(), buckets->begin(), buckets->end());
      }
    }
  }

  for (size_t i = 0; i < plan.context.filters.size(); ++i) {
    const std::string& dimension = plan.context.filters[i].dimension;
    if (!Contains(info.filter_dimensions(), dimension)) {
      errors.Add(absl::StrCat("filters[", i, "].dimension"),
                 absl::StrCat(info.metric_id(), " cannot be filtered by \"", dimension, "\"; ",
                              Allowed(info.filter_dimensions())));
    }
  }

  plan.group_by = request.group_by();
  if (!plan.group_by.empty() && !Contains(info.group_by_dimensions(), plan.group_by)) {
    errors.Add("group_by", absl::StrCat(info.metric_id(), " cannot be grouped by \"", plan.group_by, "\"; ",
                                        Allowed(info.group_by_dimensions())));
  }

  for (const auto& [name, value] : request.parameters()) {
    const auto spec = std::find_if(info.parameters().begin(), info.parameters().end(),
                                   [&](const auto& p) { return p.name() == name; });
    if (spec == info.parameters().end()) {
      std::vector<std::string> names;
      for (const auto& p : info.parameters()) names.push_back(p.name());
      errors.Add(absl::StrCat("parameters[", name, "]"),
                 absl::StrCat(info.metric_id(), " has no parameter \"", name, "\"; ",
                              names.empty() ? "it takes none" : absl::StrCat("it takes: ", absl::StrJoin(names, ", "))));
      continue;
    }
    absl::StatusOr<std::string> canonical = CanonicalParameterValue(*spec, value);
    if (!canonical.ok()) {
      errors.Add(absl::StrCat("parameters[", name, "]"), std::string(canonical.status().message()));
    } else {
      plan.parameters[name] = *canonical;
    }
  }
  for (const auto& spec : info.parameters()) plan.parameters.emplace(spec.name(), spec.default_value());

  if (!errors.empty()) return errors.ToStatus();
  return plan;
}

}  // namespace salesmetrics
