#include "core/plugin/parameter.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/util/quote.h"
#include "salesmetrics/decimal.h"

namespace salesmetrics {

using salesmetrics::v1::ParameterSpec;

std::string DescribeValidValues(const ParameterSpec& spec) {
  if (spec.type() == ParameterSpec::TYPE_CHOICE) {
    return absl::StrCat("one of ", absl::StrJoin(spec.allowed_values(), ", "));
  }
  const std::string kind = spec.type() == ParameterSpec::TYPE_INTEGER ? "an integer" : "a decimal number";
  const bool has_min = !spec.minimum().empty(), has_max = !spec.maximum().empty();
  if (has_min && has_max) {
    return absl::StrCat(kind, " in ", spec.minimum_exclusive() ? "(" : "[", spec.minimum(), ", ", spec.maximum(),
                        spec.maximum_exclusive() ? ")" : "]");
  }
  if (has_min) return absl::StrCat(kind, spec.minimum_exclusive() ? " above " : " of at least ", spec.minimum());
  if (has_max) return absl::StrCat(kind, spec.maximum_exclusive() ? " below " : " of at most ", spec.maximum());
  return kind;
}

absl::StatusOr<std::string> CanonicalParameterValue(const ParameterSpec& spec, absl::string_view value) {
  const auto invalid = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat(Quote(value), " is not valid for ", spec.name(), ": expected ", DescribeValidValues(spec)));
  };
  if (spec.type() == ParameterSpec::TYPE_CHOICE) {
    const auto& choices = spec.allowed_values();
    if (std::find(choices.begin(), choices.end(), value) == choices.end()) return invalid();
    return std::string(value);
  }
  std::optional<Decimal> number;
  if (spec.type() == ParameterSpec::TYPE_INTEGER) {
    int64_t integer = 0;
    if (!absl::SimpleAtoi(value, &integer)) return invalid();
    number = Decimal{integer, 0};
  } else {
    number = Decimal::Parse(std::string_view(value.data(), value.size()));
    if (!number) return invalid();
  }
  if (!spec.minimum().empty()) {
    const int c = Compare(*number, *Decimal::Parse(spec.minimum()));
    if (c < 0 || (c == 0 && spec.minimum_exclusive())) return invalid();
  }
  if (!spec.maximum().empty()) {
    const int c = Compare(*number, *Decimal::Parse(spec.maximum()));
    if (c > 0 || (c == 0 && spec.maximum_exclusive())) return invalid();
  }
  return number->ToString();
}

}  // namespace salesmetrics
