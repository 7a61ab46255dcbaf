#include "clients/cli/json_output.h"

#include <google/protobuf/util/json_util.h>

#include "absl/status/status.h"

namespace salesmetrics::cli {

absl::StatusOr<std::string> FormatJson(const google::protobuf::Message& message, JsonLayout layout) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = layout == JsonLayout::kIndented;
  options.always_print_primitive_fields = false;
  std::string json;
  if (auto converted = google::protobuf::util::MessageToJsonString(message, &json, options); !converted.ok()) {
    return absl::InternalError(std::string(converted.message()));
  }
  if (json.empty() || json.back() != '\n') json += '\n';
  return json;
}

}  // namespace salesmetrics::cli
