#include "core/engine/result_collector.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/engine/request_limits.h"
#include "core/util/proto_time.h"

namespace salesmetrics {
namespace {

using salesmetrics::v1::Value;


absl::Status SetOperand(int32_t unit, int64_t value, const std::string& currency, bool numerator,
                        salesmetrics::v1::Fraction* fraction) {
  if (unit == SM_UNIT_COUNT) {
    numerator ? fraction->set_count_numerator(value) : fraction->set_count_denominator(value);
  } else if (unit == SM_UNIT_MONEY) {
    auto* money = numerator ? fraction->mutable_money_numerator() : fraction->mutable_money_denominator();
    money->set_currency_code(currency);
    money->set_minor_units(value);
  } else {
    return absl::InvalidArgumentError("an operand of a fraction must be a count or money");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Value> ToProtoValue(const sm_value& v, const std::string& currency_code) {
  Value out;
  const std::string text = v.text == nullptr ? "" : std::string(v.text, v.text_len);
  if ((v.unit == SM_UNIT_RATIO || v.unit == SM_UNIT_DAYS || v.unit == SM_UNIT_NUMBER) && !std::isfinite(v.real)) {
    return absl::InvalidArgumentError("a number must be finite; emit an absent value with a reason instead");
  }
  switch (v.unit) {
    case SM_UNIT_ABSENT:
      out.set_absent_reason(text);
      break;
    case SM_UNIT_COUNT:
      out.set_count(v.integer);
      break;
    case SM_UNIT_MONEY:
      out.mutable_money()->set_currency_code(currency_code);
      out.mutable_money()->set_minor_units(v.integer);
      break;
    case SM_UNIT_RATIO:
      out.set_ratio(v.real);
      break;
    case SM_UNIT_DAYS:
      out.set_days(v.real);
      break;
    case SM_UNIT_TEXT:
      out.set_text(text);
      break;
    case SM_UNIT_BOOL:
      out.set_flag(v.integer != 0);
      break;
    case SM_UNIT_DATE:
      out.set_date(text);
      break;
    case SM_UNIT_NUMBER:
      out.set_number(v.real);
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat("unknown unit ", v.unit));
  }
  if (v.numerator_unit != SM_UNIT_ABSENT) {
    if (absl::Status s = SetOperand(v.numerator_unit, v.numerator, currency_code, true, out.mutable_fraction()); !s.ok()) return s;
    if (absl::Status s = SetOperand(v.denominator_unit, v.denominator, currency_code, false, out.mutable_fraction()); !s.ok()) return s;
  }
  return out;
}

absl::Status ResultCollector::EmitMeasure(const CellKey& cell, absl::string_view name, const sm_value& value) {
  const auto spec = std::find_if(info_.measures().begin(), info_.measures().end(),
                                 [&](const auto& m) { return m.name() == name; });
  if (spec == info_.measures().end()) {
    return absl::InvalidArgumentError(absl::StrCat("emitted undeclared measure \"", name, "\""));
  }
  if (value.unit != SM_UNIT_ABSENT && value.unit != spec->unit()) {
    return absl::InvalidArgumentError(absl::StrCat("emitted measure \"", name, "\" in unit ", value.unit,
                                                   ", declared as ", static_cast<int>(spec->unit())));
  }
  absl::StatusOr<Value> converted = ToProtoValue(value, currency_code_);
  if (!converted.ok()) return absl::InvalidArgumentError(absl::StrCat("measure \"", name, "\": ", converted.status().message()));
  absl::StatusOr<Cell*> target = CellAt(cell);
  if (!target.ok()) return target.status();
  (*target)->measures[std::string(name)] = *std::move(converted);
  return absl::OkStatus();
}

absl::Status ResultCollector::EmitRow(const CellKey& cell, const sm_value* values, size_t count) {
  if (static_cast<int>(count) != info_.columns_size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("emitted a row of ", count, " values; ", info_.columns_size(), " columns are declared"));
  }
  salesmetrics::v1::Row row;
  for (size_t i = 0; i < count; ++i) {
    const auto& column = info_.columns(static_cast<int>(i));
    if (values[i].unit != SM_UNIT_ABSENT && values[i].unit != column.unit()) {
      return absl::InvalidArgumentError(absl::StrCat("column \"", column.name(), "\" got unit ", values[i].unit,
                                                     ", declared as ", static_cast<int>(column.unit())));
    }
    absl::StatusOr<Value> converted = ToProtoValue(values[i], currency_code_);
    if (!converted.ok()) return absl::InvalidArgumentError(absl::StrCat("column \"", column.name(), "\": ", converted.status().message()));
    *row.add_values() = *std::move(converted);
  }
  if (row_count_ == kMaxResultRows) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the answer would hold more than ", kMaxResultRows, " rows; ask for a shorter period or fewer groups"));
  }
  absl::StatusOr<Cell*> target = CellAt(cell);
  if (!target.ok()) return target.status();
  *(*target)->rows.Add() = std::move(row);
  ++row_count_;
  return absl::OkStatus();
}

absl::StatusOr<ResultCollector::Cell*> ResultCollector::CellAt(const CellKey& key) {
  const auto it = cells_.find(key);
  if (it != cells_.end()) return &it->second;
  if (cells_.size() == static_cast<size_t>(kMaxResultCells)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the answer would hold more than ", kMaxResultCells,
        " cells (buckets x groups); ask for a coarser granularity, a shorter period or fewer groups"));
  }
  return &cells_[key];
}

