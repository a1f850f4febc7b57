//===- MapSpace.h - The symbolic map space of a problem on an arch -*- C++ -*-//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The unpruned map space of a loop nest on a storage hierarchy, in
// Timeloop's terms: every storage level has a temporal loop per dim, every
// level with a fan-out below it a spatial loop per dim, and the factors of
// each dim over all these slots multiply to the dim's size exactly; every
// level orders its temporal loops; every level but the outermost may
// bypass any tensor. The space is never materialised: its size is counted
// exactly (128-bit, with overflow detection) and points are decoded from
// and encoded to an index (mixed radix over factorizations, permutations
// and bypass masks), so iteration and uniform sampling are index loops.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_MAPSPACE_MAPSPACE_H
#define UNION_MAPSPACE_MAPSPACE_H

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace mlir::union_ {

using MapIndex = unsigned __int128;

/// A uniform integer below `bound` (> 0).
MapIndex uniformIndex(std::mt19937_64 &random, MapIndex bound);

/// A count too large for MapIndex (the pruning passes record it when a
/// space exceeds 2^128 - 2 points before enough rules apply).
constexpr MapIndex kUncounted = ~MapIndex(0);

/// Decimal digits, or "more than 2^128 - 2" for kUncounted.
std::string toString(MapIndex value);

struct MapSpaceLevel {
  std::string name;
  /// Instances of the next storage level per instance of this one (1: no
  /// spatial loops here).
  int64_t fanoutBelow = 1;
};

/// One mapping: for each level (outermost first) and dim, its temporal
/// and spatial factors, the level's temporal loop order (dims, outermost
/// first) and the tensors it bypasses (bit t: tensor t).
struct MapPoint {
  std::vector<std::vector<int64_t>> temporal; ///< [level][dim]
  std::vector<std::vector<int64_t>> spatial;  ///< [level][dim]
  std::vector<std::vector<unsigned>> order;   ///< [level] permutation
  std::vector<uint32_t> bypass;               ///< [level] tensor mask
  bool operator==(const MapPoint &other) const {
    return temporal == other.temporal && spatial == other.spatial &&
           order == other.order && bypass == other.bypass;
  }
};

/// A deterministic 64-bit hash of a point (for caches and tie-breaks).
uint64_t hashPoint(const MapPoint &point);

class MapSpace {
public:
  /// `dimSizes` are the problem's dim sizes (each >= 1), `numTensors` its
  /// tensor count (at most 32), `levels` the storage levels, outermost
  /// first (at least one).
  MapSpace(std::vector<int64_t> dimSizes, unsigned numTensors,
           std::vector<MapSpaceLevel> levels);

  unsigned getNumDims() const { return dimSizes.size(); }
  unsigned getNumLevels() const { return levels.size(); }
  const std::vector<MapSpaceLevel> &getLevels() const { return levels; }

  /// The number of points, or std::nullopt if it exceeds 2^128 - 1.
  std::optional<MapIndex> size() const { return total; }
  /// The components of the size: per dim, its factorizations over the
  /// slots; per level, its loop orders; per level, its bypass choices.
  MapIndex getFactorizationCount(unsigned dim) const;
  MapIndex getOrderCount() const;
  MapIndex getBypassCount(unsigned level) const;

  /// Decodes `index` (< size()).
  MapPoint point(MapIndex index) const;
  /// Encodes a point of this space; std::nullopt when it is not one.
  std::optional<MapIndex> index(const MapPoint &point) const;
  /// A uniformly random point.
  MapPoint sample(std::mt19937_64 &random) const;

private:
  struct PrimePower {
    int64_t prime;
    unsigned exponent;
  };
  std::vector<int64_t> dimSizes;
  unsigned numTensors;
  std::vector<MapSpaceLevel> levels;
  /// Factor slots: (level, spatial?) in a fixed order.
  std::vector<std::pair<unsigned, bool>> slots;
  std::vector<std::vector<PrimePower>> primes; ///< per dim
  std::vector<MapIndex> factorizations;        ///< per dim
  MapIndex orders = 1;                         ///< per level (n!)
  std::optional<MapIndex> total;

  void decodeFactors(unsigned dim, MapIndex index, MapPoint &point) const;
  std::optional<MapIndex> encodeFactors(unsigned dim,
                                        const MapPoint &point) const;
};

} // namespace mlir::union_

#endif // UNION_MAPSPACE_MAPSPACE_H
