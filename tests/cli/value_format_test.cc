#include "clients/cli/value_format.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "tests/cli/text_proto.h"

namespace salesmetrics::cli {
namespace {

using salesmetrics::v1::Money;
using salesmetrics::v1::Value;

Money Cny(int64_t minor_units) {
  Money money;
  money.set_currency_code("CNY");
  money.set_minor_units(minor_units);
  return money;
}

TEST(FormatMoneyTest, PrintsMajorUnitsWithTwoDecimalsAndCurrency) {
  EXPECT_EQ(FormatMoney(Cny(0)), "0.00 CNY");
  EXPECT_EQ(FormatMoney(Cny(5)), "0.05 CNY");
  EXPECT_EQ(FormatMoney(Cny(99999)), "999.99 CNY");
  EXPECT_EQ(FormatMoney(Cny(123456)), "1,234.56 CNY");
  EXPECT_EQ(FormatMoney(Cny(100000000)), "1,000,000.00 CNY");
}

TEST(FormatMoneyTest, PrintsNegativeAmounts) {
  EXPECT_EQ(FormatMoney(Cny(-5)), "-0.05 CNY");
  EXPECT_EQ(FormatMoney(Cny(-123456)), "-1,234.56 CNY");
}

TEST(FormatMoneyTest, StaysExactAtTheLimitsOfInt64) {
  EXPECT_EQ(FormatMoney(Cny(std::numeric_limits<int64_t>::max())), "92,233,720,368,547,758.07 CNY");
  EXPECT_EQ(FormatMoney(Cny(std::numeric_limits<int64_t>::min())), "-92,233,720,368,547,758.08 CNY");
  // Beyond 2^53, where a double would round.
  EXPECT_EQ(FormatMoney(Cny(9007199254740993)), "90,071,992,547,409.93 CNY");
}

TEST(FormatPercentTest, PrintsTwoDecimals) {
  EXPECT_EQ(FormatPercent(2.0 / 3), "66.67 %");
  EXPECT_EQ(FormatPercent(0), "0.00 %");
  EXPECT_EQ(FormatPercent(1), "100.00 %");
  EXPECT_EQ(FormatPercent(0.0005), "0.05 %");
}

TEST(FormatDecimalTest, DropsTrailingZerosDownToTheMinimum) {
  EXPECT_EQ(FormatDecimal(12.5, 1, 2), "12.5");
  EXPECT_EQ(FormatDecimal(12, 1, 2), "12.0");
  EXPECT_EQ(FormatDecimal(1.234, 1, 2), "1.23");
  EXPECT_EQ(FormatDecimal(3, 0, 2), "3");
  EXPECT_EQ(FormatDecimal(-0.5, 0, 2), "-0.5");
}

TEST(FormatValueTest, PrintsARatioAsAPercentageWithItsFraction) {
  EXPECT_EQ(FormatValue(ParseTextProto<Value>("ratio: 0.6666666 fraction { count_numerator: 2 count_denominator: 3 }")),
            "66.67 %  (2 / 3)");
}

TEST(FormatValueTest, PrintsTheMoneyOperandsOfAnAverage) {
  EXPECT_EQ(FormatValue(ParseTextProto<Value>(R"pb(
              money { currency_code: "CNY" minor_units: 617250 }
              fraction {
                money_numerator { currency_code: "CNY" minor_units: 1234500 }
                count_denominator: 2
              })pb")),
            "6,172.50 CNY  (12,345.00 CNY / 2)");
}

TEST(FormatValueTest, PrintsAnAbsentValueWithItsReason) {
  EXPECT_EQ(FormatValue(ParseTextProto<Value>(R"pb(
              absent_reason: "no opportunities closed in the period"
              fraction { count_numerator: 0 count_denominator: 0 })pb")),
            "— (no opportunities closed in the period)");
  EXPECT_EQ(FormatValue(Value()), "—");
}

TEST(FormatValueTest, PrintsEachKind) {
  EXPECT_EQ(FormatValue(ParseTextProto<Value>("count: 42")), "42");
  EXPECT_EQ(FormatValue(ParseTextProto<Value>("days: 12.25")), "12.25 days");
  EXPECT_EQ(FormatValue(ParseTextProto<Value>("days: 3")), "3.0 days");
  EXPECT_EQ(FormatValue(ParseTextProto<Value>("number: 3.5")), "3.5");
  EXPECT_EQ(FormatValue(ParseTextProto<Value>("text: \"华东\"")), "华东");
  EXPECT_EQ(FormatValue(ParseTextProto<Value>("flag: true")), "yes");
  EXPECT_EQ(FormatValue(ParseTextProto<Value>("date: \"2024-03-01\"")), "2024-03-01");
}

TEST(FormatBareValueTest, LeavesOutTheOperands) {
  EXPECT_EQ(FormatBareValue(ParseTextProto<Value>("ratio: 0.5 fraction { count_numerator: 1 count_denominator: 2 }")),
            "50.00 %");
  EXPECT_EQ(FormatBareValue(ParseTextProto<Value>("absent_reason: \"no target\"")), "— (no target)");
}

TEST(FormatTerseValueTest, LeavesOutOperandsAndReasons) {
  EXPECT_EQ(FormatTerseValue(ParseTextProto<Value>("ratio: 0.5 fraction { count_numerator: 1 count_denominator: 2 }")),
            "50.00 %");
  EXPECT_EQ(FormatTerseValue(ParseTextProto<Value>("absent_reason: \"no target\"")), "—");
}

TEST(FormatSignedTest, MarksPositiveNumbersWithAPlus) {
  EXPECT_EQ(FormatSigned(ParseTextProto<Value>("count: 3")), "+3");
  EXPECT_EQ(FormatSigned(ParseTextProto<Value>("count: 0")), "0");
  EXPECT_EQ(FormatSigned(ParseTextProto<Value>("count: -3")), "-3");
  EXPECT_EQ(FormatSigned(ParseTextProto<Value>("ratio: 0.125 fraction { count_numerator: 1 count_denominator: 8 }")),
            "+12.50 %");
  EXPECT_EQ(FormatSigned(ParseTextProto<Value>("money { currency_code: \"CNY\" minor_units: -100000 }")),
            "-1,000.00 CNY");
  EXPECT_EQ(FormatSigned(ParseTextProto<Value>("days: 1.5")), "+1.5 days");
  EXPECT_EQ(FormatSigned(ParseTextProto<Value>("absent_reason: \"previous is 0\"")), "— (previous is 0)");
}

TEST(FormatDifferenceTest, PrintsADifferenceOfRatiosInPercentagePoints) {
  EXPECT_EQ(FormatDifference(ParseTextProto<Value>("ratio: 0.1667")), "+16.67 pp");
  EXPECT_EQ(FormatDifference(ParseTextProto<Value>("ratio: -0.05")), "-5.00 pp");
  EXPECT_EQ(FormatDifference(ParseTextProto<Value>("count: 2")), "+2");
}

}  // namespace
}  // namespace salesmetrics::cli
