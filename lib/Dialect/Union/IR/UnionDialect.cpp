//===- UnionDialect.cpp - Union dialect -----------------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/IR/UnionOps.h"

using namespace mlir;
using namespace mlir::union_;

#include "Union/Dialect/Union/IR/UnionDialect.cpp.inc"

void UnionDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "Union/Dialect/Union/IR/UnionOps.cpp.inc"
      >();
}
