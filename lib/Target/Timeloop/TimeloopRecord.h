//===- TimeloopRecord.h - The union.timeloop record on an op ----*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Helpers shared by import and export for the `union.timeloop` dictionary:
// what Union does not model but Timeloop needs to give the same answer.
//
//   shape         the problem shape's name
//   coefficients  [[name, default, value], ...]
//   projections   {tensor: [[[dim], [dim, coefficient]], ...]}
//   containers    [[name with range, [[key, value], ...]], ...] root first
//   levels        {level: {written, class, path, attributes, word_bits,
//                 mesh_x?, energy = "ert"|"builtin", table?, actions?}}
//                 (block sizes and update energies live in #union.storage;
//                 IR written before it had them carries block_size? and
//                 update_energy? here, still read)
//   spatial_x     {level: [dims on mesh X]}
//   ert           whether an ERT was given
//
//===----------------------------------------------------------------------===//

#ifndef UNION_LIB_TARGET_TIMELOOP_TIMELOOPRECORD_H
#define UNION_LIB_TARGET_TIMELOOP_TIMELOOPRECORD_H

#include "Union/Dialect/Union/IR/UnionAttrs.h"
#include "Union/Engine/Timeloop/TimeloopInputs.h"

#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::union_::record {

inline constexpr llvm::StringLiteral kAttrName = "union.timeloop";

ArrayAttr stringsToAttr(const std::vector<std::string> &strings,
                        MLIRContext *context);
std::vector<std::string> attrToStrings(Attribute attr);

ArrayAttr pairsToAttr(const std::vector<timeloop::KeyValue> &pairs,
                      MLIRContext *context);
std::vector<timeloop::KeyValue> attrToPairs(Attribute attr);

ArrayAttr actionsToAttr(const std::vector<timeloop::Action> &actions,
                        MLIRContext *context);
std::vector<timeloop::Action> attrToActions(Attribute attr);

ArrayAttr
projectionToAttr(const std::vector<std::vector<timeloop::ProjectionTerm>> &p,
                 MLIRContext *context);
std::vector<std::vector<timeloop::ProjectionTerm>>
attrToProjection(Attribute attr);

/// Width of the mesh the networks below storage level `index` form: the
/// product of their mesh_x (a 1-D network counts its whole fan-out).
int64_t getMeshXBelow(ArchitectureAttr arch, unsigned index);

/// " (data spaces: A, B, C)".
std::string listDataSpaces(const timeloop::Problem &problem);

} // namespace mlir::union_::record

#endif // UNION_LIB_TARGET_TIMELOOP_TIMELOOPRECORD_H
