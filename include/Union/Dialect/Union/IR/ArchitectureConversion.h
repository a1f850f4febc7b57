//===- ArchitectureConversion.h - #union.arch <-> ArchitectureSpec -*- C++ -*-//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_ARCHITECTURECONVERSION_H
#define UNION_DIALECT_UNION_IR_ARCHITECTURECONVERSION_H

#include "Union/Arch/ArchitectureSpec.h"
#include "Union/Dialect/Union/IR/UnionAttrs.h"

namespace mlir::union_ {

/// Builds the attribute for a (validated) spec.
ArchitectureAttr getArchitectureAttr(MLIRContext *context,
                                     const ArchitectureSpec &spec);

/// Converts level attributes to a spec; an error when an element of
/// `levels` is not a level attribute.
llvm::Expected<ArchitectureSpec> getArchitectureSpec(StringRef name,
                                                     ArrayAttr levels);

/// Converts a (verified) attribute to a spec.
ArchitectureSpec getArchitectureSpec(ArchitectureAttr arch);

} // namespace mlir::union_

#endif // UNION_DIALECT_UNION_IR_ARCHITECTURECONVERSION_H
