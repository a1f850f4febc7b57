//===- UnionOps.h - Union dialect ops ---------------------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_UNIONOPS_H
#define UNION_DIALECT_UNION_IR_UNIONOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "Union/Dialect/Union/IR/MappableOpInterface.h"
#include "Union/Dialect/Union/IR/UnionAttrs.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"

#define GET_OP_CLASSES
#include "Union/Dialect/Union/IR/UnionOps.h.inc"

#include "llvm/ADT/StringMap.h"

namespace mlir::union_ {
/// The dims `op`'s `pad` constraints (in `union.constraints`) enlarge, with
/// their padded sizes: a mapping of the op tiles the padded sizes and cost
/// models cost the padded work.
llvm::StringMap<int64_t> getPaddedDimSizes(Operation *op);
} // namespace mlir::union_

#endif // UNION_DIALECT_UNION_IR_UNIONOPS_H
