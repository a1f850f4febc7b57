//===- MapSpace.cpp - The symbolic map space of a problem on an arch ------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/MapSpace/MapSpace.h"

#include <algorithm>
#include <cassert>

using namespace mlir::union_;

std::string mlir::union_::toString(MapIndex value) {
  if (value == kUncounted)
    return "more than 2^128 - 2";
  if (value == 0)
    return "0";
  std::string digits;
  while (value) {
    digits.push_back(char('0' + unsigned(value % 10)));
    value /= 10;
  }
  return std::string(digits.rbegin(), digits.rend());
}

namespace {

std::optional<MapIndex> multiply(std::optional<MapIndex> a, MapIndex b) {
  MapIndex result;
  if (!a || __builtin_mul_overflow(*a, b, &result))
    return std::nullopt;
  return result;
}

/// Binomial coefficient C(n, k) for the small n of factor exponents.
MapIndex binomial(unsigned n, unsigned k) {
  if (k > n)
    return 0;
  k = std::min(k, n - k);
  MapIndex result = 1;
  for (unsigned i = 1; i <= k; ++i)
    result = result * (n - k + i) / i; // exact at every step
  return result;
}

/// Weak compositions of `total` into `parts` parts: C(total+parts-1, parts-1).
MapIndex compositions(unsigned total, unsigned parts) {
  return binomial(total + parts - 1, parts - 1);
}

} // namespace

MapSpace::MapSpace(std::vector<int64_t> dimSizesIn, unsigned numTensorsIn,
                   std::vector<MapSpaceLevel> levelsIn)
    : dimSizes(std::move(dimSizesIn)), numTensors(numTensorsIn),
      levels(std::move(levelsIn)) {
  assert(!levels.empty() && numTensors <= 32 && "invalid map space");
  for (unsigned l = 0; l < levels.size(); ++l) {
    slots.push_back({l, false});
    if (levels[l].fanoutBelow > 1)
      slots.push_back({l, true});
  }
  // Each dim's factorizations: for every prime power p^e of its size, a
  // weak composition of e over the slots.
  std::optional<MapIndex> count = 1;
  for (int64_t size : dimSizes) {
    std::vector<PrimePower> powers;
    int64_t rest = size;
    for (int64_t p = 2; p * p <= rest; ++p) {
      unsigned e = 0;
      while (rest % p == 0) {
        rest /= p;
        ++e;
      }
      if (e)
        powers.push_back({p, e});
    }
    if (rest > 1)
      powers.push_back({rest, 1});
    MapIndex ways = 1;
    for (const PrimePower &power : powers)
      ways *= compositions(power.exponent, slots.size());
    primes.push_back(std::move(powers));
    factorizations.push_back(ways);
    count = multiply(count, ways);
  }
  for (unsigned i = 2; i <= dimSizes.size(); ++i)
    orders *= i;
  for (unsigned l = 0; l < levels.size(); ++l) {
    count = multiply(count, orders);
    count = multiply(count, getBypassCount(l));
  }
  total = count;
}

MapIndex MapSpace::getFactorizationCount(unsigned dim) const {
  return factorizations[dim];
}

MapIndex MapSpace::getOrderCount() const { return orders; }

MapIndex MapSpace::getBypassCount(unsigned level) const {
  // The outermost level holds every tensor.
  return level == 0 ? 1 : MapIndex(1) << numTensors;
}

void MapSpace::decodeFactors(unsigned dim, MapIndex index,
                             MapPoint &point) const {
  for (auto [l, spatial] : slots)
    (spatial ? point.spatial : point.temporal)[l][dim] = 1;
  unsigned numSlots = slots.size();
  for (const PrimePower &power : primes[dim]) {
    MapIndex ways = compositions(power.exponent, numSlots);
    MapIndex rank = index % ways;
    index /= ways;
    // Unrank a weak composition: the first part takes value v for
    // C(rest - v + slots left - 2, slots left - 2) compositions.
    unsigned rest = power.exponent;
    for (unsigned s = 0; s < numSlots; ++s) {
      unsigned part = 0;
      if (s + 1 == numSlots) {
        part = rest;
      } else {
        while (true) {
          MapIndex withPart = compositions(rest - part, numSlots - s - 1);
          if (rank < withPart)
            break;
          rank -= withPart;
          ++part;
        }
      }
      rest -= part;
      auto [l, spatial] = slots[s];
      int64_t &factor = (spatial ? point.spatial : point.temporal)[l][dim];
      for (unsigned i = 0; i < part; ++i)
        factor *= power.prime;
    }
  }
}

std::optional<MapIndex> MapSpace::encodeFactors(unsigned dim,
                                                const MapPoint &point) const {
  unsigned numSlots = slots.size();
  // Each slot's factor, then its exponent of each prime.
  std::vector<int64_t> factors;
  int64_t product = 1;
  for (auto [l, spatial] : slots) {
    int64_t f = (spatial ? point.spatial : point.temporal)[l][dim];
    if (f < 1)
      return std::nullopt;
    factors.push_back(f);
    if (__builtin_mul_overflow(product, f, &product))
      return std::nullopt;
  }
  if (product != dimSizes[dim])
    return std::nullopt;
  MapIndex index = 0, scale = 1;
  for (const PrimePower &power : primes[dim]) {
    MapIndex ways = compositions(power.exponent, numSlots);
    MapIndex rank = 0;
    unsigned rest = power.exponent;
    for (unsigned s = 0; s + 1 < numSlots; ++s) {
      unsigned part = 0;
      while (factors[s] % power.prime == 0) {
        factors[s] /= power.prime;
        ++part;
      }
      for (unsigned v = 0; v < part; ++v)
        rank += compositions(rest - v, numSlots - s - 1);
      rest -= part;
    }
    index += rank * scale;
    scale *= ways;
  }
  return index;
}

