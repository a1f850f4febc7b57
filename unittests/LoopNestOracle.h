//===- LoopNestOracle.h - Brute-force counts of a mapped loop nest -*- C++
//-*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A test-only simulator of a mapped loop nest, independent of the engine:
// it walks every iteration, keeps each buffer instance's current tile as
// an explicit set of tensor coordinates, and counts fills, reads, updates,
// multicasts and spatial reductions by set differences. It shares only
// the input types with the engine.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_UNITTESTS_LOOPNESTORACLE_H
#define UNION_UNITTESTS_LOOPNESTORACLE_H

#include "Union/Engine/LoopNest/LoopNestModel.h"

#include <cstdint>
#include <vector>

namespace mlir::union_::loopnest::oracle {

/// One tensor at one storage level; counts are totals over instances.
struct TensorCounts {
  int64_t reads = 0, fills = 0, updates = 0;
  /// Reads sent to several children at once (read-only tensors) or
  /// updates reduced from several children (read-write tensors).
  int64_t sharedAccesses = 0;
  int64_t capacity = 0;  ///< the largest tile one instance holds
  int64_t instances = 0; ///< instances that hold a tile
};

struct Counts {
  int64_t computes = 0;
  /// Per storage level (innermost first), per tensor; zero where the
  /// level does not keep the tensor.
  std::vector<std::vector<TensorCounts>> levels;
};

/// Simulates `mapping` point by point. The buffers' conventions are
/// Timeloop's: a tile is the bounding box of the points its loops touch
/// [Q3]; a delta is the part of the new tile not in the old one; children
/// that receive equal deltas at one step share one parent access (a
/// multicast, or a spatial reduction for read-write tensors) [Q12], and
/// only if the instances of bypassed levels between them and the parent
/// hold equal tiles too (Timeloop forms classes level by level); a tile
/// that moves differently than at the previous step is reloaded whole
/// (Timeloop's reset on a change of stride); a partial sum is not filled, and
/// not read at its parent, the first time an instance sees it; the outermost
/// level keeping a tensor is filled by no one [Q5].
Counts simulate(const Problem &problem, const Architecture &arch,
                const Mapping &mapping);

} // namespace mlir::union_::loopnest::oracle

#endif // UNION_UNITTESTS_LOOPNESTORACLE_H
