//===- Neighborhood.cpp - Small moves between mappings --------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/Neighborhood.h"

#include <algorithm>

using namespace mlir::union_;

namespace {

/// One of n's distinct prime factors, each as likely (a factor of 5 in 20
/// moves as readily as a factor of 2).
int64_t pickPrimeFactor(int64_t n, std::mt19937_64 &random) {
  int64_t primes[16];
  unsigned count = 0;
  for (int64_t p = 2; p * p <= n; ++p)
    if (n % p == 0) {
      primes[count++] = p;
      while (n % p == 0)
        n /= p;
    }
  if (n > 1)
    primes[count++] = n;
  return primes[random() % count];
}

/// One of n's divisors, each as likely (counted, then walked to: no
/// allocation on the proposal path).
int64_t pickDivisor(int64_t n, std::mt19937_64 &random) {
  uint64_t count = 0;
  for (int64_t d = 1; d * d <= n; ++d)
    if (n % d == 0)
      count += d * d == n ? 1 : 2;
  uint64_t k = random() % count;
  for (int64_t d = 1; d * d <= n; ++d)
    if (n % d == 0) {
      if (k == 0)
        return d;
      if (d * d != n && k == 1)
        return n / d;
      k -= d * d == n ? 1 : 2;
    }
  return n;
}

/// Puts loops with one iteration after the others, as the workload's
/// canonical order does (size > 1 dims first, each group by dim).
void canonicalizeOrders(const SpaceProblem &problem, MapPoint &p) {
  for (unsigned l = 0; l < p.order.size(); ++l) {
    std::vector<unsigned> order;
    for (unsigned d : p.order[l])
      if (p.temporal[l][d] > 1)
        order.push_back(d);
    for (bool unitDims : {false, true})
      for (unsigned d = 0; d < problem.getNumDims(); ++d)
        if (p.temporal[l][d] == 1 && (problem.dimSizes[d] == 1) == unitDims)
          order.push_back(d);
    p.order[l] = order;
  }
}

} // namespace

bool mlir::union_::proposeNeighbor(const ConstrainedMapSpace &space,
                                   const MapPoint &point,
                                   const MoveScope &scope,
                                   std::mt19937_64 &random, MapPoint &neighbor,
                                   unsigned attempts) {
  const SpaceProblem &problem = space.getProblem();
  const std::vector<SpaceLevel> &levels = space.getLevels();
  unsigned numLevels = levels.size(), numDims = problem.getNumDims();
  // Factor slots in scope: (level, spatial?).
  std::vector<std::pair<unsigned, bool>> slots;
  for (unsigned l = 0; l < numLevels; ++l) {
    if (scope.temporalLevels >> l & 1)
      slots.push_back({l, false});
    if ((scope.spatialLevels >> l & 1) && levels[l].fanoutBelow > 1)
      slots.push_back({l, true});
  }
  auto pick = [&](size_t n) { return size_t(random() % n); };
  for (unsigned attempt = 0; attempt < attempts; ++attempt) {
    neighbor = point;
    unsigned move = pick(6);
    if (move < 4 && slots.size() >= 2) {
      // Move a prime factor of one dim from one slot to another.
      unsigned d = pick(numDims);
      auto [fromLevel, fromSpatial] = slots[pick(slots.size())];
      auto [toLevel, toSpatial] = slots[pick(slots.size())];
      int64_t &from =
          (fromSpatial ? neighbor.spatial : neighbor.temporal)[fromLevel][d];
      int64_t &to =
          (toSpatial ? neighbor.spatial : neighbor.temporal)[toLevel][d];
      if (&from == &to || from == 1)
        continue;
      if (pick(4) == 0) {
        // Or split the two loops' product anew (a long jump along one dim).
        int64_t product = from * to, share = pickDivisor(product, random);
        if (share == to)
          continue;
        to = share;
        from = product / share;
      } else {
        int64_t prime = pickPrimeFactor(from, random);
        from /= prime;
        to *= prime;
      }
      // At a buffer's capacity or an array's fan-out, a factor fits only
      // when another leaves: swap in a factor of another dim going back.
      if (!space.contains(neighbor)) {
        unsigned other = pick(numDims);
        int64_t &back =
            (toSpatial ? neighbor.spatial : neighbor.temporal)[toLevel][other];
        if (other == d || back == 1)
          continue;
        int64_t backPrime = pickPrimeFactor(back, random);
        back /= backPrime;
        (fromSpatial ? neighbor.spatial
                     : neighbor.temporal)[fromLevel][other] *= backPrime;
      }
    } else if (move < 5) {
      // Swap two loops of one level's order.
      std::vector<unsigned> candidates;
      for (unsigned l = 0; l < numLevels; ++l)
        if (scope.orderLevels >> l & 1)
          candidates.push_back(l);
      if (candidates.empty())
        continue;
      unsigned l = candidates[pick(candidates.size())];
      std::vector<unsigned> &order = neighbor.order[l];
      unsigned a = pick(numDims), b = pick(numDims);
      if (a == b)
        continue;
      std::swap(order[a], order[b]);
    } else {
      if (!scope.bypass || numLevels < 2 || problem.tensors.empty())
        continue;
      unsigned l = 1 + pick(numLevels - 1);
      neighbor.bypass[l] ^= 1u << pick(problem.tensors.size());
    }
    canonicalizeOrders(problem, neighbor);
    if (neighbor == point || !space.contains(neighbor))
      continue;
    return true;
  }
  return false;
}