MapPoint MapSpace::point(MapIndex index) const {
  unsigned numDims = dimSizes.size(), numLevels = levels.size();
  MapPoint point;
  point.temporal.assign(numLevels, std::vector<int64_t>(numDims, 1));
  point.spatial.assign(numLevels, std::vector<int64_t>(numDims, 1));
  point.order.assign(numLevels, {});
  point.bypass.assign(numLevels, 0);
  // Mixed radix, least significant first: factorizations per dim, then
  // each level's order (Lehmer code) and bypass mask.
  for (unsigned d = 0; d < numDims; ++d) {
    decodeFactors(d, index % factorizations[d], point);
    index /= factorizations[d];
  }
  for (unsigned l = 0; l < numLevels; ++l) {
    MapIndex rank = index % orders;
    index /= orders;
    std::vector<unsigned> remaining(numDims);
    for (unsigned d = 0; d < numDims; ++d)
      remaining[d] = d;
    MapIndex weight = orders;
    for (unsigned k = numDims; k > 0; --k) {
      weight /= k;
      unsigned pick = unsigned(rank / weight);
      rank %= weight;
      point.order[l].push_back(remaining[pick]);
      remaining.erase(remaining.begin() + pick);
    }
    MapIndex masks = getBypassCount(l);
    point.bypass[l] = uint32_t(index % masks);
    index /= masks;
  }
  return point;
}

std::optional<MapIndex> MapSpace::index(const MapPoint &point) const {
  unsigned numDims = dimSizes.size(), numLevels = levels.size();
  if (point.temporal.size() != numLevels || point.spatial.size() != numLevels ||
      point.order.size() != numLevels || point.bypass.size() != numLevels)
    return std::nullopt;
  for (unsigned l = 0; l < numLevels; ++l) {
    if (point.temporal[l].size() != numDims ||
        point.spatial[l].size() != numDims || point.order[l].size() != numDims)
      return std::nullopt;
    // No spatial slot at a level without fan-out.
    if (levels[l].fanoutBelow <= 1)
      for (int64_t f : point.spatial[l])
        if (f != 1)
          return std::nullopt;
  }
  MapIndex index = 0, scale = 1;
  for (unsigned d = 0; d < numDims; ++d) {
    std::optional<MapIndex> rank = encodeFactors(d, point);
    if (!rank)
      return std::nullopt;
    index += *rank * scale;
    scale *= factorizations[d];
  }
  for (unsigned l = 0; l < numLevels; ++l) {
    std::vector<unsigned> remaining(numDims);
    for (unsigned d = 0; d < numDims; ++d)
      remaining[d] = d;
    MapIndex rank = 0, weight = orders;
    for (unsigned k = numDims; k > 0; --k) {
      weight /= k;
      auto it = std::find(remaining.begin(), remaining.end(),
                          point.order[l][numDims - k]);
      if (it == remaining.end())
        return std::nullopt; // not a permutation
      rank += MapIndex(it - remaining.begin()) * weight;
      remaining.erase(it);
    }
    index += rank * scale;
    scale *= orders;
    MapIndex masks = getBypassCount(l);
    if (point.bypass[l] >= masks)
      return std::nullopt;
    index += MapIndex(point.bypass[l]) * scale;
    scale *= masks;
  }
  return index;
}

MapPoint MapSpace::sample(std::mt19937_64 &random) const {
  if (total)
    return point(uniformIndex(random, *total));
  // Spaces beyond 2^128 - 1 are sampled component by component.
  auto uniform = [&](MapIndex bound) { return uniformIndex(random, bound); };
  unsigned numDims = dimSizes.size(), numLevels = levels.size();
  MapPoint p;
  p.temporal.assign(numLevels, std::vector<int64_t>(numDims, 1));
  p.spatial.assign(numLevels, std::vector<int64_t>(numDims, 1));
  for (unsigned d = 0; d < numDims; ++d)
    decodeFactors(d, uniform(factorizations[d]), p);
  for (unsigned l = 0; l < numLevels; ++l) {
    std::vector<unsigned> order(numDims);
    for (unsigned d = 0; d < numDims; ++d)
      order[d] = d;
    std::shuffle(order.begin(), order.end(), random);
    p.order.push_back(order);
    p.bypass.push_back(uint32_t(uniform(getBypassCount(l))));
  }
  return p;
}

uint64_t mlir::union_::hashPoint(const MapPoint &p) {
  // FNV-1a over every number of the point.
  uint64_t hash = 1469598103934665603ull;
  auto mix = [&](uint64_t value) {
    for (int byte = 0; byte < 8; ++byte) {
      hash ^= (value >> (8 * byte)) & 0xff;
      hash *= 1099511628211ull;
    }
  };
  for (unsigned l = 0; l < p.temporal.size(); ++l) {
    for (int64_t f : p.temporal[l])
      mix(uint64_t(f));
    for (int64_t f : p.spatial[l])
      mix(uint64_t(f));
    for (unsigned d : p.order[l])
      mix(d);
    mix(p.bypass[l]);
  }
  return hash;
}

MapIndex mlir::union_::uniformIndex(std::mt19937_64 &random, MapIndex bound) {
  MapIndex limit = ~MapIndex(0) - (~MapIndex(0) % bound);
  while (true) {
    MapIndex draw = (MapIndex(random()) << 64) | random();
    if (draw < limit)
      return draw % bound;
  }
}
