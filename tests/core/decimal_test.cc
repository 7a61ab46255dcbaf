#include "salesmetrics/decimal.h"

#include <gtest/gtest.h>

namespace salesmetrics {
namespace {

TEST(RoundedQuotientTest, RoundsHalvesAwayFromZero) {
  EXPECT_EQ(RoundedQuotient(5, 2), 3);
  EXPECT_EQ(RoundedQuotient(-5, 2), -3);
  EXPECT_EQ(RoundedQuotient(7, 3), 2);
  EXPECT_EQ(RoundedQuotient(8, 3), 3);
  EXPECT_EQ(RoundedQuotient(-8, 3), -3);
  EXPECT_EQ(RoundedQuotient(5, -2), -3);
  EXPECT_EQ(RoundedQuotient(0, 7), 0);
  // Beyond 64 bits in the intermediate product.
  const Int128 big = static_cast<Int128>(INT64_MAX) * 10;
  EXPECT_EQ(RoundedQuotient(big + 5, 10), static_cast<Int128>(INT64_MAX) + 1);
}

TEST(DecimalTest, ParsesExactly) {
  const Decimal d = *Decimal::Parse("0.70");
  EXPECT_EQ(d.units, 70);
  EXPECT_EQ(d.scale, 2);
  EXPECT_EQ(d.ToString(), "0.7");
  EXPECT_EQ(Decimal::Parse("-12.5")->ToString(), "-12.5");
  EXPECT_EQ(Decimal::Parse("3")->ToString(), "3");
  EXPECT_EQ(Decimal::Parse("0.05")->ToString(), "0.05");
  EXPECT_FALSE(Decimal::Parse("").has_value());
  EXPECT_FALSE(Decimal::Parse("1e3").has_value());
  EXPECT_FALSE(Decimal::Parse("1.2.3").has_value());
  EXPECT_FALSE(Decimal::Parse(".").has_value());
}

TEST(DecimalTest, Compares) {
  EXPECT_EQ(Compare(*Decimal::Parse("0.5"), *Decimal::Parse("0.50")), 0);
  EXPECT_LT(Compare(*Decimal::Parse("0.49"), *Decimal::Parse("0.5")), 0);
  EXPECT_GT(Compare(*Decimal::Parse("1"), *Decimal::Parse("0.999")), 0);
  EXPECT_LT(Compare(*Decimal::Parse("-1"), *Decimal::Parse("0")), 0);
}

}  // namespace
}  // namespace salesmetrics
