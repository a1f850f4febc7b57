//===- UnionToLinalg.cpp - Inline union.compute bodies --------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Conversion/Passes.h"
#include "Union/Dialect/Union/IR/UnionOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_CONVERTUNIONTOLINALG
#include "Union/Conversion/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {
struct ConvertUnionToLinalgPass
    : mlir::union_::impl::ConvertUnionToLinalgBase<ConvertUnionToLinalgPass> {
  void runOnOperation() override {
    SmallVector<ComputeOp> ops;
    getOperation()->walk([&](ComputeOp op) { ops.push_back(op); });
    for (ComputeOp op : ops) {
      if (op.getBody().empty()) {
        op.emitOpError("has no body to restore (it was not made from a "
                       "computation, e.g. imported from a MAESTRO file)");
        return signalPassFailure();
      }
      Block &block = op.getBody().front();
      IRMapping mapping;
      for (auto [argument, operand] :
           llvm::zip(block.getArguments(), op.getArgs()))
        mapping.map(argument, operand);
      OpBuilder builder(op);
      for (Operation &inner : block.without_terminator())
        builder.clone(inner, mapping);
      auto yield = cast<YieldOp>(block.getTerminator());
      SmallVector<Value> results;
      for (Value value : yield.getValues())
        results.push_back(mapping.lookupOrDefault(value));
      op->replaceAllUsesWith(results);
      op->erase();
    }
  }
};
} // namespace
