#include "core/plugin/metric_definition.h"

#include <regex>
#include <set>

#include "absl/strings/str_cat.h"
#include "core/plugin/parameter.h"
#include "core/query/dimensions.h"
#include "salesmetrics/decimal.h"

namespace salesmetrics {
namespace {

using salesmetrics::v1::Metric;
using salesmetrics::v1::ParameterSpec;

// Names the host binds itself, which a parameter may not take.
const std::set<std::string>& ReservedParameterNames() {
  static const auto* names = new std::set<std::string>{"as_of"};
  return *names;
}

bool IsIdentifier(const char* s) {
  static const std::regex kIdentifier("[a-z][a-z0-9_]*");
  return s != nullptr && std::regex_match(s, kIdentifier);
}

std::string Str(const char* s) { return s == nullptr ? "" : s; }

bool IsUnit(int32_t unit) { return unit >= SM_UNIT_COUNT && unit <= SM_UNIT_NUMBER; }

absl::Status AddOutputs(const sm_output_def* outputs, size_t count, const char* what,
                        google::protobuf::RepeatedPtrField<salesmetrics::v1::MeasureSpec>* measures,
                        google::protobuf::RepeatedPtrField<salesmetrics::v1::Column>* columns) {
  std::set<std::string> seen;
  for (size_t i = 0; i < count; ++i) {
    const sm_output_def& o = outputs[i];
    if (!IsIdentifier(o.name)) return absl::InvalidArgumentError(absl::StrCat(what, " ", i, " has no valid name"));
    if (!seen.insert(o.name).second) return absl::InvalidArgumentError(absl::StrCat(what, " ", o.name, " is declared twice"));
    if (!IsUnit(o.unit)) return absl::InvalidArgumentError(absl::StrCat(what, " ", o.name, " has no valid unit"));
    if (measures != nullptr) {
      auto* m = measures->Add();
      m->set_name(o.name);
      m->set_unit(static_cast<salesmetrics::v1::Unit>(o.unit));
      m->set_description(Str(o.description));
    } else {
      auto* c = columns->Add();
      c->set_name(o.name);
      c->set_unit(static_cast<salesmetrics::v1::Unit>(o.unit));
    }
  }
  return absl::OkStatus();
}

absl::Status AddParameter(const sm_param_def& p, Metric& metric) {
  if (!IsIdentifier(p.name)) return absl::InvalidArgumentError("a parameter has no valid name");
  if (ReservedParameterNames().count(p.name) > 0) {
    return absl::InvalidArgumentError(absl::StrCat("parameter name ", p.name, " is reserved"));
  }
  if (p.type < SM_PARAM_INTEGER || p.type > SM_PARAM_CHOICE) {
    return absl::InvalidArgumentError(absl::StrCat("parameter ", p.name, " has no valid type"));
  }
  ParameterSpec* spec = metric.add_parameters();
  spec->set_name(p.name);
  spec->set_description(Str(p.description));
  spec->set_type(static_cast<ParameterSpec::Type>(p.type));
  spec->set_minimum(Str(p.minimum));
  spec->set_minimum_exclusive(p.minimum_exclusive != 0);
  spec->set_maximum(Str(p.maximum));
  spec->set_maximum_exclusive(p.maximum_exclusive != 0);
  for (size_t c = 0; c < p.choice_count; ++c) spec->add_allowed_values(Str(p.choices[c]));
  if (p.type == SM_PARAM_CHOICE && p.choice_count == 0) {
    return absl::InvalidArgumentError(absl::StrCat("parameter ", p.name, " offers no choices"));
  }
  for (const std::string* bound : {&spec->minimum(), &spec->maximum()}) {
    if (!bound->empty() && !Decimal::Parse(*bound)) {
      return absl::InvalidArgumentError(absl::StrCat("parameter ", p.name, " has a bound that is not a number"));
    }
  }
  if (Str(p.default_value).empty()) return absl::OkStatus();  // optional
  absl::StatusOr<std::string> default_value = CanonicalParameterValue(*spec, Str(p.default_value));
  if (!default_value.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("parameter ", p.name, " default: ", default_value.status().message()));
  }
  spec->set_default_value(*default_value);
  return absl::OkStatus();
}

absl::Status AddDimensions(const char* const* names, size_t count,
                           google::protobuf::RepeatedPtrField<std::string>* out) {
  for (size_t i = 0; i < count; ++i) {
    if (names[i] == nullptr || !IsKnownDimension(names[i])) {
      return absl::InvalidArgumentError(absl::StrCat("unknown dimension \"", Str(names[i]), "\""));
    }
    out->Add(names[i]);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Metric> MetricFromDefinition(const sm_metric_def& def) {
  if (def.struct_size < sizeof(sm_metric_def)) {
    return absl::InvalidArgumentError("sm_metric_def.struct_size is smaller than ABI 1.0's");
  }
  if (!IsIdentifier(def.id)) {
    return absl::InvalidArgumentError(absl::StrCat("metric id \"", Str(def.id), "\" is not [a-z][a-z0-9_]*"));
  }
  const std::string id = def.id;
  const auto fail = [&](const absl::Status& s) {
    return absl::InvalidArgumentError(absl::StrCat("metric ", id, ": ", s.message()));
  };
  if (def.compute == nullptr) return fail(absl::InvalidArgumentError("no compute function"));
  if (!IsUnit(def.unit)) return fail(absl::InvalidArgumentError("no valid unit"));
  if (def.kind != SM_KIND_METRIC && def.kind != SM_KIND_VIEW) return fail(absl::InvalidArgumentError("no valid kind"));
  if (def.measure_count == 0 && def.column_count == 0) {
    return fail(absl::InvalidArgumentError("declares neither measures nor columns"));
  }

  Metric metric;
  metric.set_name(absl::StrCat("metrics/", id));
  metric.set_metric_id(id);
  metric.set_display_name(Str(def.display_name).empty() ? id : Str(def.display_name));
  metric.set_description(Str(def.description));
  metric.set_unit(static_cast<salesmetrics::v1::Unit>(def.unit));
  metric.set_kind(static_cast<salesmetrics::v1::MetricKind>(def.kind));
  metric.set_supports_series(def.supports_series != 0);
  metric.set_period_ignored(def.period_ignored != 0);
  absl::Status s = AddDimensions(def.filter_dimensions, def.filter_dimension_count, metric.mutable_filter_dimensions());
  if (s.ok()) s = AddDimensions(def.group_by_dimensions, def.group_by_dimension_count, metric.mutable_group_by_dimensions());
  for (size_t i = 0; s.ok() && i < def.parameter_count; ++i) s = AddParameter(def.parameters[i], metric);
  if (s.ok()) s = AddOutputs(def.measures, def.measure_count, "measure", metric.mutable_measures(), nullptr);
  if (s.ok()) s = AddOutputs(def.columns, def.column_count, "column", nullptr, metric.mutable_columns());
  if (!s.ok()) return fail(s);
  return metric;
}

}  // namespace salesmetrics
