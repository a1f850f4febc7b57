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

#include <algorithm>
#include <cassert>
#include <limits>

using namespace mlir::union_;

namespace {

using State = uint32_t;

/// Arithmetic that records overflow instead of wrapping.
struct Checked {
  bool overflow = false;
  MapIndex add(MapIndex a, MapIndex b) {
    MapIndex r;
    overflow |= __builtin_add_overflow(a, b, &r);
    return r;
  }
  MapIndex mul(MapIndex a, MapIndex b) {
    MapIndex r;
    overflow |= __builtin_mul_overflow(a, b, &r);
    return r;
  }
};

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
  State fullState = 0;

  // Rules per level.
  struct LevelRules {
    bool fanout = false, mesh = false, placement = false, capacity = false,
         powerOfTwo = false;
    uint64_t spatialDims = ~uint64_t(0);
    std::vector<const Constraint *> meshAxes;
    double minUtilization = 0;
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
  std::vector<std::vector<MapIndex>> stepWays;   ///< [l][factor state]
  std::vector<std::vector<MapIndex>> ways;       ///< [l][state], l <= L
  std::vector<std::vector<State>> support;       ///< [l]: ways != 0
  mutable std::vector<std::vector<MapIndex>> relativeOrders; ///< [l][mask]
  mutable std::vector<std::vector<bool>> relativeOrdersKnown;
  bool overflow = false;
  MapIndex total = 0;

