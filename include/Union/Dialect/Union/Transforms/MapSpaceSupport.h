//===- MapSpaceSupport.h - Union ops and their map spaces -------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The bridge between union ops and the MLIR-free map-space library: the
// problem and levels of an op, #union.constraint <-> Constraint, and the
// pruning step the three union-prune-* passes share.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_TRANSFORMS_MAPSPACESUPPORT_H
#define UNION_DIALECT_UNION_TRANSFORMS_MAPSPACESUPPORT_H

#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/MapSpace/ConstrainedMapSpace.h"

namespace mlir::union_ {

/// The op attribute holding the sizes (#union.map_space).
constexpr llvm::StringLiteral kMapSpaceAttrName = "union.map_space";

/// The problem as the map space sees it.
SpaceProblem getSpaceProblem(ProblemAttr problem);

/// What the map space of an op is built from.
struct OpSpace {
  SpaceProblem problem; ///< with the `pad` constraints applied
  std::vector<SpaceLevel> levels;
  std::vector<Constraint> constraints; ///< from union.constraints
  std::vector<int64_t> originalSizes;  ///< the dims' sizes before padding
};

/// The problem, the architecture's levels and the constraints already on
/// `op`; emits an error at the op when it has no architecture or a
/// constraint names something the problem or architecture lacks.
FailureOr<OpSpace> getOpSpace(MappableOpInterface op);

/// The constraint an attribute describes, for this problem and these levels;
/// std::nullopt with `error` set when it names an unknown dim, level or
/// tensor.
llvm::Expected<Constraint> getConstraint(ConstraintAttr attr,
                                         const SpaceProblem &problem,
                                         const std::vector<SpaceLevel> &levels);
ConstraintAttr getConstraintAttr(MLIRContext *context, const Constraint &c,
                                 const SpaceProblem &problem,
                                 const std::vector<SpaceLevel> &levels);

/// One rule's effect.
struct PruneStep {
  Constraint constraint;
  std::string description; ///< e.g. "spatial_dims(L2: K, C)"
  MapIndex removed = 0;
};
struct PruneResult {
  std::string label;
  MapIndex before = 0, after = 0;
  std::vector<PruneStep> steps;
  /// Padding added by this step: iterations before and after.
  uint64_t iterationsBefore = 0, iterationsAfter = 0;
};

/// How `union.unmapped` starts when pruning emptied the op's space.
constexpr llvm::StringLiteral kEmptySpaceReasonPrefix =
    "its map space is empty: ";

/// Adds `added` to the constraints of `op`, counts the space after each one
/// and records the constraints and sizes on the op. When the space becomes
/// empty it names the rule and the tightest resource: in an error at the
/// op when `strict`, else in a warning and in the op's `union.unmapped`
/// (the op keeps its empty space). Fails when the space cannot be counted.
FailureOr<PruneResult> pruneComputeOp(MappableOpInterface op,
                                      const OpSpace &space,
                                      const std::vector<Constraint> &added,
                                      bool strict = true);

/// Why no mapping satisfies `base` and `added` together (the caller found
/// that space empty): the first rule of `added` that leaves nothing, what
/// it removed and the tightest resource (or that `base` alone leaves
/// nothing).
std::string explainEmptySpace(const SpaceProblem &problem,
                              const std::vector<SpaceLevel> &levels,
                              const std::vector<Constraint> &base,
                              const std::vector<Constraint> &added);

/// The pruned space of `op` as recorded by the prune passes (all of
/// union.constraints), or an error at the op.
std::unique_ptr<ConstrainedMapSpace> buildOpMapSpace(MappableOpInterface op,
                                                     OpSpace &space);

/// Writes a pass's pruning report: remarks at each op when `remarks`, and
/// a JSON document to `reportFile` ("-": stdout) when it is not empty.
LogicalResult
reportPruning(Operation *root, StringRef passName,
              ArrayRef<std::pair<MappableOpInterface, PruneResult>> results,
              bool remarks, StringRef reportFile);

/// The mapping attribute of a point: per level, its temporal loops with
/// more than one iteration in order, then its spatial loops, then the
/// tensors it bypasses.
MappingAttr getMappingAttr(MLIRContext *context, const MapPoint &point,
                           const SpaceProblem &problem,
                           const std::vector<SpaceLevel> &levels);

/// The point a mapping attribute describes: each dim's leftover factor
/// becomes the outermost loop of the outermost level, loops a level does
/// not list follow its listed ones in the canonical order. Fails with
/// `error` set when a level, dim or tensor is unknown, when factors do not
/// divide a dim, or when a level without fan-out has spatial loops.
llvm::Expected<MapPoint> getMapPoint(MappingAttr mapping,
                                     const SpaceProblem &problem,
                                     const std::vector<SpaceLevel> &levels);

/// Runs one pruning pass over the union ops under `root`: `getAdded`
/// gives the constraints to add to an op (or fails after a diagnostic).
LogicalResult runPruningPass(
    Operation *root, StringRef passName,
    llvm::function_ref<FailureOr<std::vector<Constraint>>(MappableOpInterface,
                                                          const OpSpace &)>
        getAdded,
    bool remarks, StringRef reportFile, bool strict);

} // namespace mlir::union_

#endif // UNION_DIALECT_UNION_TRANSFORMS_MAPSPACESUPPORT_H
