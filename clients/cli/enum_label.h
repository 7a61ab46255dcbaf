// Text for a protobuf enum value, from its generated name.
#ifndef SALESMETRICS_CLIENTS_CLI_ENUM_LABEL_H_
#define SALESMETRICS_CLIENTS_CLI_ENUM_LABEL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace salesmetrics::cli {

// The name without its prefix, in lower case, words apart:
// ("UNIT_MONEY", "UNIT_") -> "money", ("CHANGE_SEVERITY_CHANGED", "CHANGE_") -> "severity changed".
std::string EnumLabel(absl::string_view name, absl::string_view prefix);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_ENUM_LABEL_H_
