//===- UnionEnums.td - Union dialect enums -----------------*- tablegen -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_UNIONENUMS_TD
#define UNION_DIALECT_UNION_IR_UNIONENUMS_TD

include "mlir/IR/EnumAttr.td"

def Union_TensorRole : I32EnumAttr<"TensorRole", "how a problem accesses a tensor", [
    I32EnumAttrCase<"Read", 0, "read">,
    I32EnumAttrCase<"ReadWrite", 1, "readwrite">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::union_";
}

def Union_LoopKind : I32EnumAttr<"LoopKind", "temporal or spatial loop", [
    I32EnumAttrCase<"Temporal", 0, "temporal">,
    I32EnumAttrCase<"Spatial", 1, "spatial">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::union_";
}

def Union_DirectiveKind : I32EnumAttr<"DirectiveKind", "a MAESTRO dataflow directive", [
    I32EnumAttrCase<"TemporalMap", 0, "temporal_map">,
    I32EnumAttrCase<"SpatialMap", 1, "spatial_map">,
    I32EnumAttrCase<"Cluster", 2, "cluster">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::union_";
}

def Union_ConstraintSource : I32EnumAttr<"ConstraintSource",
    "where a map-space constraint comes from", [
    I32EnumAttrCase<"Hardware", 0, "hardware">,
    I32EnumAttrCase<"Workload", 1, "workload">,
    I32EnumAttrCase<"Mapper", 2, "mapper">
  ]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::union_::ir";
}

def Union_ConstraintKind : I32EnumAttr<"ConstraintKind",
    "what a map-space constraint restricts", [
    I32EnumAttrCase<"Fanout", 0, "fanout">,
    I32EnumAttrCase<"Mesh", 1, "mesh">,
    I32EnumAttrCase<"Placement", 2, "placement">,
    I32EnumAttrCase<"Capacity", 3, "capacity">,
    I32EnumAttrCase<"MeshAxes", 4, "mesh_axes">,
    I32EnumAttrCase<"SpatialDims", 5, "spatial_dims">,
    I32EnumAttrCase<"Stationary", 6, "stationary">,
    I32EnumAttrCase<"Order", 7, "order">,
    I32EnumAttrCase<"UnitDims", 8, "unit_dims">,
    I32EnumAttrCase<"UnitLoops", 9, "unit_loops">,
    I32EnumAttrCase<"MaxTile", 10, "max_tile">,
    I32EnumAttrCase<"MinTile", 11, "min_tile">,
    I32EnumAttrCase<"PowerOfTwo", 12, "pow2_tiles">,
    I32EnumAttrCase<"MinUtilization", 13, "min_utilization">,
    I32EnumAttrCase<"Pad", 14, "pad">,
    I32EnumAttrCase<"MinimalBypass", 15, "minimal_bypass">,
    I32EnumAttrCase<"OneOuterLoop", 16, "one_outer_loop">,
    I32EnumAttrCase<"Keep", 17, "keep">,
    I32EnumAttrCase<"Bypass", 18, "bypass">,
    I32EnumAttrCase<"TemporalDims", 19, "temporal_dims">,
    I32EnumAttrCase<"SpatialFactor", 20, "spatial_factor">,
    I32EnumAttrCase<"MaxSpatialDims", 21, "max_spatial_dims">
  ]> {
  let genSpecializedAttr = 0;
  // The map-space library has its own (MLIR-free) enums of these names.
  let cppNamespace = "::mlir::union_::ir";
}

#endif // UNION_DIALECT_UNION_IR_UNIONENUMS_TD
