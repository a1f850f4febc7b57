//===- MappableOpInterface.cpp - Ops Union can map ------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/MappableOpInterface.h"

#include "Union/Dialect/Union/IR/MappableOpInterface.cpp.inc"

std::string mlir::union_::getOpLabel(MappableOpInterface op,
                                     llvm::StringRef fallback) {
  std::optional<llvm::StringRef> label = op.getLabel();
  return (label ? *label : fallback).str();
}
