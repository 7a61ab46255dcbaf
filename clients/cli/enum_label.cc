#include "clients/cli/enum_label.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"

namespace salesmetrics::cli {

std::string EnumLabel(absl::string_view name, absl::string_view prefix) {
  std::string label = absl::AsciiStrToLower(absl::StripPrefix(name, prefix));
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

}  // namespace salesmetrics::cli
