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

#endif // UNION_DIALECT_UNION_IR_UNIONENUMS_TD
