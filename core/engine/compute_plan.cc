#include "core/engine/compute_plan.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/engine/request_limits.h"
#include "core/plugin/parameter.h"
#include "core/util/field_errors.h"
#include "core/util/quote.h"

namespace salesmetrics {
namespace {

using salesmetrics::v1::ComputeMetricRequest;

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
                           plan.context.zone, plan.context.fiscal_year_start_month, kMaxBuckets);
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
                 absl::StrCat(info.metric_id(), " cannot be filtered by ", Quote(dimension), "; ",
                              Allowed(info.filter_dimensions())));
    }
  }

  plan.group_by = request.group_by();
  if (!plan.group_by.empty() && !Contains(info.group_by_dimensions(), plan.group_by)) {
    errors.Add("group_by", absl::StrCat(info.metric_id(), " cannot be grouped by ", Quote(plan.group_by), "; ",
                                        Allowed(info.group_by_dimensions())));
  }

  if (request.parameters_size() > kMaxParameters) {
    errors.Add("parameters", absl::StrCat("holds ", request.parameters_size(), " parameters; at most ",
                                          kMaxParameters, " are allowed"));
    return errors.ToStatus();
  }
  // Not a structured binding: clang 14 (the sanitizer build) cannot
  // capture one in the lambda below.
  for (const auto& entry : request.parameters()) {
    const std::string& name = entry.first;
    const std::string& value = entry.second;
    const auto spec = std::find_if(info.parameters().begin(), info.parameters().end(),
                                   [&](const auto& p) { return p.name() == name; });
    if (spec == info.parameters().end()) {
      std::vector<std::string> names;
      for (const auto& p : info.parameters()) names.push_back(p.name());
      errors.Add(absl::StrCat("parameters[", EscapedPrefix(name), "]"),
                 absl::StrCat(info.metric_id(), " has no parameter ", Quote(name), "; ",
                              names.empty() ? "it takes none" : absl::StrCat("it takes: ", absl::StrJoin(names, ", "))));
      continue;
    }
    absl::StatusOr<std::string> canonical = CanonicalParameterValue(*spec, value);
    if (!canonical.ok()) {
      errors.Add(absl::StrCat("parameters[", EscapedPrefix(name), "]"), std::string(canonical.status().message()));
    } else {
      plan.parameters[name] = *canonical;
    }
  }
  for (const auto& spec : info.parameters()) {
    if (!spec.default_value().empty()) plan.parameters.emplace(spec.name(), spec.default_value());
  }

  if (!errors.empty()) return errors.ToStatus();
  return plan;
}

}  // namespace salesmetrics
