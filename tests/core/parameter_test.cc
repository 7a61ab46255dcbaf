#include "core/plugin/parameter.h"

#include <gtest/gtest.h>

namespace salesmetrics {
namespace {

using salesmetrics::v1::ParameterSpec;

ParameterSpec Margin() {
  ParameterSpec spec;
  spec.set_name("gross_margin");
  spec.set_type(ParameterSpec::TYPE_DECIMAL);
  spec.set_minimum("0");
  spec.set_minimum_exclusive(true);
  spec.set_maximum("1");
  return spec;
}

TEST(ParameterTest, DecimalRangesWithExclusiveBounds) {
  EXPECT_EQ(*CanonicalParameterValue(Margin(), "0.70"), "0.7");
  EXPECT_EQ(*CanonicalParameterValue(Margin(), "1"), "1");
  EXPECT_FALSE(CanonicalParameterValue(Margin(), "0").ok());
  EXPECT_FALSE(CanonicalParameterValue(Margin(), "1.01").ok());
  EXPECT_FALSE(CanonicalParameterValue(Margin(), "abc").ok());
  EXPECT_EQ(DescribeValidValues(Margin()), "a decimal number in (0, 1]");
  const auto status = CanonicalParameterValue(Margin(), "2");
  EXPECT_NE(std::string(status.status().message()).find("(0, 1]"), std::string::npos);
}

TEST(ParameterTest, IntegersAndChoices) {
  ParameterSpec limit;
  limit.set_name("limit");
  limit.set_type(ParameterSpec::TYPE_INTEGER);
  limit.set_minimum("1");
  EXPECT_EQ(*CanonicalParameterValue(limit, "10"), "10");
  EXPECT_FALSE(CanonicalParameterValue(limit, "0").ok());
  EXPECT_FALSE(CanonicalParameterValue(limit, "2.5").ok());

  ParameterSpec variant;
  variant.set_name("variant");
  variant.set_type(ParameterSpec::TYPE_CHOICE);
  variant.add_allowed_values("closed");
  variant.add_allowed_values("created");
  EXPECT_EQ(*CanonicalParameterValue(variant, "created"), "created");
  EXPECT_FALSE(CanonicalParameterValue(variant, "Closed").ok());
  EXPECT_EQ(DescribeValidValues(variant), "one of closed, created");
}

}  // namespace
}  // namespace salesmetrics
