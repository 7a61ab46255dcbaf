#include "server/admin/random.h"

#include <gtest/gtest.h>

#include <vector>

namespace salesmetrics {
namespace {

// The reference xoshiro256** seeded through splitmix64
// (https://prng.di.unimi.it/), computed independently: the demo data of a
// seed depends on exactly these numbers.
TEST(DeterministicRandomTest, MatchesTheReferenceAlgorithm) {
  DeterministicRandom zero(0);
  EXPECT_EQ(zero.Next(), 0x99ec5f36cb75f2b4u);
  EXPECT_EQ(zero.Next(), 0xbf6e1f784956452au);
  EXPECT_EQ(zero.Next(), 0x1a5f849d4933e6e0u);
  DeterministicRandom one(1);
  EXPECT_EQ(one.Next(), 0xb3f2af6d0fc710c5u);
  EXPECT_EQ(one.Next(), 0x853b559647364ceau);
  EXPECT_EQ(one.Next(), 0x92f89756082a4514u);
}

TEST(DeterministicRandomTest, UniformStaysInRangeAndReachesBothEnds) {
  DeterministicRandom rng(7);
  bool saw_lo = false, saw_hi = false;
  for (int i = 0; i < 1000; ++i) {
    const int64_t x = rng.Uniform(-3, 3);
    ASSERT_GE(x, -3);
    ASSERT_LE(x, 3);
    saw_lo |= x == -3;
    saw_hi |= x == 3;
  }
  EXPECT_TRUE(saw_lo);
  EXPECT_TRUE(saw_hi);
  EXPECT_EQ(rng.Uniform(5, 5), 5);
}

TEST(DeterministicRandomTest, PercentAtTheBounds) {
  DeterministicRandom rng(7);
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(rng.Percent(0));
    EXPECT_TRUE(rng.Percent(100));
  }
}

TEST(DeterministicRandomTest, WeightedIndexFollowsTheWeights) {
  struct Item {
    int weight;
  };
  const Item items[] = {{1}, {0}, {3}};
  DeterministicRandom rng(7);
  std::vector<int> counts(3);
  for (int i = 0; i < 4000; ++i) ++counts[rng.WeightedIndex(items)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_GT(counts[2], 2 * counts[0]);  // about 3 to 1
  const int weights[] = {0, 5};
  EXPECT_EQ(rng.WeightedIndex(weights), 1u);
}

}  // namespace
}  // namespace salesmetrics
