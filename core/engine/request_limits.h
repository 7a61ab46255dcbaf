// The limits every request is held to, checked before any work starts so
// that no request can make the server use unbounded time, memory or
// database work. docs/reliability.md lists them with what exceeding each
// answers.
#ifndef SALESMETRICS_CORE_ENGINE_REQUEST_LIMITS_H_
#define SALESMETRICS_CORE_ENGINE_REQUEST_LIMITS_H_

#include <cstddef>

namespace salesmetrics {

// Any string field of a request (metric id, dimension, filter value, time
// zone, parameter, page token): longer is INVALID_ARGUMENT.
inline constexpr size_t kMaxStringBytes = 256;
// Any repeated or map field of a request.
inline constexpr int kMaxRepeatedEntries = 1000;
// Filters of one request, and their values together.
inline constexpr int kMaxFilters = 16;
inline constexpr int kMaxFilterValues = 1000;
// Parameters of one request.
inline constexpr int kMaxParameters = 32;
// Buckets of a series.
inline constexpr int kMaxBuckets = 1000;
// Cells of one answer (buckets × groups) and rows of its tables, all
// together: more is RESOURCE_EXHAUSTED.
inline constexpr int kMaxResultCells = 20000;
inline constexpr int kMaxResultRows = 20000;
// A serialized response: more is RESOURCE_EXHAUSTED. gRPC clients accept
// 4 MiB by default.
inline constexpr size_t kMaxResponseBytes = 4000000;

}  // namespace salesmetrics

#endif  // SALESMETRICS_CORE_ENGINE_REQUEST_LIMITS_H_
