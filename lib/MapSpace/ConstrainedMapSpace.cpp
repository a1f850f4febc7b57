//===- ConstrainedMapSpace.cpp - Counting a constrained map space ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A tile shape is a vector of per-dim divisors, stored as a mixed-radix
// "state" over the dims' sorted divisor lists. With c_l the shape at level
// l (c_0 = the problem, c_L = all ones) and f_l = c_l / c_{l+1} the factors
// a level contributes, the count is
//
//   W_l(c) = bypass_l(c) * sum over c' | c of step_l(c / c') * W_{l+1}(c')
//
// where bypass_l counts the bypass masks that fit level l with tile c and
// step_l(f) counts the (spatial split, loop order) pairs for factors f:
// the sum over valid spatial factors s | f of the number of valid orders of
// the temporal loops f / s. The total is W_0(problem).
//
//===----------------------------------------------------------------------===//

#include "Union/MapSpace/ConstrainedMapSpace.h"
#include "Union/Support/CheckedMath.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <limits>
#include <mutex>
#include <type_traits>
#include <unordered_map>

using namespace mlir::union_;

namespace {

using State = uint32_t;

using Checked = CheckedMath<MapIndex>;

MapIndex factorial(unsigned n) {
  MapIndex r = 1;
  for (unsigned i = 2; i <= n; ++i)
    r *= i;
  return r;
}

MapIndex binomial(unsigned n, unsigned k) {
  if (k > n)
    return 0;
  MapIndex r = 1;
  for (unsigned i = 1; i <= k; ++i)
    r = r * (n - k + i) / i;
  return r;
}

bool isPowerOfTwo(int64_t v) { return (v & (v - 1)) == 0; }

} // namespace

struct ConstrainedMapSpace::Impl {
  SpaceProblem problem;
  std::vector<SpaceLevel> levels;
  std::vector<Constraint> constraints;
  unsigned numDims = 0, numLevels = 0, numTensors = 0;

  // Tile shapes.
  std::vector<std::vector<int64_t>> divisors; ///< per dim, ascending
  std::vector<uint64_t> stride;
  uint64_t numStates = 1;
  std::vector<uint16_t> digits; ///< [state * numDims + d]
  /// [d][i * n_d + j]: digit of D[j] / D[i], or -1 if D[i] does not divide.
  std::vector<std::vector<int>> quotient;
  /// [d][i * n_d + j]: digit of D[i] * D[j], or -1 if it does not divide
  /// the dim's size.
  std::vector<std::vector<int>> product;
  State fullState = 0;

  // Rules per level.
  struct LevelRules {
    bool fanout = false, mesh = false, placement = false, capacity = false,
         powerOfTwo = false, minimalBypass = false;
    /// Loops at this level only over dims no level above loops over.
    bool oneOuterLoop = false;
    uint64_t spatialDims = ~uint64_t(0);
    uint64_t temporalDims = ~uint64_t(0);
    uint32_t keep = 0, bypass = 0;      ///< tensor masks
    std::vector<int64_t> spatialFactor; ///< per dim; 0: free
    std::vector<const Constraint *> meshAxes;
    double minUtilization = 0;
    /// How many dims may have spatial factors above 1.
    int64_t maxSpatialDims = std::numeric_limits<int64_t>::max();
    /// Copies of its tiles the level holds (a cost model's buffering).
    int64_t capacityCopies = 1;
    std::vector<int64_t> maxTile, minTile;
    std::vector<uint64_t> outer; ///< per dim: dims that must enclose it
  };
  std::vector<LevelRules> rules;
  enum class OrderMode {
    AllDims,
    NonUnitDims,
    NonUnitLoops
  } orderMode = OrderMode::AllDims;
  uint64_t nonUnitDims = 0;

  // Tables.
  std::vector<std::vector<MapIndex>> bypassWays; ///< [l][state]
  /// [l][m]: the ways to fill the tile m from level l+1's tiles through
  /// level l's spatial factors: the sum over valid s | m of W_{l+1}(m / s).
  std::vector<std::vector<MapIndex>> spatialWays;
  std::vector<std::vector<State>> spatialSupport; ///< [l]: spatialWays != 0
  /// [d][i]: every multiple D[j] of D[i] as the offsets it adds to a
  /// state (j) and to the quotient state (D[j] / D[i]), and whether the
  /// quotient is above 1.
  struct Multiple {
    State c, f;
    bool nonUnit;
  };
  std::vector<std::vector<std::vector<Multiple>>> multiples;
  /// [d][j]: the number of divisors of D[j].
  std::vector<std::vector<unsigned>> divisorCounts;
  std::vector<std::vector<MapIndex>> ways; ///< [l][state], l <= L
  std::vector<std::vector<State>> support; ///< [l]: ways != 0
  /// orderWays per [l][mask], filled on first use. Search threads fill it
  /// concurrently: a value is published by its `known` flag (release) and
  /// written under orderWaysMutex, so a reader never sees a torn count.
  mutable std::vector<std::vector<MapIndex>> orderWaysCache;
  mutable std::vector<std::unique_ptr<std::atomic<bool>[]>> orderWaysKnown;
  mutable std::mutex orderWaysMutex;
  /// [l][spatial state]: whether these spatial factors are valid at level
  /// l (allowed dims, fan-out, mesh, axes, utilization); empty without
  /// fan-out.
  std::vector<std::vector<bool>> spatialAllowed;
  std::vector<std::vector<State>> spatialStates; ///< [l]: the valid ones
  bool overflow = false;
  MapIndex total = 0;

  /// When the exact count overflows: ways and spatialWays in doubles.
  std::vector<std::vector<double>> approximateWays, approximateSpatialWays;
  double approximateTotal = 0;

  /// point()'s choices at a level in its order, each with the number of
  /// points up to and including it, so a binary search replaces a scan
  /// over every state. Built on first use per (level, tile) and kept
  /// (mappers draw many points below the same tiles).
  struct Blocks {
    std::vector<State> states;
    std::vector<MapIndex> ends;
    /// The position whose block holds `index`; `index` becomes the rank
    /// within it.
    size_t find(MapIndex &index) const {
      size_t i =
          std::upper_bound(ends.begin(), ends.end(), index) - ends.begin();
      assert(i < ends.size() && "index beyond the blocks");
      if (i > 0)
        index -= ends[i - 1];
      return i;
    }
  };
  /// The tiles below level l's temporal loops when it holds tile c.
  const Blocks &getTemporalBlocks(unsigned l, State c,
                                  std::unique_ptr<Blocks> &scratch) const;
  /// The spatial factors of level l over tile `below`.
  const Blocks &getSpatialBlocks(unsigned l, State below,
                                 std::unique_ptr<Blocks> &scratch) const;
  const Blocks &
  keep(std::vector<std::unordered_map<State, std::unique_ptr<Blocks>>> &cache,
       unsigned l, State key, std::unique_ptr<Blocks> blocks,
       std::unique_ptr<Blocks> &scratch) const;
  mutable std::mutex blocksMutex;
  mutable std::vector<std::unordered_map<State, std::unique_ptr<Blocks>>>
      temporalBlocks, spatialBlocks;
  mutable size_t cachedBlockEntries = 0;