  bool init(std::string &error);
  void collectRules();
  void count();

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
  /// Calls `fn(spatial, temporalMask)` for each valid split of factors `f`
  /// at level l, in a fixed order; stops when it returns true.
  template <typename Fn> void forEachSplit(unsigned l, State f, Fn fn) const;

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
};

bool ConstrainedMapSpace::Impl::init(std::string &error) {
  numDims = problem.getNumDims();
  numLevels = levels.size();
  numTensors = problem.tensors.size();
  if (numLevels == 0) {
    error = "the architecture has no storage level";
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
    fullState += (n - 1) * stride[d];
  }
  for (unsigned d = 0; d < numDims; ++d)
    if (problem.dimSizes[d] > 1)
      nonUnitDims |= uint64_t(1) << d;
  collectRules();
  count();
  return true;
}

void ConstrainedMapSpace::Impl::collectRules() {
  rules.assign(numLevels, {});
  for (LevelRules &r : rules) {
    r.maxTile.assign(numDims, std::numeric_limits<int64_t>::max());
    r.minTile.assign(numDims, 1);
    r.outer.assign(numDims, 0);
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
      }
    }
  }
  relativeOrders.assign(numLevels,
                        std::vector<MapIndex>(uint64_t(1) << numDims, 0));
  relativeOrdersKnown.assign(numLevels,
                             std::vector<bool>(uint64_t(1) << numDims, false));
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
  uint32_t required = r.placement ? all & ~levels[l].holdableTensors : 0;
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
    if ((mask & required) != required)
      continue;
    if (r.capacity) {
      int64_t bits = 0;
      for (unsigned t = 0; t < numTensors; ++t)
        if (!(mask >> t & 1))
          bits += footprint[t];
      if (bits > levels[l].capacityBits)
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

template <typename Fn>
void ConstrainedMapSpace::Impl::forEachSplit(unsigned l, State f, Fn fn) const {
  int64_t spatial[20];
  uint64_t mask = 0;
  for (unsigned d = 0; d < numDims; ++d)
    if (value(f, d) > 1)
      mask |= uint64_t(1) << d;
  if (levels[l].fanoutBelow <= 1) {
    std::fill(spatial, spatial + numDims, 1);
    fn(spatial, mask);
    return;
  }
  const LevelRules &r = rules[l];
  int64_t bound =
      r.fanout ? levels[l].fanoutBelow : std::numeric_limits<int64_t>::max();
  bool stop = false;
  // Depth-first over dims, each dim's spatial factor ascending.
  auto visit = [&](auto &self, unsigned d, int64_t product,
                   uint64_t temporalMask) -> void {
    if (d == numDims) {
      if (splitAllowed(l, spatial))
        stop = fn(spatial, temporalMask);
      return;
    }
    int64_t factor = value(f, d);
    for (int64_t s : divisors[d]) {
      if (stop || s > factor || product > bound / s)
        break;
      if (factor % s)
        continue;
      if (s > 1 && !(r.spatialDims >> d & 1))
        break;
      spatial[d] = s;
      self(self, d + 1, product * s,
           temporalMask | (factor / s > 1 ? uint64_t(1) << d : 0));
    }
  };
  visit(visit, 0, 1, 0);
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

/// completions[S] for subsets S of `elements`: the number of ways to order
/// the elements not in S after those in S, respecting `outer`.
std::vector<MapIndex> ConstrainedMapSpace::Impl::completions(
    unsigned l, const std::vector<unsigned> &elements) const {
  unsigned k = elements.size();
  std::vector<uint64_t> before(k, 0);
  for (unsigned i = 0; i < k; ++i)
    for (unsigned j = 0; j < k; ++j)
      if (rules[l].outer[elements[i]] >> elements[j] & 1)
        before[i] |= uint64_t(1) << j;
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
  if (relativeOrdersKnown[l][mask])
    return relativeOrders[l][mask];
  bool constrained = false;
  std::vector<unsigned> elements;
  for (unsigned d = 0; d < numDims; ++d)
    if (mask >> d & 1) {
      elements.push_back(d);
      constrained |= (rules[l].outer[d] & mask) != 0;
    }
  MapIndex result =
      constrained ? completions(l, elements)[0] : factorial(elements.size());
  relativeOrders[l][mask] = result;
  relativeOrdersKnown[l][mask] = true;
  return result;
}

MapIndex ConstrainedMapSpace::Impl::orderWays(unsigned l, uint64_t mask) const {
  unsigned free = __builtin_popcountll(freeDims(mask));
  unsigned fixed = __builtin_popcountll(mask);
  // Arrangements of the free dims that keep the non-unit loops' relative
  // order: choose their positions, order the rest freely.
  return countRelativeOrders(l, mask) * binomial(free, fixed) *
         factorial(free - fixed);
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
  std::vector<uint64_t> before(fixed, 0);
  for (unsigned i = 0; i < fixed; ++i)
    for (unsigned j = 0; j < fixed; ++j)
      if (rules[l].outer[elements[i]] >> elements[j] & 1)
        before[i] |= uint64_t(1) << j;
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
  std::vector<uint64_t> before(fixed, 0);
  for (unsigned i = 0; i < fixed; ++i)
    for (unsigned j = 0; j < fixed; ++j)
      if (rules[l].outer[elements[i]] >> elements[j] & 1)
        before[i] |= uint64_t(1) << j;
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

void ConstrainedMapSpace::Impl::count() {
  Checked checked;
  bypassWays.assign(numLevels, {});
  stepWays.assign(numLevels, {});
  ways.assign(numLevels + 1, {});
  support.assign(numLevels + 1, {});
  ways[numLevels].assign(numStates, 0);
  ways[numLevels][0] = 1; // state 0: every dim's smallest divisor, 1
  support[numLevels] = {0};

  for (unsigned l = numLevels; l-- > 0;) {
    std::vector<MapIndex> &bypass = bypassWays[l];
    bypass.assign(numStates, 0);
    for (State c = 0; c < numStates; ++c) {
      if ((l == 0 && c != fullState) || !tileAllowed(l, c))
        continue;
      MapIndex n = 0;
      forEachBypass(l, c, [&](uint32_t) {
        ++n;
        return false;
      });
      bypass[c] = n;
    }

    std::vector<MapIndex> &step = stepWays[l];
    step.assign(numStates, 0);
    for (State f = 0; f < numStates; ++f) {
      MapIndex sum = 0;
      forEachSplit(l, f, [&](const int64_t *, uint64_t mask) {
        sum = checked.add(sum, orderWays(l, mask));
        return false;
      });
      step[f] = sum;
    }

    // W_l(c) = bypass_l(c) * sum over inner shapes c' | c.
    std::vector<MapIndex> &here = ways[l];
    here.assign(numStates, 0);
    const std::vector<MapIndex> &inner = ways[l + 1];
    for (State innerState : support[l + 1]) {
      MapIndex innerWays = inner[innerState];
      // Enumerate the multiples c of c' digit by digit.
      auto visit = [&](auto &self, unsigned d, State c, State f) -> void {
        if (d == numDims) {
          if (bypass[c] && step[f])
            here[c] = checked.add(here[c], checked.mul(step[f], innerWays));
          return;
        }
        unsigned n = divisors[d].size(), i = digit(innerState, d);
        for (unsigned j = i; j < n; ++j) {
          int q = quotient[d][i * n + j];
          if (q >= 0)
            self(self, d + 1, c + j * stride[d], f + q * stride[d]);
        }
      };
      if (l == 0) {
        int64_t f = divide(fullState, innerState);
        if (bypass[fullState] && step[f])
          here[fullState] =
              checked.add(here[fullState], checked.mul(step[f], innerWays));
      } else {
        visit(visit, 0, 0, 0);
      }
    }
    for (State c = 0; c < numStates; ++c)
      if (here[c]) {
        here[c] = checked.mul(here[c], bypass[c]);
        support[l].push_back(c);
      }
  }
  total = ways[0][fullState];
  overflow = checked.overflow;
}

//===----------------------------------------------------------------------===//
// The public interface
//===----------------------------------------------------------------------===//

std::unique_ptr<ConstrainedMapSpace> ConstrainedMapSpace::build(
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
    const std::vector<MapIndex> &inner = m.ways[l + 1];
    for (State innerState : m.support[l + 1]) {
      int64_t f = m.divide(c, innerState);
      if (f < 0 || !m.stepWays[l][f])
        continue;
      MapIndex block = m.stepWays[l][f] * inner[innerState];
      if (index >= block) {
        index -= block;
        continue;
      }
      MapIndex choice = index / inner[innerState];
      index %= inner[innerState];
      m.forEachSplit(l, f, [&](const int64_t *spatial, uint64_t mask) {
        MapIndex orders = m.orderWays(l, mask);
        if (choice >= orders) {
          choice -= orders;
          return false;
        }
        for (unsigned d = 0; d < m.numDims; ++d) {
          p.spatial[l][d] = spatial[d];
          p.temporal[l][d] = m.value(f, d) / spatial[d];
        }
        p.order[l] = m.unrankOrder(l, mask, choice);
        return true;
      });
      c = innerState;
      break;
    }
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
  // Tile shapes as states, inner to outer.
  std::vector<State> shapes(numLevels + 1, 0);
  std::vector<int64_t> tile(numDims, 1);
  for (unsigned l = numLevels; l-- > 0;) {
    if (p.temporal[l].size() != numDims || p.spatial[l].size() != numDims)
      return std::nullopt;
    State s = 0;
    for (unsigned d = 0; d < numDims; ++d) {
      int64_t t = p.temporal[l][d], sp = p.spatial[l][d];
      if (t < 1 || sp < 1 || (m.levels[l].fanoutBelow <= 1 && sp != 1) ||
          __builtin_mul_overflow(tile[d], t, &tile[d]) ||
          __builtin_mul_overflow(tile[d], sp, &tile[d]) ||
          m.problem.dimSizes[d] % tile[d])
        return std::nullopt;
      const std::vector<int64_t> &dv = m.divisors[d];
      s += (std::lower_bound(dv.begin(), dv.end(), tile[d]) - dv.begin()) *
           m.stride[d];
    }
    shapes[l] = s;
  }
  if (shapes[0] != m.fullState)
    return std::nullopt;

  MapIndex index = 0;
  for (unsigned l = numLevels; l-- > 0;) {
    State c = shapes[l], innerState = shapes[l + 1];
    if (!m.ways[l][c])
      return std::nullopt;
    int64_t f = m.divide(c, innerState);
    // Which split, then which order.
    MapIndex choice = 0;
    bool found = false;
    std::optional<MapIndex> orderRank;
    m.forEachSplit(l, f, [&](const int64_t *spatial, uint64_t mask) {
      if (!std::equal(spatial, spatial + numDims, p.spatial[l].begin())) {
        choice += m.orderWays(l, mask);
        return false;
      }
      found = true;
      orderRank = m.rankOrder(l, mask, p.order[l]);
      return true;
    });
    if (!found || !orderRank)
      return std::nullopt;
    choice += *orderRank;
    // The blocks of inner shapes before this one.
    MapIndex offset = 0;
    const std::vector<MapIndex> &inner = m.ways[l + 1];
    for (State other : m.support[l + 1]) {
      if (other == innerState)
        break;
      int64_t otherF = m.divide(c, other);
      if (otherF >= 0)
        offset += m.stepWays[l][otherF] * inner[other];
    }
    MapIndex bypassRank = 0;
    bool bypassFound = false;
    m.forEachBypass(l, c, [&](uint32_t mask) {
      if (mask == p.bypass[l])
        return bypassFound = true;
      ++bypassRank;
      return false;
    });
    if (!bypassFound)
      return std::nullopt;
    index = bypassRank +
            m.bypassWays[l][c] * (offset + choice * inner[innerState] + index);
  }
  return index;
}

MapIndex mlir::union_::uniformIndex(std::mt19937_64 &random, MapIndex bound) {
  MapIndex limit = ~MapIndex(0) - (~MapIndex(0) % bound);
  while (true) {
    MapIndex draw = (MapIndex(random()) << 64) | random();
    if (draw < limit)
      return draw % bound;
  }
}

MapPoint ConstrainedMapSpace::sample(std::mt19937_64 &random) const {
  return point(uniformIndex(random, *size()));
}
