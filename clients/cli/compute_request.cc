#include "clients/cli/compute_request.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace salesmetrics::cli {
namespace {

using salesmetrics::v1::ComputeMetricRequest;
using salesmetrics::v1::Filter;
using salesmetrics::v1::Granularity;

absl::Status Malformed(absl::string_view flag, absl::string_view expected, absl::string_view text) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, " expects ", expected, ", got \"", text, "\""));
}

absl::Status AddParameter(const std::string& text, google::protobuf::Map<std::string, std::string>& parameters) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) return Malformed("param", "NAME=VALUE", text);
  const std::string name = text.substr(0, equals);
  if (parameters.count(name) > 0) return absl::InvalidArgumentError(absl::StrCat("--param ", name, " is given twice"));
  parameters[name] = text.substr(equals + 1);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<absl::Time> ParseAsOf(const std::string& text) {
  absl::Time time;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, text, &time, &error)) return time;
  absl::CivilSecond civil;
  if (absl::ParseLenientCivilTime(text, &civil)) return absl::FromCivil(civil, absl::UTCTimeZone());
  return Malformed("as-of", "an RFC 3339 time (2024-03-01T09:00:00+08:00) or a UTC date or date-time", text);
}

absl::StatusOr<Granularity> ParseGranularity(const std::string& text) {
  Granularity granularity = salesmetrics::v1::GRANULARITY_UNSPECIFIED;
  if (!salesmetrics::v1::Granularity_Parse(absl::StrCat("GRANULARITY_", absl::AsciiStrToUpper(text)), &granularity) ||
      granularity == salesmetrics::v1::GRANULARITY_UNSPECIFIED) {
    return Malformed("granularity", "day, week, month, quarter or year", text);
  }
  return granularity;
}

absl::StatusOr<Filter> ParseFilter(const std::string& text) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    return Malformed("where", "DIM=VALUE[,VALUE...]", text);
  }
  Filter filter;
  filter.set_dimension(text.substr(0, equals));
  for (absl::string_view value : absl::StrSplit(absl::string_view(text).substr(equals + 1), ',')) {
    filter.add_values(std::string(value));
  }
  return filter;
}

absl::Status AddFilters(const std::vector<std::string>& where, google::protobuf::RepeatedPtrField<Filter>& filters) {
  for (const std::string& text : where) {
    absl::StatusOr<Filter> filter = ParseFilter(text);
    if (!filter.ok()) return filter.status();
    *filters.Add() = *std::move(filter);
  }
  return absl::OkStatus();
}

absl::StatusOr<ComputeMetricRequest> BuildComputeRequest(const ComputeArgs& args) {
  // The server checks the period: views that are snapshots at as_of (top
  // and stalled opportunities) take none.
  ComputeMetricRequest request;
  request.set_metric(args.metric);
  request.set_group_by(args.group_by);
  if (absl::Status status = SetPeriod(args.period, request); !status.ok()) return status;
  if (!args.granularity.empty()) {
    absl::StatusOr<Granularity> granularity = ParseGranularity(args.granularity);
    if (!granularity.ok()) return granularity.status();
    request.set_granularity(*granularity);
  }
  if (absl::Status status = AddFilters(args.where, *request.mutable_filters()); !status.ok()) return status;
  for (const std::string& param : args.params) {
    if (absl::Status status = AddParameter(param, *request.mutable_parameters()); !status.ok()) return status;
  }
  return request;
}

}  // namespace salesmetrics::cli
