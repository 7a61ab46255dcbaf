// salesmetrics/decimal.h: exact decimals and rounded integer division.
//
// Money never goes through floating point. A parameter such as a gross
// margin of "0.7" is read as the exact decimal 7/10, and money divisions
// round to the nearest minor unit, halves away from zero:
//
//   Decimal margin = *Decimal::Parse("0.7");
//   int64_t ltv = RoundedQuotient(margin.units * payments,
//                                 margin.Denominator() * customers);
//
// Header-only so that plugins compile it in; the server uses it too.
#ifndef SALESMETRICS_DECIMAL_H_
#define SALESMETRICS_DECIMAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace salesmetrics {

// A 128-bit integer for exact intermediate products (GCC and Clang).
__extension__ using Int128 = __int128;

// Rounds numerator / denominator to the nearest integer, halves away from
// zero. The denominator must not be zero.
inline Int128 RoundedQuotient(Int128 numerator, Int128 denominator) {
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const bool negative = numerator < 0;
  const Int128 magnitude = negative ? -numerator : numerator;
  const Int128 quotient = (2 * magnitude + denominator) / (2 * denominator);
  return negative ? -quotient : quotient;
}

// An exact decimal number: units / 10^scale.
struct Decimal {
  int64_t units = 0;
  int32_t scale = 0;

  static constexpr int32_t kMaxScale = 18;

  // Parses "[-]digits[.digits]"; nullopt for anything else or more than
  // kMaxScale fraction digits or 18 significant digits.
  static std::optional<Decimal> Parse(std::string_view text) {
    Decimal d;
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
      negative = text[0] == '-';
      text.remove_prefix(1);
    }
    bool any_digit = false, in_fraction = false;
    int digits = 0;
    for (char c : text) {
      if (c == '.' && !in_fraction) {
        in_fraction = true;
        continue;
      }
      if (c < '0' || c > '9') return std::nullopt;
      any_digit = true;
      if (d.units == 0 && c == '0' && !in_fraction) continue;
      if (++digits > 18) return std::nullopt;
      d.units = d.units * 10 + (c - '0');
      if (in_fraction && ++d.scale > kMaxScale) return std::nullopt;
    }
    if (!any_digit) return std::nullopt;
    if (negative) d.units = -d.units;
    return d;
  }

  // 10^scale, the denominator of units / 10^scale.
  int64_t Denominator() const {
    int64_t p = 1;
    for (int32_t i = 0; i < scale; ++i) p *= 10;
    return p;
  }

  double ToDouble() const { return static_cast<double>(units) / static_cast<double>(Denominator()); }

  // -1, 0 or 1 as a is less than, equal to or greater than b.
  friend int Compare(const Decimal& a, const Decimal& b) {
    const Int128 left = static_cast<Int128>(a.units) * b.Denominator();
    const Int128 right = static_cast<Int128>(b.units) * a.Denominator();
    return left < right ? -1 : (left > right ? 1 : 0);
  }

  // Shortest text that parses back to the same value ("0.70" gives "0.7").
  std::string ToString() const {
    int64_t u = units;
    int32_t s = scale;
    while (s > 0 && u % 10 == 0) {
      u /= 10;
      --s;
    }
    const uint64_t magnitude = u < 0 ? 0 - static_cast<uint64_t>(u) : static_cast<uint64_t>(u);
    const uint64_t unit = static_cast<uint64_t>(Decimal{0, s}.Denominator());
    std::string out = u < 0 ? "-" : "";
    out += std::to_string(magnitude / unit);
    if (s > 0) {
      const std::string fraction = std::to_string(magnitude % unit);
      out += '.';
      out.append(static_cast<size_t>(s) - fraction.size(), '0');
      out += fraction;
    }
    return out;
  }
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_DECIMAL_H_
