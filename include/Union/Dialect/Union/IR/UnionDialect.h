//===- UnionDialect.h - Union dialect ---------------------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_UNIONDIALECT_H
#define UNION_DIALECT_UNION_IR_UNIONDIALECT_H

#include "mlir/IR/Dialect.h"

#include "Union/Dialect/Union/IR/UnionDialect.h.inc"

#endif // UNION_DIALECT_UNION_IR_UNIONDIALECT_H
