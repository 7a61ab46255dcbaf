// Protobuf JSON for --json.
#ifndef SALESMETRICS_CLIENTS_CLI_JSON_OUTPUT_H_
#define SALESMETRICS_CLIENTS_CLI_JSON_OUTPUT_H_

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/statusor.h"

namespace salesmetrics::cli {

enum class JsonLayout {
  kIndented,  // over several lines, for people
  kOneLine,   // compact, one message a line, for jq and the like
};

// `message` as protobuf JSON ending in '\n'; fields at their default are left out.
absl::StatusOr<std::string> FormatJson(const google::protobuf::Message& message, JsonLayout layout);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_JSON_OUTPUT_H_
