#include "clients/cli/value_format.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace salesmetrics::cli {
namespace {

using salesmetrics::v1::Fraction;
using salesmetrics::v1::Value;

// "1234567" -> "1,234,567".
std::string GroupThousands(uint64_t number) {
  const std::string digits = absl::StrCat(number);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

std::string FormatNumerator(const Fraction& fraction) {
  return fraction.has_money_numerator() ? FormatMoney(fraction.money_numerator())
                                        : absl::StrCat(fraction.count_numerator());
}

std::string FormatDenominator(const Fraction& fraction) {
  return fraction.has_money_denominator() ? FormatMoney(fraction.money_denominator())
                                          : absl::StrCat(fraction.count_denominator());
}

// The value itself, without operands; empty when the value is absent.
std::string FormatKind(const Value& value) {
  switch (value.kind_case()) {
    case Value::kCount:
      return absl::StrCat(value.count());
    case Value::kMoney:
      return FormatMoney(value.money());
    case Value::kRatio:
      return FormatPercent(value.ratio());
    case Value::kDays:
      return absl::StrCat(FormatDecimal(value.days(), 1, 2), " days");
    case Value::kText:
      return value.text();
    case Value::kFlag:
      return value.flag() ? "yes" : "no";
    case Value::kDate:
      return value.date();
    case Value::kNumber:
      return FormatDecimal(value.number(), 0, 2);
    case Value::KIND_NOT_SET:
      break;
  }
  return "";
}

bool IsPositive(const Value& value) {
  switch (value.kind_case()) {
    case Value::kCount:
      return value.count() > 0;
    case Value::kMoney:
      return value.money().minor_units() > 0;
    case Value::kRatio:
      return value.ratio() > 0;
    case Value::kDays:
      return value.days() > 0;
    case Value::kNumber:
      return value.number() > 0;
    default:
      return false;
  }
}

}  // namespace

std::string FormatMoney(const salesmetrics::v1::Money& money) {
  const int64_t minor = money.minor_units();
  // Negating in unsigned arithmetic keeps INT64_MIN exact.
  const uint64_t magnitude = minor < 0 ? 0 - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  return absl::StrFormat("%s%s.%02d %s", minor < 0 ? "-" : "", GroupThousands(magnitude / 100),
                         static_cast<int>(magnitude % 100), money.currency_code());
}

std::string FormatPercent(double ratio) { return absl::StrFormat("%.2f %%", ratio * 100); }

std::string FormatDecimal(double number, int min_decimals, int max_decimals) {
  std::string text = absl::StrFormat("%.*f", max_decimals, number);
  const size_t point = text.find('.');
  if (point == std::string::npos) return text;
  size_t end = text.size();
  while (end > point + 1 + static_cast<size_t>(min_decimals) && text[end - 1] == '0') --end;
  if (end == point + 1) end = point;  // no decimals left: drop the point too
  text.resize(end);
  return text;
}

std::string FormatFraction(const Fraction& fraction) {
  return absl::StrCat(FormatNumerator(fraction), " / ", FormatDenominator(fraction));
}

std::string FormatBareValue(const Value& value) {
  if (value.kind_case() == Value::KIND_NOT_SET) {
    return value.absent_reason().empty() ? "—" : absl::StrCat("— (", value.absent_reason(), ")");
  }
  return FormatKind(value);
}

std::string FormatTerseValue(const Value& value) {
  return value.kind_case() == Value::KIND_NOT_SET ? "—" : FormatKind(value);
}

std::string FormatValue(const Value& value) {
  if (value.kind_case() == Value::KIND_NOT_SET || !value.has_fraction()) return FormatBareValue(value);
  return absl::StrCat(FormatKind(value), "  (", FormatFraction(value.fraction()), ")");
}

std::string FormatSigned(const Value& value) {
  return absl::StrCat(IsPositive(value) ? "+" : "", FormatBareValue(value));
}

std::string FormatDifference(const Value& value) {
  if (value.kind_case() != Value::kRatio) return FormatSigned(value);
  return absl::StrCat(IsPositive(value) ? "+" : "", FormatDecimal(value.ratio() * 100, 2, 2), " pp");
}

}  // namespace salesmetrics::cli
