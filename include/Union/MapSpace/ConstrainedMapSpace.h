//===- ConstrainedMapSpace.h - A map space pruned by constraints -*- C++ -*-//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The points of the unpruned MapSpace that satisfy a set of constraints,
// counted exactly and never materialised. A point is a chain of per-level
// tile shapes (per dim, the product of the factors at a level and inside
// it); every constraint is either about one level's tile shape (capacity,
// tile bounds), about the step between two consecutive shapes (spatial
// factors, fan-out, loop orders) or about bypass. So the count is a sum over
// chains that a dynamic program over tile shapes computes level by level,
// inner to outer, and the same tables rank and unrank points.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_MAPSPACE_CONSTRAINEDMAPSPACE_H
#define UNION_MAPSPACE_CONSTRAINEDMAPSPACE_H

#include "Union/MapSpace/Constraint.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <random>

namespace mlir::union_ {

class ConstrainedMapSpace {
public:
  /// Tile shapes (products of the dims' divisor counts) above this are
  /// refused rather than counted slowly.
  static constexpr uint64_t kMaxTileShapes = 4'000'000;

  /// Builds and counts the space; an error when the problem has too many
  /// tile shapes.
  static llvm::Expected<std::unique_ptr<ConstrainedMapSpace>>
  build(const SpaceProblem &problem, const std::vector<SpaceLevel> &levels,
        const std::vector<Constraint> &constraints);
  ~ConstrainedMapSpace();

  /// The number of points; std::nullopt if it exceeds 2^128 - 1 (then
  /// point() and index() are unavailable; sample() and contains() work).
  std::optional<MapIndex> size() const;
  /// The point with rank `index` (< size()), orders and bypass included.
  MapPoint point(MapIndex index) const;
  /// The rank of `point`, or std::nullopt when it is not in the space.
  std::optional<MapIndex> index(const MapPoint &point) const;
  /// Whether `point` is in the space: a mapping of the problem on these
  /// levels that satisfies every constraint (decided from the definitions,
  /// much faster than index()).
  bool contains(const MapPoint &point) const;
  /// A uniformly random point (the space must be non-empty). Spaces too
  /// large to count exactly are sampled from counts in doubles, uniform up
  /// to their rounding.
  MapPoint sample(std::mt19937_64 &random) const;
  /// The number of points, exact below 2^128, else approximate.
  double approximateSize() const;

  const SpaceProblem &getProblem() const;
  const std::vector<SpaceLevel> &getLevels() const;
  /// The constraints it was built with, in order.
  const std::vector<Constraint> &getConstraints() const;

  struct Impl;

private:
  static std::unique_ptr<ConstrainedMapSpace> buildOrExplain(
      const SpaceProblem &problem, const std::vector<SpaceLevel> &levels,
      const std::vector<Constraint> &constraints, std::string &error);

  explicit ConstrainedMapSpace(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace mlir::union_

#endif // UNION_MAPSPACE_CONSTRAINEDMAPSPACE_H