  bool init(std::string &error);
  void collectRules();
  void count();
  template <typename T, typename Math>
  void countWith(Math &math, std::vector<std::vector<T>> &ways,
                 std::vector<std::vector<T>> &spatialWays);
  /// A point drawn with probability proportional to the approximate
  /// counts (uniform up to double rounding).
  MapPoint sampleApproximately(std::mt19937_64 &random) const;

  int64_t value(State s, unsigned d) const {
    return divisors[d][digits[s * numDims + d]];
  }
  unsigned digit(State s, unsigned d) const { return digits[s * numDims + d]; }
  /// c / c' when c' divides c, else -1.
  int64_t divide(State c, State inner) const {
    uint64_t f = 0;
    for (unsigned d = 0; d < numDims; ++d) {
      unsigned n = divisors[d].size();
      int q = quotient[d][digit(inner, d) * n + digit(c, d)];
      if (q < 0)
        return -1;
      f += q * stride[d];
    }
    return f;
  }

  // Bypass.
  bool tileAllowed(unsigned l, State c) const;
  /// Calls `fn(mask)` for each valid bypass mask, ascending; stops when it
  /// returns true.
  template <typename Fn> void forEachBypass(unsigned l, State c, Fn fn) const;

  // Spatial splits.
  bool splitAllowed(unsigned l, const int64_t *spatial) const;
  /// Whether level l's valid spatial vectors are all s with s_d = 1 for
  /// the dims not allowed (so the spatial stage is a per-dim transform).
  bool isSeparableSpatial(unsigned l) const;
  /// Whether the orders of level l depend only on how many loops it has.
  bool hasOrdersBySize(unsigned l) const;
  std::vector<MapIndex> ordersBySize; ///< [k]: orderWays of any k-loop mask
  /// The orders of level l's temporal loops `mask` that lead to tile c.
  MapIndex temporalWays(unsigned l, State c, uint64_t mask) const {
    if (rules[l].oneOuterLoop && (mask & partial(c)))
      return 0;
    if (mask & ~rules[l].temporalDims)
      return 0;
    return orderWays(l, mask);
  }
  /// The dims whose tile in `c` is below the whole dim.
  uint64_t partial(State c) const {
    uint64_t mask = 0;
    for (unsigned d = 0; d < numDims; ++d)
      if (digit(c, d) + 1 != divisors[d].size())
        mask |= uint64_t(1) << d;
    return mask;
  }
  /// The mask of dims where state `m` is below state `c` (m | c).
  uint64_t strictMask(State m, State c) const {
    uint64_t mask = 0;
    for (unsigned d = 0; d < numDims; ++d)
      if (digit(m, d) != digit(c, d))
        mask |= uint64_t(1) << d;
    return mask;
  }
  /// Calls fn(c, mask of c / m) for every multiple c of m.
  template <typename Fn> void forEachMultiple(State m, Fn fn) const;

  // Orders.
  MapIndex countRelativeOrders(unsigned l, uint64_t mask) const;
  MapIndex orderWays(unsigned l, uint64_t mask) const;
  uint64_t freeDims(uint64_t mask) const;
  std::vector<unsigned> tail(uint64_t freeMask) const;
  std::vector<unsigned> unrankOrder(unsigned l, uint64_t mask,
                                    MapIndex rank) const;
  std::optional<MapIndex> rankOrder(unsigned l, uint64_t mask,
                                    const std::vector<unsigned> &order) const;
  std::vector<MapIndex>
  completions(unsigned l, const std::vector<unsigned> &elements) const;
  std::vector<uint64_t>
  predecessors(unsigned l, const std::vector<unsigned> &elements) const;
};

bool ConstrainedMapSpace::Impl::init(std::string &error) {
  numDims = problem.getNumDims();
  numLevels = levels.size();
  numTensors = problem.tensors.size();
  if (numLevels == 0) {
    error = "the architecture has no storage level";
    return false;
  }
  if (numDims == 0) {
    error = "the problem has no dims";
    return false;
  }
  if (numDims > 20) {
    error = "the problem has " + std::to_string(numDims) +
            " dims; the map space supports at most 20";
    return false;
  }
  if (numTensors > 16) {
    error = "the problem has " + std::to_string(numTensors) +
            " tensors; the map space supports at most 16";
    return false;
  }
  for (unsigned d = 0; d < numDims; ++d) {
    int64_t size = problem.dimSizes[d];
    std::vector<int64_t> small, large;
    for (int64_t i = 1; i * i <= size; ++i)
      if (size % i == 0) {
        small.push_back(i);
        if (i != size / i)
          large.push_back(size / i);
      }
    small.insert(small.end(), large.rbegin(), large.rend());
    divisors.push_back(small);
    stride.push_back(numStates);
    if (numStates > kMaxTileShapes / small.size()) {
      error = "the problem has more than " + std::to_string(kMaxTileShapes) +
              " tile shapes (products of the dims' divisor counts); the map "
              "space cannot be counted exactly";
      return false;
    }
    numStates *= small.size();
  }
  digits.resize(numStates * numDims);
  for (State s = 0; s < numStates; ++s)
    for (unsigned d = 0; d < numDims; ++d)
      digits[s * numDims + d] = (s / stride[d]) % divisors[d].size();
  for (unsigned d = 0; d < numDims; ++d) {
    const std::vector<int64_t> &dv = divisors[d];
    unsigned n = dv.size();
    std::vector<int> table(n * n, -1);
    for (unsigned i = 0; i < n; ++i)
      for (unsigned j = 0; j < n; ++j)
        if (dv[j] % dv[i] == 0)
          table[i * n + j] =
              std::lower_bound(dv.begin(), dv.end(), dv[j] / dv[i]) -
              dv.begin();
    quotient.push_back(std::move(table));
    std::vector<int> products(n * n, -1);
    for (unsigned i = 0; i < n; ++i)
      for (unsigned j = 0; j < n; ++j)
        if (problem.dimSizes[d] % (dv[i] * dv[j]) == 0)
          products[i * n + j] =
              std::lower_bound(dv.begin(), dv.end(), dv[i] * dv[j]) -
              dv.begin();
    product.push_back(std::move(products));
    std::vector<std::vector<Multiple>> lists(n);
    for (unsigned i = 0; i < n; ++i)
      for (unsigned j = i; j < n; ++j)
        if (quotient.back()[i * n + j] >= 0)
          lists[i].push_back({State(j * stride[d]),
                              State(quotient.back()[i * n + j] * stride[d]),
                              j != i});
    multiples.push_back(std::move(lists));
    fullState += (n - 1) * stride[d];
  }
  for (unsigned d = 0; d < numDims; ++d)
    if (problem.dimSizes[d] > 1)
      nonUnitDims |= uint64_t(1) << d;
  for (unsigned d = 0; d < numDims; ++d) {
    std::vector<unsigned> counts;
    for (int64_t v : divisors[d]) {
      unsigned n = 0;
      for (int64_t w : divisors[d])
        n += v % w == 0;
      counts.push_back(n);
    }
    divisorCounts.push_back(std::move(counts));
  }
  collectRules();
  // Without order constraints, k non-unit loops have this many orders.
  unsigned freeCount = orderMode == OrderMode::AllDims ? numDims
                       : orderMode == OrderMode::NonUnitDims
                           ? __builtin_popcountll(nonUnitDims)
                           : 0;
  for (unsigned k = 0; k <= numDims; ++k)
    ordersBySize.push_back(orderMode == OrderMode::NonUnitLoops ? factorial(k)
                           : k > freeCount                      ? 0
                                           : factorial(freeCount));
  count();
  return true;
}

