// The request messages of the API, chosen by the first byte of a fuzz input
// (byte % count). The kinds served from the database come first, so that
// an input of compute_fuzzer is the same request to request_decoder_fuzzer.
#ifndef SALESMETRICS_TESTS_FUZZ_REQUEST_KINDS_H_
#define SALESMETRICS_TESTS_FUZZ_REQUEST_KINDS_H_

#include <google/protobuf/message.h>

#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/strings/string_view.h"

namespace salesmetrics::fuzzing {

enum class RequestKind {
  // Served from the database (compute_fuzzer).
  kComputeMetric,
  kSalesBriefing,
  kFunnel,
  kForecast,
  kPerformanceCollection,
  kEvaluateAlerts,
  // Served without it.
  kListMetrics,
  kGetMetric,
  kWatchAlerts,
  kReloadMetrics,
};
inline constexpr int kDatabaseRequestKinds = 6;
inline constexpr int kRequestKinds = 10;

// An empty message of `kind`'s type.
std::unique_ptr<google::protobuf::Message> NewRequest(RequestKind kind);

// A fuzz input split into the request kind (among the first `kinds`) and
// the request's bytes; false for an empty input.
struct FuzzRequest {
  RequestKind kind;
  uint8_t selector;  // the first byte, for further choices
  absl::string_view bytes;
};
bool SplitInput(const uint8_t* data, size_t size, int kinds, FuzzRequest& out);

}  // namespace salesmetrics::fuzzing

#endif  // SALESMETRICS_TESTS_FUZZ_REQUEST_KINDS_H_
