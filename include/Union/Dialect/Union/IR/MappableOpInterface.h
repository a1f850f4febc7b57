//===- MappableOpInterface.h - Ops Union can map ----------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_MAPPABLEOPINTERFACE_H
#define UNION_DIALECT_UNION_IR_MAPPABLEOPINTERFACE_H

#include "Union/Dialect/Union/IR/UnionAttrs.h"

#include "mlir/IR/OpDefinition.h"

#include <optional>
#include <string>

#include "Union/Dialect/Union/IR/MappableOpInterface.h.inc"

namespace mlir::union_ {

/// The one way to name an op in messages, reports and files: its label,
/// else `fallback`.
std::string getOpLabel(MappableOpInterface op,
                       llvm::StringRef fallback = "<unnamed>");

} // namespace mlir::union_

#endif // UNION_DIALECT_UNION_IR_MAPPABLEOPINTERFACE_H