void ConstrainedMapSpace::Impl::collectRules() {
  rules.assign(numLevels, {});
  for (LevelRules &r : rules) {
    r.maxTile.assign(numDims, std::numeric_limits<int64_t>::max());
    r.minTile.assign(numDims, 1);
    r.outer.assign(numDims, 0);
    r.spatialFactor.assign(numDims, 0);
  }
  for (const Constraint &c : constraints) {
    for (unsigned l = 0; l < numLevels; ++l) {
      if (c.level >= 0 && unsigned(c.level) != l)
        continue;
      LevelRules &r = rules[l];
      switch (c.kind) {
      case ConstraintKind::Fanout:
        r.fanout = true;
        break;
      case ConstraintKind::Mesh:
        r.mesh = levels[l].meshX > 0;
        break;
      case ConstraintKind::Placement:
        r.placement = true;
        break;
      case ConstraintKind::Capacity:
        r.capacity = levels[l].capacityBits > 0;
        r.capacityCopies = std::max(r.capacityCopies, c.value);
        break;
      case ConstraintKind::MeshAxes:
        r.meshAxes.push_back(&c);
        break;
      case ConstraintKind::SpatialDims:
        r.spatialDims &= c.dims;
        break;
      case ConstraintKind::Stationary: {
        uint64_t relevant = problem.tensors[c.tensor].relevantDims;
        for (unsigned d = 0; d < numDims; ++d)
          if (!(relevant >> d & 1))
            r.outer[d] |= relevant;
        break;
      }
      case ConstraintKind::Order:
        for (unsigned i = 0; i < c.order.size(); ++i)
          for (unsigned j = 0; j < i; ++j)
            r.outer[c.order[i]] |= uint64_t(1) << c.order[j];
        break;
      case ConstraintKind::UnitDims:
        if (orderMode == OrderMode::AllDims)
          orderMode = OrderMode::NonUnitDims;
        break;
      case ConstraintKind::UnitLoops:
        orderMode = OrderMode::NonUnitLoops;
        break;
      case ConstraintKind::MaxTile:
        for (unsigned d = 0; d < numDims; ++d)
          if (c.dims >> d & 1)
            r.maxTile[d] = std::min(r.maxTile[d], c.value);
        break;
      case ConstraintKind::MinTile:
        for (unsigned d = 0; d < numDims; ++d)
          if (c.dims >> d & 1)
            r.minTile[d] = std::max(r.minTile[d], c.value);
        break;
      case ConstraintKind::PowerOfTwo:
        r.powerOfTwo = l > 0;
        break;
      case ConstraintKind::MinUtilization:
        if (levels[l].fanoutBelow > 1)
          r.minUtilization = std::max(r.minUtilization, c.fraction);
        break;
      case ConstraintKind::Pad:
        break; // already applied to the problem's sizes
      case ConstraintKind::MinimalBypass:
        r.minimalBypass = true;
        break;
      case ConstraintKind::OneOuterLoop:
        break; // handled below: it spans levels
      case ConstraintKind::Keep:
        if (c.tensor >= 0)
          r.keep |= uint32_t(1) << c.tensor;
        break;
      case ConstraintKind::Bypass:
        if (c.tensor >= 0)
          r.bypass |= uint32_t(1) << c.tensor;
        break;
      case ConstraintKind::TemporalDims:
        r.temporalDims &= c.dims;
        break;
      case ConstraintKind::MaxSpatialDims:
        r.maxSpatialDims = std::min(r.maxSpatialDims, c.value);
        break;
      case ConstraintKind::SpatialFactor:
        for (unsigned d = 0; d < numDims; ++d)
          if (c.dims >> d & 1) {
            // Two different exact factors leave nothing (-1 matches none).
            int64_t &fixed = r.spatialFactor[d];
            fixed = fixed == 0 || fixed == c.value ? c.value : -1;
          }
        break;
      }
    }
  }
  for (const Constraint &c : constraints)
    if (c.kind == ConstraintKind::OneOuterLoop) {
      unsigned last = c.level < 0 ? numLevels - 1 : unsigned(c.level);
      for (unsigned l = 1; l <= last && l < numLevels; ++l)
        rules[l].oneOuterLoop = true;
    }
  orderWaysCache.assign(numLevels,
                        std::vector<MapIndex>(uint64_t(1) << numDims, 0));
  orderWaysKnown.clear();
  for (unsigned l = 0; l < numLevels; ++l)
    orderWaysKnown.push_back(
        std::make_unique<std::atomic<bool>[]>(uint64_t(1) << numDims));
  spatialAllowed.assign(numLevels, {});
  spatialStates.assign(numLevels, {});
  for (unsigned l = 0; l < numLevels; ++l) {
    if (levels[l].fanoutBelow <= 1)
      continue;
    spatialAllowed[l].assign(numStates, false);
    int64_t spatial[20];
    for (State st = 0; st < numStates; ++st) {
      int64_t product = 1;
      for (unsigned d = 0; d < numDims; ++d) {
        spatial[d] = value(st, d);
        if (product <= levels[l].fanoutBelow)
          product *= spatial[d];
      }
      if (rules[l].fanout && product > levels[l].fanoutBelow)
        continue;
      bool dimsAllowed = true;
      for (unsigned d = 0; d < numDims; ++d) {
        dimsAllowed &= spatial[d] == 1 || (rules[l].spatialDims >> d & 1);
        int64_t fixed = rules[l].spatialFactor[d];
        dimsAllowed &= fixed == 0 || spatial[d] == fixed;
      }
      if (dimsAllowed && splitAllowed(l, spatial)) {
        spatialAllowed[l][st] = true;
        spatialStates[l].push_back(st);
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// Bypass and tile rules
//===----------------------------------------------------------------------===//

bool ConstrainedMapSpace::Impl::tileAllowed(unsigned l, State c) const {
  const LevelRules &r = rules[l];
  for (unsigned d = 0; d < numDims; ++d) {
    int64_t v = value(c, d);
    if (v > r.maxTile[d] || v < r.minTile[d])
      return false;
    if (r.powerOfTwo && !isPowerOfTwo(v) && v != problem.dimSizes[d])
      return false;
  }
  return true;
}

template <typename Fn>
void ConstrainedMapSpace::Impl::forEachBypass(unsigned l, State c,
                                              Fn fn) const {
  const LevelRules &r = rules[l];
  uint32_t all = (uint32_t(1) << numTensors) - 1;
  uint32_t required =
      (r.placement ? all & ~levels[l].holdableTensors : 0) | r.bypass;
  uint32_t minimal = all & ~levels[l].holdableTensors;
  int64_t footprint[16];
  if (r.capacity) {
    int64_t tile[20];
    for (unsigned d = 0; d < numDims; ++d)
      tile[d] = value(c, d);
    for (unsigned t = 0; t < numTensors; ++t)
      footprint[t] = problem.getFootprint(t, tile) * problem.tensors[t].bits;
  }
  // The outermost level holds everything.
  uint32_t last = l == 0 ? 0 : all;
  for (uint32_t mask = 0; mask <= last; ++mask) {
    if ((mask & required) != required || (mask & r.keep))
      continue;
    if (r.minimalBypass && mask != (l == 0 ? 0 : minimal))
      continue;
    if (r.capacity) {
      int64_t bits = 0;
      for (unsigned t = 0; t < numTensors; ++t)
        if (!(mask >> t & 1))
          bits += footprint[t];
      if (bits * r.capacityCopies > levels[l].capacityBits)
        continue;
    }
    if (fn(mask))
      return;
  }
}

//===----------------------------------------------------------------------===//
// Spatial splits
//===----------------------------------------------------------------------===//

bool ConstrainedMapSpace::Impl::splitAllowed(unsigned l,
                                             const int64_t *spatial) const {
  const LevelRules &r = rules[l];
  const SpaceLevel &level = levels[l];
  int64_t product = 1;
  for (unsigned d = 0; d < numDims; ++d)
    product *= spatial[d];
  if (r.minUtilization > 0 &&
      double(product) < r.minUtilization * level.fanoutBelow)
    return false;
  int64_t spatialDims = 0;
  for (unsigned d = 0; d < numDims; ++d)
    spatialDims += spatial[d] > 1;
  if (spatialDims > r.maxSpatialDims)
    return false;
  if (r.mesh) {
    int64_t meshY = level.fanoutBelow / level.meshX;
    int64_t factors[20];
    unsigned k = 0;
    for (unsigned d = 0; d < numDims; ++d)
      if (spatial[d] > 1)
        factors[k++] = spatial[d];
    bool fits = false;
    for (uint64_t onX = 0; onX < (uint64_t(1) << k) && !fits; ++onX) {
      int64_t x = 1, y = 1;
      for (unsigned i = 0; i < k; ++i)
        (onX >> i & 1 ? x : y) *= factors[i];
      fits = x <= level.meshX && y <= meshY;
    }
    if (!fits)
      return false;
  }
  for (const Constraint *axes : r.meshAxes) {
    int64_t x = 1, y = 1;
    for (unsigned d = 0; d < numDims; ++d) {
      if (spatial[d] == 1)
        continue;
      if (axes->dims >> d & 1)
        x *= spatial[d];
      else if (axes->dimsY >> d & 1)
        y *= spatial[d];
      else
        return false;
    }
    if (x > level.meshX || y > level.fanoutBelow / level.meshX)
      return false;
  }
  return true;
}

bool ConstrainedMapSpace::Impl::isSeparableSpatial(unsigned l) const {
  const LevelRules &r = rules[l];
  return !r.fanout && !r.mesh && r.meshAxes.empty() && r.minUtilization == 0 &&
         r.maxSpatialDims >= int64_t(numDims) &&
         std::all_of(r.spatialFactor.begin(), r.spatialFactor.end(),
                     [](int64_t f) { return f == 0; });
}

bool ConstrainedMapSpace::Impl::hasOrdersBySize(unsigned l) const {
  for (uint64_t outer : rules[l].outer)
    if (outer)
      return false;
  return true;
}

template <typename Fn>
void ConstrainedMapSpace::Impl::forEachMultiple(State m, Fn fn) const {
  // An odometer over dims (the hottest loop of the count).
  const Multiple *lists[20];
  unsigned sizes[20], index[20];
  State prefix[21];
  uint64_t maskPrefix[21];
  for (unsigned d = 0; d < numDims; ++d) {
    const auto &list = multiples[d][digit(m, d)];
    lists[d] = list.data();
    sizes[d] = list.size();
  }
  int last = numDims - 1, d = 0;
  prefix[0] = 0;
  maskPrefix[0] = 0;
  index[0] = 0;
  while (d >= 0) {
    if (d < last) {
      if (index[d] < sizes[d]) {
        const Multiple &step = lists[d][index[d]];
        prefix[d + 1] = prefix[d] + step.c;
        maskPrefix[d + 1] = maskPrefix[d] | (uint64_t(step.nonUnit) << d);
        index[++d] = 0;
        continue;
      }
    } else {
      for (unsigned k = 0; k < sizes[d]; ++k)
        fn(prefix[d] + lists[d][k].c,
           maskPrefix[d] | (uint64_t(lists[d][k].nonUnit) << d));
    }
    if (--d >= 0)
      ++index[d];
  }
}

//===----------------------------------------------------------------------===//
// Loop orders
//===----------------------------------------------------------------------===//

/// The dims whose loops are ordered freely; the others form a canonical
/// tail.
uint64_t ConstrainedMapSpace::Impl::freeDims(uint64_t mask) const {
  switch (orderMode) {
  case OrderMode::AllDims:
    return (uint64_t(1) << numDims) - 1;
  case OrderMode::NonUnitDims:
    return nonUnitDims;
  case OrderMode::NonUnitLoops:
    return mask;
  }
  return mask;
}

std::vector<unsigned> ConstrainedMapSpace::Impl::tail(uint64_t freeMask) const {
  // Size > 1 dims first, each group ascending.
  std::vector<unsigned> dims;
  for (bool unitDims : {false, true})
    for (unsigned d = 0; d < numDims; ++d)
      if (!(freeMask >> d & 1) && (problem.dimSizes[d] == 1) == unitDims)
        dims.push_back(d);
  return dims;
}

/// Per element of `elements`, the mask (over positions in `elements`) of
/// those that must enclose it at level l.
std::vector<uint64_t> ConstrainedMapSpace::Impl::predecessors(
    unsigned l, const std::vector<unsigned> &elements) const {
  std::vector<uint64_t> before(elements.size(), 0);
  for (unsigned i = 0; i < elements.size(); ++i)
    for (unsigned j = 0; j < elements.size(); ++j)
      if (rules[l].outer[elements[i]] >> elements[j] & 1)
        before[i] |= uint64_t(1) << j;
  return before;
}

/// completions[S] for subsets S of `elements`: the number of ways to order
/// the elements not in S after those in S, respecting `outer`.
std::vector<MapIndex> ConstrainedMapSpace::Impl::completions(
    unsigned l, const std::vector<unsigned> &elements) const {
  unsigned k = elements.size();
  std::vector<uint64_t> before = predecessors(l, elements);
  uint64_t full = (uint64_t(1) << k) - 1;
  std::vector<MapIndex> ways(full + 1, 0);
  ways[full] = 1;
  for (uint64_t s = full; s-- > 0;)
    for (unsigned i = 0; i < k; ++i)
      if (!(s >> i & 1) && (before[i] & s) == before[i])
        ways[s] += ways[s | uint64_t(1) << i];
  return ways;
}

MapIndex ConstrainedMapSpace::Impl::countRelativeOrders(unsigned l,
                                                        uint64_t mask) const {
  bool constrained = false;
  std::vector<unsigned> elements;
  for (unsigned d = 0; d < numDims; ++d)
    if (mask >> d & 1) {
      elements.push_back(d);
      constrained |= (rules[l].outer[d] & mask) != 0;
    }
  return constrained ? completions(l, elements)[0] : factorial(elements.size());
}

MapIndex ConstrainedMapSpace::Impl::orderWays(unsigned l, uint64_t mask) const {
  std::atomic<bool> &known = orderWaysKnown[l][mask];
  if (known.load(std::memory_order_acquire))
    return orderWaysCache[l][mask];
  std::lock_guard<std::mutex> lock(orderWaysMutex);
  if (known.load(std::memory_order_relaxed))
    return orderWaysCache[l][mask];
  unsigned free = __builtin_popcountll(freeDims(mask));
  unsigned fixed = __builtin_popcountll(mask);
  // Arrangements of the free dims that keep the non-unit loops' relative
  // order: choose their positions, order the rest freely.
  orderWaysCache[l][mask] = countRelativeOrders(l, mask) *
                            binomial(free, fixed) * factorial(free - fixed);
  known.store(true, std::memory_order_release);
  return orderWaysCache[l][mask];
}

std::vector<unsigned>
ConstrainedMapSpace::Impl::unrankOrder(unsigned l, uint64_t mask,
                                       MapIndex rank) const {
  uint64_t freeMask = freeDims(mask);
  unsigned free = __builtin_popcountll(freeMask);
  unsigned fixed = __builtin_popcountll(mask);
  MapIndex others = factorial(free - fixed);
  MapIndex positions = binomial(free, fixed);
  MapIndex otherRank = rank % others;
  rank /= others;
  MapIndex positionRank = rank % positions;
  MapIndex relativeRank = rank / positions;

  // The non-unit loops' relative order.
  std::vector<unsigned> elements;
  for (unsigned d = 0; d < numDims; ++d)
    if (mask >> d & 1)
      elements.push_back(d);
  std::vector<MapIndex> ways = completions(l, elements);
  std::vector<uint64_t> before = predecessors(l, elements);
  std::vector<unsigned> relative;
  uint64_t placed = 0;
  for (unsigned step = 0; step < fixed; ++step)
    for (unsigned i = 0; i < fixed; ++i) {
      if ((placed >> i & 1) || (before[i] & placed) != before[i])
        continue;
      MapIndex w = ways[placed | uint64_t(1) << i];
      if (relativeRank < w) {
        relative.push_back(elements[i]);
        placed |= uint64_t(1) << i;
        break;
      }
      relativeRank -= w;
    }

  // The other free dims, in the order of a Lehmer code.
  std::vector<unsigned> rest;
  for (unsigned d = 0; d < numDims; ++d)
    if ((freeMask >> d & 1) && !(mask >> d & 1))
      rest.push_back(d);
  std::vector<unsigned> restOrder;
  MapIndex weight = others;
  for (unsigned k = rest.size(); k > 0; --k) {
    weight /= k;
    unsigned pick = unsigned(otherRank / weight);
    otherRank %= weight;
    restOrder.push_back(rest[pick]);
    rest.erase(rest.begin() + pick);
  }

  // Positions of the non-unit loops among the free ones (a combination in
  // lexicographic order).
  std::vector<unsigned> order;
  unsigned nextFixed = 0, nextOther = 0, remainingFixed = fixed;
  for (unsigned position = 0; position < free; ++position) {
    unsigned left = free - position - 1;
    MapIndex withFixedHere =
        remainingFixed ? binomial(left, remainingFixed - 1) : 0;
    if (remainingFixed && positionRank < withFixedHere) {
      order.push_back(relative[nextFixed++]);
      --remainingFixed;
    } else {
      positionRank -= withFixedHere;
      order.push_back(restOrder[nextOther++]);
    }
  }
  for (unsigned d : tail(freeMask))
    order.push_back(d);
  return order;
}

std::optional<MapIndex>
ConstrainedMapSpace::Impl::rankOrder(unsigned l, uint64_t mask,
                                     const std::vector<unsigned> &order) const {
  uint64_t freeMask = freeDims(mask);
  unsigned free = __builtin_popcountll(freeMask);
  unsigned fixed = __builtin_popcountll(mask);
  if (order.size() != numDims)
    return std::nullopt;
  // The tail must be canonical.
  std::vector<unsigned> expectedTail = tail(freeMask);
  if (!std::equal(expectedTail.begin(), expectedTail.end(),
                  order.begin() + free))
    return std::nullopt;
  std::vector<unsigned> relative, rest;
  MapIndex positionRank = 0;
  unsigned remainingFixed = fixed;
  for (unsigned position = 0; position < free; ++position) {
    unsigned d = order[position];
    if (!(freeMask >> d & 1))
      return std::nullopt;
    unsigned left = free - position - 1;
    if (mask >> d & 1) {
      relative.push_back(d);
      --remainingFixed;
    } else {
      if (remainingFixed)
        positionRank += binomial(left, remainingFixed - 1);
      rest.push_back(d);
    }
  }
  if (relative.size() != fixed)
    return std::nullopt;

  std::vector<unsigned> elements;
  for (unsigned d = 0; d < numDims; ++d)
    if (mask >> d & 1)
      elements.push_back(d);
  std::vector<MapIndex> ways = completions(l, elements);
  std::vector<uint64_t> before = predecessors(l, elements);
  MapIndex relativeRank = 0;
  uint64_t placed = 0;
  for (unsigned d : relative) {
    unsigned target =
        std::find(elements.begin(), elements.end(), d) - elements.begin();
    if ((before[target] & placed) != before[target])
      return std::nullopt;
    for (unsigned i = 0; i < target; ++i)
      if (!(placed >> i & 1) && (before[i] & placed) == before[i])
        relativeRank += ways[placed | uint64_t(1) << i];
    placed |= uint64_t(1) << target;
  }

  std::vector<unsigned> sortedRest = rest;
  std::sort(sortedRest.begin(), sortedRest.end());
  MapIndex otherRank = 0, weight = factorial(rest.size());
  for (unsigned k = rest.size(), i = 0; k > 0; --k, ++i) {
    weight /= k;
    auto it = std::find(sortedRest.begin(), sortedRest.end(), rest[i]);
    otherRank += MapIndex(it - sortedRest.begin()) * weight;
    sortedRest.erase(it);
  }
  MapIndex others = factorial(free - fixed);
  MapIndex positions = binomial(free, fixed);
  return (relativeRank * positions + positionRank) * others + otherRank;
}

//===----------------------------------------------------------------------===//
// Counting
//===----------------------------------------------------------------------===//

template <typename T, typename Math>
void ConstrainedMapSpace::Impl::countWith(
    Math &checked, std::vector<std::vector<T>> &ways,
    std::vector<std::vector<T>> &spatialWays) {
  bool exact = std::is_same_v<T, MapIndex>;
  if (exact)
    bypassWays.assign(numLevels, {});
  spatialWays.assign(numLevels, {});
  spatialSupport.assign(numLevels, {});
  ways.assign(numLevels + 1, {});
  support.assign(numLevels + 1, {});
  ways[numLevels].assign(numStates, 0);
  ways[numLevels][0] = 1; // state 0: every dim's smallest divisor, 1
  support[numLevels] = {0};

  for (unsigned l = numLevels; l-- > 0;) {
    std::vector<MapIndex> &bypass = bypassWays[l];
    if (exact)
      bypass.assign(numStates, 0);
    for (State c = 0; c < numStates && exact; ++c) {
      if ((l == 0 && c != fullState) || !tileAllowed(l, c))
        continue;
      MapIndex n = 0;
      forEachBypass(l, c, [&](uint32_t) {
        ++n;
        return false;
      });
      bypass[c] = n;
    }

    // Spatial stage: X(m) = sum over valid s | m of W_{l+1}(m / s).
    const std::vector<T> &inner = ways[l + 1];
    std::vector<T> &spatial = spatialWays[l];
    if (levels[l].fanoutBelow <= 1) {
      spatial = inner;
    } else if (isSeparableSpatial(l)) {
      // Any s over the allowed dims: a divisor-sum transform per dim.
      spatial = inner;
      for (unsigned d = 0; d < numDims; ++d) {
        if (!(rules[l].spatialDims >> d & 1))
          continue;
        unsigned n = divisors[d].size();
        for (State c = numStates; c-- > 0;) {
          unsigned j = digit(c, d);
          for (unsigned i = 0; i < j; ++i)
            if (quotient[d][i * n + j] >= 0)
              spatial[c] =
                  checked.add(spatial[c], spatial[c - (j - i) * stride[d]]);
        }
      }
    } else {
      // Depth-first over dims from each inner tile, pruning on the
      // fan-out bound and on divisibility; the bitmap decides the rest.
      spatial.assign(numStates, 0);
      const std::vector<bool> &allowed = spatialAllowed[l];
      int64_t bound = rules[l].fanout ? levels[l].fanoutBelow
                                      : std::numeric_limits<int64_t>::max();
      uint64_t allowedDims = rules[l].spatialDims;
      for (State c : support[l + 1]) {
        T w = inner[c];
        auto visit = [&](auto &self, unsigned d, State m, State s,
                         int64_t product) -> void {
          if (d == numDims) {
            if (allowed[s])
              spatial[m] = checked.add(spatial[m], w);
            return;
          }
          unsigned n = divisors[d].size(), i = digit(c, d);
          unsigned last = (allowedDims >> d & 1) ? n : 1;
          for (unsigned k = 0; k < last; ++k) {
            int64_t v = divisors[d][k];
            if (product > bound / v)
              break;
            int j = this->product[d][i * n + k];
            if (j >= 0)
              self(self, d + 1, m + (j - i) * stride[d], s + k * stride[d],
                   product * v);
          }
        };
        visit(visit, 0, c, 0, 1);
      }
    }
    for (State m = 0; m < numStates; ++m)
      if (spatial[m])
        spatialSupport[l].push_back(m);

    // Temporal stage: W_l(c) = bypass_l(c) * the sum over m | c of the
    // orders of the loops c / m times X(m).
    std::vector<T> &here = ways[l];
    here.assign(numStates, 0);
    if (l == 0) {
      if (bypass[fullState])
        for (State m : spatialSupport[l])
          here[fullState] =
              checked.add(here[fullState],
                          checked.mul(T(temporalWays(l, fullState,
                                                     strictMask(m, fullState))),
                                      spatial[m]));
    } else {
      // Enumerating pairs (m, c) costs the multiples of every m; when the
      // orders depend only on the loop count, a per-dim transform over
      // polynomials in that count costs (dims + 1) per divisor pair.
      uint64_t pairs = 0, transform = 0;
      for (unsigned d = 0; d < numDims; ++d) {
        uint64_t strict = 0;
        for (unsigned j = 0; j < divisors[d].size(); ++j)
          strict += divisorCounts[d][j] - 1;
        transform += strict * (numStates / divisors[d].size());
      }
      transform *= numDims + 1;
      for (State m : spatialSupport[l]) {
        uint64_t count = 1;
        for (unsigned d = 0; d < numDims && count <= transform; ++d)
          count *= multiples[d][digit(m, d)].size();
        pairs += count;
        if (pairs > transform)
          break;
      }
      if (hasOrdersBySize(l) && transform < pairs && !rules[l].oneOuterLoop &&
          rules[l].temporalDims == ~uint64_t(0)) {
        unsigned width = numDims + 1;
        std::vector<T> poly(uint64_t(numStates) * width, 0);
        for (State m : spatialSupport[l])
          poly[m * width] = spatial[m];
        for (unsigned d = 0; d < numDims; ++d) {
          unsigned n = divisors[d].size();
          for (State c = numStates; c-- > 0;) {
            unsigned j = digit(c, d);
            T *target = &poly[c * width];
            for (unsigned i = 0; i < j; ++i) {
              if (quotient[d][i * n + j] < 0)
                continue;
              const T *source = &poly[(c - (j - i) * stride[d]) * width];
              for (unsigned k = d + 1; k > 0; --k)
                if (source[k - 1])
                  target[k] = checked.add(target[k], source[k - 1]);
            }
          }
        }
        for (State c = 0; c < numStates; ++c) {
          if (!bypass[c])
            continue;
          T sum = 0;
          for (unsigned k = 0; k < width; ++k)
            if (poly[c * width + k])
              sum = checked.add(
                  sum, checked.mul(poly[c * width + k], T(ordersBySize[k])));
          here[c] = sum;
        }
      } else {
        for (State m : spatialSupport[l]) {
          T x = spatial[m];
          forEachMultiple(m, [&](State c, uint64_t mask) {
            if (bypass[c])
              here[c] = checked.add(
                  here[c], checked.mul(T(temporalWays(l, c, mask)), x));
          });
        }
      }
    }
    for (State c = 0; c < numStates; ++c)
      if (here[c]) {
        here[c] = checked.mul(here[c], T(bypass[c]));
        support[l].push_back(c);
      }
  }
}

/// Counts in doubles: never overflows, close enough to weigh samples.
struct ApproximateMath {
  bool overflowed = false;
  double add(double a, double b) const { return a + b; }
  double mul(double a, double b) const { return a * b; }
};

void ConstrainedMapSpace::Impl::count() {
  Checked checked;
  countWith<MapIndex>(checked, ways, spatialWays);
  total = ways[0][fullState];
  overflow = checked.overflowed;
  if (!overflow)
    return;
  // Too many points to rank: weigh random choices instead.
  ApproximateMath approximate;
  countWith<double>(approximate, approximateWays, approximateSpatialWays);
  approximateTotal = approximateWays[0][fullState];
}

//===----------------------------------------------------------------------===//
// The public interface
//===----------------------------------------------------------------------===//

llvm::Expected<std::unique_ptr<ConstrainedMapSpace>>
ConstrainedMapSpace::build(const SpaceProblem &problem,
                           const std::vector<SpaceLevel> &levels,
                           const std::vector<Constraint> &constraints) {
  std::string error;
  std::unique_ptr<ConstrainedMapSpace> space =
      buildOrExplain(problem, levels, constraints, error);
  if (!space)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  return std::move(space);
}

std::unique_ptr<ConstrainedMapSpace> ConstrainedMapSpace::buildOrExplain(
    const SpaceProblem &problem, const std::vector<SpaceLevel> &levels,
    const std::vector<Constraint> &constraints, std::string &error) {
  auto impl = std::make_unique<Impl>();
  impl->problem = problem;
  impl->levels = levels;
  impl->constraints = constraints;
  if (!impl->init(error))
    return nullptr;
  return std::unique_ptr<ConstrainedMapSpace>(
      new ConstrainedMapSpace(std::move(impl)));
}

ConstrainedMapSpace::ConstrainedMapSpace(std::unique_ptr<Impl> impl)
    : impl(std::move(impl)) {}
ConstrainedMapSpace::~ConstrainedMapSpace() = default;

std::optional<MapIndex> ConstrainedMapSpace::size() const {
  if (impl->overflow)
    return std::nullopt;
  return impl->total;
}

const SpaceProblem &ConstrainedMapSpace::getProblem() const {
  return impl->problem;
}
const std::vector<SpaceLevel> &ConstrainedMapSpace::getLevels() const {
  return impl->levels;
}
const std::vector<Constraint> &ConstrainedMapSpace::getConstraints() const {
  return impl->constraints;
}

const ConstrainedMapSpace::Impl::Blocks &ConstrainedMapSpace::Impl::keep(
    std::vector<std::unordered_map<State, std::unique_ptr<Blocks>>> &cache,
    unsigned l, State key, std::unique_ptr<Blocks> blocks,
    std::unique_ptr<Blocks> &scratch) const {
  // Bounded: a search over a huge space would otherwise keep a table per
  // tile it ever visits.
  constexpr size_t kMaxCachedEntries = size_t(1) << 22; // about 80 MB
  std::lock_guard<std::mutex> lock(blocksMutex);
  if (cachedBlockEntries + blocks->states.size() > kMaxCachedEntries) {
    scratch = std::move(blocks);
    return *scratch;
  }
  auto [it, inserted] = cache[l].emplace(key, std::move(blocks));
  if (inserted)
    cachedBlockEntries += it->second->states.size();
  return *it->second;
}

const ConstrainedMapSpace::Impl::Blocks &
ConstrainedMapSpace::Impl::getTemporalBlocks(
    unsigned l, State c, std::unique_ptr<Blocks> &scratch) const {
  {
    std::lock_guard<std::mutex> lock(blocksMutex);
    if (temporalBlocks.empty()) {
      temporalBlocks.resize(numLevels);
      spatialBlocks.resize(numLevels);
    }
    auto it = temporalBlocks[l].find(c);
    if (it != temporalBlocks[l].end())
      return *it->second;
  }
  auto blocks = std::make_unique<Blocks>();
  MapIndex sum = 0;
  for (State candidate : spatialSupport[l]) {
    if (divide(c, candidate) < 0)
      continue;
    MapIndex block = temporalWays(l, c, strictMask(candidate, c)) *
                     spatialWays[l][candidate];
    if (block == 0)
      continue;
    sum += block;
    blocks->states.push_back(candidate);
    blocks->ends.push_back(sum);
  }
  return keep(temporalBlocks, l, c, std::move(blocks), scratch);
}

const ConstrainedMapSpace::Impl::Blocks &
ConstrainedMapSpace::Impl::getSpatialBlocks(
    unsigned l, State below, std::unique_ptr<Blocks> &scratch) const {
  {
    std::lock_guard<std::mutex> lock(blocksMutex);
    auto it = spatialBlocks[l].find(below);
    if (it != spatialBlocks[l].end())
      return *it->second;
  }
  auto blocks = std::make_unique<Blocks>();
  const std::vector<MapIndex> &inner = ways[l + 1];
  MapIndex sum = 0;
  for (State s : spatialStates[l]) {
    int64_t innerState = divide(below, s);
    if (innerState < 0 || !inner[innerState])
      continue;
    sum += inner[innerState];
    blocks->states.push_back(s);
    blocks->ends.push_back(sum);
  }
  return keep(spatialBlocks, l, below, std::move(blocks), scratch);
}

MapPoint ConstrainedMapSpace::point(MapIndex index) const {
  const Impl &m = *impl;
  assert(!m.overflow && index < m.total && "index out of range");
  MapPoint p;
  p.temporal.assign(m.numLevels, std::vector<int64_t>(m.numDims, 1));
  p.spatial.assign(m.numLevels, std::vector<int64_t>(m.numDims, 1));
  p.order.assign(m.numLevels, {});
  p.bypass.assign(m.numLevels, 0);
  State c = m.fullState;
  for (unsigned l = 0; l < m.numLevels; ++l) {
    // Bypass, then the tile m below the temporal loops (with their
    // order), then the spatial factors s and the inner tile m / s.
    MapIndex bypassCount = m.bypassWays[l][c];
    MapIndex bypassRank = index % bypassCount;
    index /= bypassCount;
    m.forEachBypass(l, c, [&](uint32_t mask) {
      if (bypassRank-- == 0) {
        p.bypass[l] = mask;
        return true;
      }
      return false;
    });
    const std::vector<MapIndex> &spatial = m.spatialWays[l];
    std::unique_ptr<Impl::Blocks> scratch;
    const Impl::Blocks &temporal = m.getTemporalBlocks(l, c, scratch);
    State below = temporal.states[temporal.find(index)];
    uint64_t mask = m.strictMask(below, c);
    p.order[l] = m.unrankOrder(l, mask, index / spatial[below]);
    index %= spatial[below];
    for (unsigned d = 0; d < m.numDims; ++d)
      p.temporal[l][d] = m.value(c, d) / m.value(below, d);
    if (m.levels[l].fanoutBelow <= 1) {
      c = below;
      continue;
    }
    const Impl::Blocks &splits = m.getSpatialBlocks(l, below, scratch);
    State s = splits.states[splits.find(index)];
    for (unsigned d = 0; d < m.numDims; ++d)
      p.spatial[l][d] = m.value(s, d);
    c = m.divide(below, s);
  }
  return p;
}

std::optional<MapIndex> ConstrainedMapSpace::index(const MapPoint &p) const {
  const Impl &m = *impl;
  unsigned numLevels = m.numLevels, numDims = m.numDims;
  if (m.overflow || p.temporal.size() != numLevels ||
      p.spatial.size() != numLevels || p.order.size() != numLevels ||
      p.bypass.size() != numLevels)
    return std::nullopt;
  auto toState = [&](const std::vector<int64_t> &values) -> int64_t {
    State s = 0;
    for (unsigned d = 0; d < numDims; ++d) {
      const std::vector<int64_t> &dv = m.divisors[d];
      auto it = std::lower_bound(dv.begin(), dv.end(), values[d]);
      if (it == dv.end() || *it != values[d])
        return -1;
      s += (it - dv.begin()) * m.stride[d];
    }
    return s;
  };
  // Per level: the tile c, the tile below the temporal loops, the spatial
  // factors.
  std::vector<State> tiles(numLevels + 1, 0), belows(numLevels, 0),
      spatials(numLevels, 0);
  std::vector<int64_t> tile(numDims, 1);
  for (unsigned l = numLevels; l-- > 0;) {
    if (p.temporal[l].size() != numDims || p.spatial[l].size() != numDims)
      return std::nullopt;
    std::vector<int64_t> below(numDims);
    for (unsigned d = 0; d < numDims; ++d) {
      int64_t t = p.temporal[l][d], sp = p.spatial[l][d];
      if (t < 1 || sp < 1 || (m.levels[l].fanoutBelow <= 1 && sp != 1) ||
          __builtin_mul_overflow(tile[d], sp, &tile[d]) ||
          m.problem.dimSizes[d] % tile[d])
        return std::nullopt;
      below[d] = tile[d];
      if (__builtin_mul_overflow(tile[d], t, &tile[d]) ||
          m.problem.dimSizes[d] % tile[d])
        return std::nullopt;
    }
    int64_t c = toState(tile), b = toState(below), s = toState(p.spatial[l]);
    if (c < 0 || b < 0 || s < 0)
      return std::nullopt;
    tiles[l] = c;
    belows[l] = b;
    spatials[l] = s;
  }
  if (tiles[0] != m.fullState)
    return std::nullopt;

  MapIndex index = 0;
  for (unsigned l = numLevels; l-- > 0;) {
    State c = tiles[l], below = belows[l], innerState = tiles[l + 1];
    const std::vector<MapIndex> &spatial = m.spatialWays[l];
    const std::vector<MapIndex> &inner = m.ways[l + 1];
    if (!m.ways[l][c] || !spatial[below] || !inner[innerState])
      return std::nullopt;
    // The spatial factors' rank among those leading to a valid inner tile.
    MapIndex offset = 0;
    if (m.levels[l].fanoutBelow > 1) {
      if (!m.spatialAllowed[l][spatials[l]])
        return std::nullopt;
      for (State s : m.spatialStates[l]) {
        if (s == spatials[l])
          break;
        int64_t other = m.divide(below, s);
        if (other >= 0)
          offset += inner[other];
      }
    }
    index += offset;
    // The order's rank, then the blocks of other tiles below the loops.
    uint64_t mask = m.strictMask(below, c);
    if (!m.temporalWays(l, c, mask))
      return std::nullopt;
    std::optional<MapIndex> orderRank = m.rankOrder(l, mask, p.order[l]);
    if (!orderRank)
      return std::nullopt;
    index += *orderRank * spatial[below];
    for (State candidate : m.spatialSupport[l]) {
      if (candidate == below)
        break;
      if (m.divide(c, candidate) >= 0)
        index += m.temporalWays(l, c, m.strictMask(candidate, c)) *
                 spatial[candidate];
    }
    MapIndex bypassRank = 0;
    bool bypassFound = false;
    m.forEachBypass(l, c, [&](uint32_t bypass) {
      if (bypass == p.bypass[l])
        return bypassFound = true;
      ++bypassRank;
      return false;
    });
    if (!bypassFound)
      return std::nullopt;
    index = bypassRank + m.bypassWays[l][c] * index;
  }
  return index;
}

MapPoint ConstrainedMapSpace::sample(std::mt19937_64 &random) const {
  if (impl->overflow)
    return impl->sampleApproximately(random);
  return point(uniformIndex(random, *size()));
}

double ConstrainedMapSpace::approximateSize() const {
  return impl->overflow ? impl->approximateTotal
                        : static_cast<double>(impl->total);
}

/// The choices point() makes by rank, made at random in proportion to the
/// approximate counts.
MapPoint
ConstrainedMapSpace::Impl::sampleApproximately(std::mt19937_64 &random) const {
  MapPoint p;
  p.temporal.assign(numLevels, std::vector<int64_t>(numDims, 1));
  p.spatial.assign(numLevels, std::vector<int64_t>(numDims, 1));
  p.order.assign(numLevels, {});
  p.bypass.assign(numLevels, 0);
  auto pickWeighted = [&](const std::vector<std::pair<State, double>> &items) {
    double sum = 0;
    for (const auto &item : items)
      sum += item.second;
    double r = std::uniform_real_distribution<double>(0, sum)(random);
    for (const auto &item : items) {
      if (r < item.second)
        return item.first;
      r -= item.second;
    }
    return items.back().first;
  };
  State c = fullState;
  for (unsigned l = 0; l < numLevels; ++l) {
    MapIndex bypassRank = uniformIndex(random, bypassWays[l][c]);
    forEachBypass(l, c, [&](uint32_t mask) {
      if (bypassRank-- == 0) {
        p.bypass[l] = mask;
        return true;
      }
      return false;
    });
    const std::vector<double> &spatial = approximateSpatialWays[l];
    std::vector<std::pair<State, double>> candidates;
    for (State candidate : spatialSupport[l]) {
      if (divide(c, candidate) < 0)
        continue;
      double weight =
          static_cast<double>(temporalWays(l, c, strictMask(candidate, c))) *
          spatial[candidate];
      if (weight > 0)
        candidates.push_back({candidate, weight});
    }
    assert(!candidates.empty() && "sampling an empty space");
    State below = pickWeighted(candidates);
    uint64_t mask = strictMask(below, c);
    p.order[l] =
        unrankOrder(l, mask, uniformIndex(random, temporalWays(l, c, mask)));
    for (unsigned d = 0; d < numDims; ++d)
      p.temporal[l][d] = value(c, d) / value(below, d);
    if (levels[l].fanoutBelow <= 1) {
      c = below;
      continue;
    }
    const std::vector<double> &inner = approximateWays[l + 1];
    std::vector<std::pair<State, double>> splits;
    for (State s : spatialStates[l]) {
      int64_t innerState = divide(below, s);
      if (innerState >= 0 && inner[innerState] > 0)
        splits.push_back({s, inner[innerState]});
    }
    assert(!splits.empty() && "sampling an empty space");
    State s = pickWeighted(splits);
    for (unsigned d = 0; d < numDims; ++d)
      p.spatial[l][d] = value(s, d);
    c = divide(below, s);
  }
  return p;
}

bool ConstrainedMapSpace::contains(const MapPoint &p) const {
  const Impl &m = *impl;
  unsigned numLevels = m.numLevels, numDims = m.numDims;
  if (p.temporal.size() != numLevels || p.spatial.size() != numLevels ||
      p.order.size() != numLevels || p.bypass.size() != numLevels)
    return false;
  std::vector<int64_t> product(numDims, 1);
  for (unsigned l = 0; l < numLevels; ++l) {
    if (p.temporal[l].size() != numDims || p.spatial[l].size() != numDims ||
        p.order[l].size() != numDims)
      return false;
    uint64_t seen = 0;
    for (unsigned d : p.order[l]) {
      if (d >= numDims || (seen >> d & 1))
        return false;
      seen |= uint64_t(1) << d;
    }
    if ((l == 0 && p.bypass[l]) ||
        (m.numTensors < 32 && p.bypass[l] >> m.numTensors))
      return false;
    for (unsigned d = 0; d < numDims; ++d) {
      int64_t t = p.temporal[l][d], s = p.spatial[l][d];
      if (t < 1 || s < 1 || (m.levels[l].fanoutBelow <= 1 && s != 1) ||
          __builtin_mul_overflow(product[d], t, &product[d]) ||
          __builtin_mul_overflow(product[d], s, &product[d]))
        return false;
    }
  }
  for (unsigned d = 0; d < numDims; ++d)
    if (product[d] != m.problem.dimSizes[d])
      return false;
  std::vector<std::vector<int64_t>> tiles = getTiles(p);
  for (const Constraint &c : m.constraints)
    if (!satisfies(c, m.problem, m.levels, p, tiles))
      return false;
  return true;
}
