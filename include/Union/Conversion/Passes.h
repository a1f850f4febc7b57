//===- Passes.h - Conversions into and out of the union dialect -*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_CONVERSION_PASSES_H
#define UNION_CONVERSION_PASSES_H

#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "mlir/Pass/Pass.h"

namespace mlir::union_ {

#define GEN_PASS_DECL
#include "Union/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Union/Conversion/Passes.h.inc"

} // namespace mlir::union_

#endif // UNION_CONVERSION_PASSES_H
