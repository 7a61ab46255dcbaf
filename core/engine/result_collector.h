// Collects what a metric emits, cell by cell, and assembles the response.
//
// Every emission is checked against the metric's declaration (measure
// names, units, column counts), so a plugin bug fails its request with a
// message instead of producing a malformed answer; and against the limits
// on cells and rows, so no answer grows without bound.
#ifndef SALESMETRICS_CORE_ENGINE_RESULT_COLLECTOR_H_
#define SALESMETRICS_CORE_ENGINE_RESULT_COLLECTOR_H_

#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/engine/compute_plan.h"
#include "salesmetrics/plugin_abi.h"
#include "salesmetrics/v1/metrics_service.pb.h"

namespace salesmetrics {

// Converts a plugin's value; InvalidArgument for an unknown unit or a
// non-finite number.
absl::StatusOr<salesmetrics::v1::Value> ToProtoValue(const sm_value& value, const std::string& currency_code);

class ResultCollector {
 public:
  ResultCollector(const salesmetrics::v1::Metric& info, std::string currency_code)
      : info_(info), currency_code_(std::move(currency_code)) {}

  struct CellKey {
    int64_t bucket;
    bool grouped;
    std::optional<std::string> group;
    friend bool operator<(const CellKey& a, const CellKey& b) {
      return std::tie(a.bucket, a.grouped, a.group) < std::tie(b.bucket, b.grouped, b.group);
    }
  };

  absl::Status EmitMeasure(const CellKey& cell, absl::string_view name, const sm_value& value);
  absl::Status EmitRow(const CellKey& cell, const sm_value* values, size_t count);
  void SetDefinition(std::string variant, std::string formula);

  // The response for `plan`, from everything emitted.
  salesmetrics::v1::ComputeMetricResponse Build(const ComputePlan& plan) const;

 private:
  struct Cell {
    std::map<std::string, salesmetrics::v1::Value> measures;
    google::protobuf::RepeatedPtrField<salesmetrics::v1::Row> rows;
  };
  // The cell at `key`, created when new; ResourceExhausted past the limits
  // of core/engine/request_limits.h.
  absl::StatusOr<Cell*> CellAt(const CellKey& key);
  salesmetrics::v1::Result ToResult(const Cell& cell) const;
  // Groups of a bucket's grouped pass, ordered by key, the null key last.
  void AddGroups(int64_t bucket, google::protobuf::RepeatedPtrField<salesmetrics::v1::Group>* groups) const;

  const salesmetrics::v1::Metric& info_;
  const std::string currency_code_;
  std::map<CellKey, Cell> cells_;
  int row_count_ = 0;
  salesmetrics::v1::Definition definition_;
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_RESULT_COLLECTOR_H_
