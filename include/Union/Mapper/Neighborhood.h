//===- Neighborhood.h - Small moves between mappings ------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The local moves the heuristic mappers make: move one prime factor of a
// dim between two loops (temporal or spatial, any levels), swap two loops
// of a level's order, or flip a bypass choice. A factor that does not fit
// where it goes (a full buffer or array) may take a factor of another dim
// back the other way. A move is kept only when the result lies in the
// (pruned) map space.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_MAPPER_NEIGHBORHOOD_H
#define UNION_MAPPER_NEIGHBORHOOD_H

#include "Union/MapSpace/ConstrainedMapSpace.h"

namespace mlir::union_ {

/// Which parts of a mapping a move may change.
struct MoveScope {
  uint64_t temporalLevels = ~uint64_t(0); ///< bit l: temporal factors
  uint64_t spatialLevels = ~uint64_t(0);  ///< bit l: spatial factors
  uint64_t orderLevels = ~uint64_t(0);    ///< bit l: loop order
  bool bypass = true;
};

/// A random neighbour of `point` in `space`; false after `attempts`
/// failed tries (every move left the space).
bool proposeNeighbor(const ConstrainedMapSpace &space, const MapPoint &point,
                     const MoveScope &scope, std::mt19937_64 &random,
                     MapPoint &neighbor, unsigned attempts = 64);

} // namespace mlir::union_

#endif // UNION_MAPPER_NEIGHBORHOOD_H