void ResultCollector::SetDefinition(std::string variant, std::string formula) {
  definition_.set_variant(std::move(variant));
  definition_.set_formula(std::move(formula));
}

salesmetrics::v1::Result ResultCollector::ToResult(const Cell& cell) const {
  salesmetrics::v1::Result result;
  for (const auto& spec : info_.measures()) {
    const auto it = cell.measures.find(spec.name());
    if (it == cell.measures.end()) continue;
    if (spec.name() == info_.measures(0).name()) *result.mutable_value() = it->second;
    auto* measure = result.add_measures();
    measure->set_name(spec.name());
    *measure->mutable_value() = it->second;
  }
  if (info_.columns_size() > 0) {
    *result.mutable_table()->mutable_columns() = info_.columns();
    *result.mutable_table()->mutable_rows() = cell.rows;
  }
  return result;
}

void ResultCollector::AddGroups(int64_t bucket, google::protobuf::RepeatedPtrField<salesmetrics::v1::Group>* groups) const {
  const Cell* null_group = nullptr;
  // cells_ orders a bucket's grouped cells by key, the null key first.
  for (auto it = cells_.lower_bound(CellKey{bucket, true, std::nullopt});
       it != cells_.end() && it->first.bucket == bucket && it->first.grouped; ++it) {
    if (!it->first.group) {
      null_group = &it->second;
      continue;
    }
    auto* group = groups->Add();
    group->set_key(*it->first.group);
    *group->mutable_result() = ToResult(it->second);
  }
  if (null_group != nullptr) *groups->Add()->mutable_result() = ToResult(*null_group);
}

salesmetrics::v1::ComputeMetricResponse ResultCollector::Build(const ComputePlan& plan) const {
  salesmetrics::v1::ComputeMetricResponse response;
  const RequestContext& context = plan.context;
  response.set_metric(info_.metric_id());
  *response.mutable_definition() = definition_;
  *response.mutable_start_time() = ToProtoTimestamp(context.period.start);
  *response.mutable_end_time() = ToProtoTimestamp(context.period.end);
  *response.mutable_as_of() = ToProtoTimestamp(context.as_of);
  response.set_time_zone(context.time_zone_name);
  for (const auto& [name, value] : plan.parameters) (*response.mutable_parameters())[name] = value;

  const Cell empty;
  const auto find = [&](int64_t bucket) -> const Cell& {
    const auto it = cells_.find(CellKey{bucket, false, std::nullopt});
    return it == cells_.end() ? empty : it->second;
  };
  *response.mutable_result() = ToResult(find(0));
  AddGroups(0, response.mutable_groups());
  for (size_t b = 1; b < plan.windows.size(); ++b) {
    auto* bucket = response.add_series();
    bucket->set_label(plan.windows[b].label);
    *bucket->mutable_start_time() = ToProtoTimestamp(plan.windows[b].start);
    *bucket->mutable_end_time() = ToProtoTimestamp(plan.windows[b].end);
    *bucket->mutable_result() = ToResult(find(static_cast<int64_t>(b)));
    AddGroups(static_cast<int64_t>(b), bucket->mutable_groups());
  }
  return response;
}

}  // namespace salesmetrics
