// Human-readable text for the values a metric returns.
//
//   FormatValue(value)   // "66.67 %  (2 / 3)", "1,234.56 CNY", "— (no closed opportunities)"
//   FormatSigned(value)  // "+12.50 %", "-3"
#ifndef SALESMETRICS_CLIENTS_CLI_VALUE_FORMAT_H_
#define SALESMETRICS_CLIENTS_CLI_VALUE_FORMAT_H_

#include <cstdint>
#include <string>

#include "salesmetrics/v1/value.pb.h"

namespace salesmetrics::cli {

// Minor units as major units with two decimals and thousands separators,
// then the currency: "-1,234.56 CNY". Exact: integer arithmetic only.
std::string FormatMoney(const salesmetrics::v1::Money& money);

// A fraction as a percentage with two decimals: 0.6667 -> "66.67 %".
std::string FormatPercent(double ratio);

// `number` with between min_decimals and max_decimals decimals, trailing
// zeros dropped: (12.50, 1, 2) -> "12.5", (3, 0, 2) -> "3".
std::string FormatDecimal(double number, int min_decimals, int max_decimals);

// The operands of a division: "2 / 3", "1,000.00 CNY / 4".
std::string FormatFraction(const salesmetrics::v1::Fraction& fraction);

// Any value, by its kind; a value obtained by division is followed by its
// operands, an absent value reads "— (reason)".
std::string FormatValue(const salesmetrics::v1::Value& value);

// FormatValue without the operands, for where they would only repeat
// figures printed beside it: "66.67 %".
std::string FormatBareValue(const salesmetrics::v1::Value& value);

// FormatBareValue, but an absent value is "—" alone: for tables whose rows
// would repeat the reason.
std::string FormatTerseValue(const salesmetrics::v1::Value& value);

// FormatBareValue with '+' before a positive number, so that growth and
// decline read alike: "+3", "-1,000.00 CNY", "+12.50 %".
std::string FormatSigned(const salesmetrics::v1::Value& value);

// A difference of two values: FormatSigned, but a difference of ratios is in
// percentage points: 0.1667 -> "+16.67 pp".
std::string FormatDifference(const salesmetrics::v1::Value& value);

}  // namespace salesmetrics::cli

#endif  // SALESMETRICS_CLIENTS_CLI_VALUE_FORMAT_H_
