//===- Constraint.h - Map-space constraints and their sources --*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A constraint removes mappings from the map space. Each one has a source
// (the hardware, the workload or the mapper/user) and a kind; `satisfies`
// decides a single mapping directly from the definition, independently of
// the counting in ConstrainedMapSpace, so tests can hold one against the
// other.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_MAPSPACE_CONSTRAINT_H
#define UNION_MAPSPACE_CONSTRAINT_H

#include "Union/MapSpace/MapSpace.h"
#include "Union/MapSpace/SpaceModel.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlir::union_ {

enum class ConstraintSource { Hardware, Workload, Mapper };

enum class ConstraintKind {
  // Hardware.
  Fanout,    ///< per level: product of spatial factors <= fan-out
  Mesh,      ///< per level: spatial loops fit the 2-D array's axes
  Placement, ///< per level: tensors the level cannot hold are bypassed
  Capacity,  ///< per level: the tiles it holds fit its capacity
  MeshAxes,  ///< at `level`: `dims` on the X axis, `dimsY` on the Y axis
  // Hardware (dataflow presets) or mapper.
  SpatialDims, ///< at `level`: only `dims` may be spatial
  Stationary,  ///< at `level`: loops irrelevant to `tensor` are innermost
  Order,       ///< at `level`: the loops of `order` in that relative order
  // Workload.
  UnitDims,  ///< loops over size-1 dims are placed canonically
  UnitLoops, ///< loops with one iteration are placed canonically
  // Mapper.
  MaxTile,        ///< at `level`: tiles of `dims` <= `value`
  MinTile,        ///< at `level`: tiles of `dims` >= `value`
  PowerOfTwo,     ///< tiles below the outermost level are powers of two
  MinUtilization, ///< at `level`: spatial product >= `fraction` * fan-out
  // Workload, applied to the problem before the space is built.
  Pad, ///< the dim in `dims` runs `value` iterations (padding)
  // Cost models' search constraints (mapper).
  MinimalBypass, ///< levels bypass exactly the tensors they cannot hold
  OneOuterLoop,  ///< down to `level`, each dim loops at one level at most
  // Mapper (Timeloop's architecture constraints).
  Keep,          ///< at `level`: `tensor` is kept (not bypassed)
  Bypass,        ///< at `level`: `tensor` is bypassed
  TemporalDims,  ///< at `level`: only `dims` may have temporal loops
  SpatialFactor, ///< at `level`: the spatial factor of each of `dims` is
                 ///< `value`
  // Cost models' search constraints (mapper).
  MaxSpatialDims, ///< at `level`: at most `value` dims are spatial
  // A new kind goes last here and in UnionEnums.td (MapSpaceSupport.cpp
  // checks that the two lists agree).
};

struct Constraint {
  ConstraintSource source = ConstraintSource::Hardware;
  ConstraintKind kind = ConstraintKind::Fanout;
  /// The level it applies to; -1 for every level it can apply to.
  int level = -1;
  /// Dim mask (SpatialDims, TemporalDims, SpatialFactor, MaxTile, MinTile,
  /// MeshAxes).
  uint64_t dims = 0;
  uint64_t dimsY = 0;          ///< MeshAxes: dims on the Y axis
  std::vector<unsigned> order; ///< Order: dims, outermost first
  int tensor = -1;             ///< Stationary, Keep, Bypass
  int64_t value =
      0; ///< MaxTile, MinTile, SpatialFactor, MaxSpatialDims, Capacity
  double fraction = 0; ///< MinUtilization
  /// Where it came from, for reports (e.g. "dataflow nvdla").
  std::string origin;
};

const char *stringifyConstraintSource(ConstraintSource source);
/// The kind's name in IR and reports, e.g. "spatial_dims".
const char *stringifyConstraintKind(ConstraintKind kind);
/// A rule's readable name, e.g. "capacity" or "spatial_dims(L2: K, C)".
std::string describeConstraint(const Constraint &constraint,
                               const SpaceProblem &problem,
                               const std::vector<SpaceLevel> &levels);

/// Whether `point` (a point of the unpruned MapSpace for this problem and
/// these levels) satisfies `constraint`, decided from its definition.
bool satisfies(const Constraint &constraint, const SpaceProblem &problem,
               const std::vector<SpaceLevel> &levels, const MapPoint &point);
/// The same with the point's tiles (getTiles) already computed.
bool satisfies(const Constraint &constraint, const SpaceProblem &problem,
               const std::vector<SpaceLevel> &levels, const MapPoint &point,
               const std::vector<std::vector<int64_t>> &tiles);

/// The hardware's own rules: fan-out, mesh axes (when a level feeds a 2-D
/// array), placement (when a level holds only some tensors) and capacity.
std::vector<Constraint>
getHardwareConstraints(const SpaceProblem &problem,
                       const std::vector<SpaceLevel> &levels);

/// The workload's rules: unit dims and unit loops placed canonically.
std::vector<Constraint> getWorkloadConstraints();

/// Applies the `pad` constraints to `problem`'s dim sizes; an error when
/// one would shrink a dim.
llvm::Error applyPadding(const std::vector<Constraint> &constraints,
                         SpaceProblem &problem);

/// The names of the fixed-dataflow presets.
std::vector<std::string> getDataflowPresetNames();
/// The constraints of a fixed-dataflow preset ("nvdla", "eyeriss",
/// "shidiannao", "tpu" or "flexible"); an error when the name is unknown
/// or the preset does not fit the architecture.
llvm::Expected<std::vector<Constraint>>
getDataflowPresetConstraints(const std::string &name,
                             const SpaceProblem &problem,
                             const std::vector<SpaceLevel> &levels);

/// Per-level cumulative tile extents of a point: tile[l][d] is the product
/// of all factors of dim d at level l and inside it.
std::vector<std::vector<int64_t>> getTiles(const MapPoint &point);

} // namespace mlir::union_

#endif // UNION_MAPSPACE_CONSTRAINT_H
