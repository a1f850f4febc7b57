//===- MapSpaceTest.cpp - The symbolic map space against brute force ------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/MapSpace/MapSpace.h"

#include "gtest/gtest.h"

#include <set>

using namespace mlir::union_;

namespace {

/// Ordered factorizations of `n` into `slots` positive factors, counted by
/// trying every divisor (independent of the prime-exponent formula).
uint64_t bruteFactorizations(int64_t n, unsigned slots) {
  if (slots == 1)
    return 1;
  uint64_t count = 0;
  for (int64_t d = 1; d <= n; ++d)
    if (n % d == 0)
      count += bruteFactorizations(n / d, slots - 1);
  return count;
}

std::string key(const MapPoint &p) {
  std::string text;
  for (unsigned l = 0; l < p.temporal.size(); ++l) {
    for (int64_t f : p.temporal[l])
      text += std::to_string(f) + ",";
    text += "|";
    for (int64_t f : p.spatial[l])
      text += std::to_string(f) + ",";
    text += "|";
    for (unsigned d : p.order[l])
      text += std::to_string(d) + ",";
    text += "|" + std::to_string(p.bypass[l]) + ";";
  }
  return text;
}

TEST(MapSpace, CountsAndEnumeratesExactly) {
  // GEMM-like: dims 4 and 6, 2 tensors; DRAM fans out to 2 PEs with an L1.
  // Slots: DRAM temporal, DRAM spatial, L1 temporal.
  MapSpace space({4, 6}, 2, {{"DRAM", 2}, {"L1", 1}});
  uint64_t factors = bruteFactorizations(4, 3) * bruteFactorizations(6, 3);
  EXPECT_EQ(factors, 6u * 9u);
  // x 2! orders per level, x 2^2 bypass masks at L1 (DRAM holds all).
  uint64_t expected = factors * 2 * 2 * 4;
  ASSERT_TRUE(space.size().has_value());
  ASSERT_EQ(uint64_t(*space.size()), expected);

  std::set<std::string> seen;
  for (uint64_t i = 0; i < expected; ++i) {
    MapPoint p = space.point(i);
    // Factors multiply to the dim sizes; spatial only where there is
    // fan-out; orders are permutations.
    for (unsigned d = 0; d < 2; ++d) {
      int64_t product = 1;
      for (unsigned l = 0; l < 2; ++l)
        product *= p.temporal[l][d] * p.spatial[l][d];
      ASSERT_EQ(product, d == 0 ? 4 : 6) << i;
      ASSERT_EQ(p.spatial[1][d], 1) << i;
    }
    for (const auto &order : p.order) {
      std::set<unsigned> dims(order.begin(), order.end());
      ASSERT_EQ(dims.size(), 2u);
    }
    ASSERT_EQ(p.bypass[0], 0u);
    std::optional<MapIndex> back = space.index(p);
    ASSERT_TRUE(back.has_value()) << i;
    ASSERT_EQ(uint64_t(*back), i);
    seen.insert(key(p));
  }
  EXPECT_EQ(seen.size(), expected); // a bijection
}

TEST(MapSpace, ConvSizedSpacesRoundTrip) {
  // ResNet-50 res2a_branch2b (N P Q K R S C) on DRAM -> L2 -(256)-> L1.
  MapSpace space({1, 56, 56, 64, 3, 3, 64}, 3,
                 {{"DRAM", 1}, {"L2", 256}, {"L1", 1}});
  // Slots: 4. Factorizations: 56 = 2^3*7: C(6,3)*4 = 80; 64 = 2^6:
  // C(9,3) = 84; 3: 4. Orders 7! = 5040 per level; bypass 8 at L2 and L1.
  MapIndex expected = MapIndex(80) * 80 * 84 * 4 * 4 * 84;
  for (int i = 0; i < 3; ++i)
    expected *= 5040;
  expected *= 64;
  ASSERT_TRUE(space.size().has_value());
  EXPECT_EQ(toString(*space.size()), toString(expected));
  EXPECT_EQ(uint64_t(space.getFactorizationCount(1)),
            bruteFactorizations(56, 4));
  EXPECT_EQ(uint64_t(space.getFactorizationCount(3)),
            bruteFactorizations(64, 4));
  std::mt19937_64 random(7);
  for (int i = 0; i < 2000; ++i) {
    MapPoint p = space.sample(random);
    std::optional<MapIndex> index = space.index(p);
    ASSERT_TRUE(index.has_value());
    ASSERT_TRUE(*index < *space.size());
    ASSERT_TRUE(space.point(*index) == p);
  }
}

TEST(MapSpace, RejectsPointsOutsideTheSpace) {
  MapSpace space({4, 6}, 2, {{"DRAM", 2}, {"L1", 1}});
  MapPoint p = space.point(0);
  p.temporal[0][0] *= 2; // the factors no longer multiply to 4
  EXPECT_FALSE(space.index(p).has_value());
  p = space.point(0);
  p.order[1] = {0, 0}; // not a permutation
  EXPECT_FALSE(space.index(p).has_value());
  p = space.point(0);
  p.spatial[1][0] = 2; // L1 has no fan-out
  p.temporal[1][0] = 1;
  EXPECT_FALSE(space.index(p).has_value());
}

TEST(MapSpace, DetectsOverflowAndStillSamples) {
  // 12 dims of 2^20 over 8 levels with fan-out: far beyond 2^128.
  std::vector<MapSpaceLevel> levels;
  for (int l = 0; l < 8; ++l)
    levels.push_back({"L" + std::to_string(l), 16});
  MapSpace space(std::vector<int64_t>(12, int64_t(1) << 20), 3, levels);
  EXPECT_FALSE(space.size().has_value());
  std::mt19937_64 random(1);
  MapPoint p = space.sample(random);
  for (unsigned d = 0; d < 12; ++d) {
    int64_t product = 1;
    for (unsigned l = 0; l < 8; ++l)
      product *= p.temporal[l][d] * p.spatial[l][d];
    EXPECT_EQ(product, int64_t(1) << 20);
  }
}

TEST(MapSpace, PrintsBigCounts) {
  EXPECT_EQ(toString(0), "0");
  EXPECT_EQ(toString(MapIndex(1) << 100), "1267650600228229401496703205376");
}

} // namespace
