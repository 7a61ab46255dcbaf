// A pseudo-random generator whose output is fixed by its definition, so that
// a seed gives the same numbers on every platform: xoshiro256** seeded
// through splitmix64 (https://prng.di.unimi.it/). The std:: distributions
// are implementation-defined and absl random does not promise stable
// output, so neither can make reproducible demo data.
#ifndef SALESMETRICS_SERVER_ADMIN_RANDOM_H_
#define SALESMETRICS_SERVER_ADMIN_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <type_traits>

namespace salesmetrics {

class DeterministicRandom {
 public:
  explicit DeterministicRandom(uint64_t seed) {
    for (uint64_t& word : state_) word = SplitMix64(seed);
  }

  // The next 64 random bits.
  uint64_t Next() {
    const uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = RotateLeft(state_[3], 45);
    return result;
  }

  // A uniform integer in [lo, hi]; requires lo <= hi.
  int64_t Uniform(int64_t lo, int64_t hi) {
    const uint64_t count = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;  // 0: all 2^64 values
    return static_cast<int64_t>(static_cast<uint64_t>(lo) + (count == 0 ? Next() : Below(count)));
  }

  // True with probability percent / 100 (never below 0, always from 100).
  bool Percent(int64_t percent) { return Uniform(0, 99) < percent; }

  // A uniformly chosen element of a non-empty array.
  template <typename Items>
  const auto& Pick(const Items& items) {
    return items[static_cast<size_t>(Uniform(0, static_cast<int64_t>(std::size(items)) - 1))];
  }

  // An index into `items` (integer weights, or elements with a `weight`
  // member) drawn with probability proportional to its weight.
  template <typename Items>
  size_t WeightedIndex(const Items& items) {
    int64_t total = 0;
    for (const auto& item : items) total += WeightOf(item);
    int64_t remaining = Uniform(0, total - 1);
    size_t index = 0;
    for (const auto& item : items) {
      remaining -= WeightOf(item);
      if (remaining < 0) break;
      ++index;
    }
    return index;
  }

 private:
  static uint64_t SplitMix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
    return z ^ (z >> 31);
  }

  static uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  // Uniform in [0, n) without modulo bias: values below 2^64 mod n are
  // redrawn, so that every remainder is equally likely.
  uint64_t Below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;
    for (;;) {
      const uint64_t x = Next();
      if (x >= threshold) return x % n;
    }
  }

  template <typename Item>
  static int64_t WeightOf(const Item& item) {
    if constexpr (std::is_arithmetic_v<Item>) {
      return item;
    } else {
      return item.weight;
    }
  }

  uint64_t state_[4];
};

}  // namespace salesmetrics

#endif  // SALESMETRICS_SERVER_ADMIN_RANDOM_H_
