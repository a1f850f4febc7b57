//===- NestAnalysis.h - Working sets and deltas of a loop nest --*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The loop nest of a mapping (docs/LoopNest.md §1.3) and Timeloop's nest
// analysis of it (§2): per loop, the largest working set of each tensor
// and the accesses the loop's children make, keyed by multicast factor.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_LIB_COSTMODEL_LOOPNEST_NESTANALYSIS_H
#define UNION_LIB_COSTMODEL_LOOPNEST_NESTANALYSIS_H

#include "Union/Engine/LoopNest/LoopNestModel.h"

#include "llvm/ADT/SmallVector.h"

#include <map>
#include <vector>

namespace mlir::union_::loopnest {

enum class LoopKind { Temporal, SpatialX, SpatialY };

struct Loop {
  unsigned dim = 0;
  int64_t end = 1;
  LoopKind kind = LoopKind::Temporal;
  unsigned level = 0;    ///< the storage level owning the loop
  bool boundary = false; ///< the outermost loop of its level
  bool isSpatial() const { return kind != LoopKind::Temporal; }
};

/// Loops innermost first; every level owns a contiguous block ending at
/// its boundary.
struct Nest {
  std::vector<Loop> loops;
  std::vector<unsigned> boundaries; ///< per level, the index of its boundary
  /// Per level, the hardware fan-out to the level below, along X and Y.
  std::vector<int64_t> fanoutX, fanoutY;
  Options options;
};

/// Builds the nest, or a RejectionError with Timeloop's message when a
/// level without fan-out is given spatial factors.
llvm::Error buildNest(const Problem &problem, const Architecture &arch,
                      const Mapping &mapping, const Options &options,
                      Nest &nest);

/// What the analysis keeps of a temporal or master spatial loop.
struct LoopFigures {
  bool collected = false; ///< temporal, or the outermost of spatial loops
  bool master = false;
  int64_t replication = 1;               ///< spatial instances outside the loop
  int64_t fanout = 1;                    ///< children of a master spatial loop
  llvm::SmallVector<int64_t, 4> maxSize; ///< per tensor
  llvm::SmallVector<AccessMap, 4> access; ///< per tensor
  /// Per tensor, words a child got from a mesh neighbour instead of from
  /// the parent (master spatial loops only).
  llvm::SmallVector<int64_t, 4> linkTransfers;
};

/// Fills `figures`, one per loop of `nest`, reusing its memory.
void analyzeNest(const Problem &problem, const Nest &nest,
                 std::vector<LoopFigures> &figures);

} // namespace mlir::union_::loopnest

#endif // UNION_LIB_COSTMODEL_LOOPNEST_NESTANALYSIS_H
