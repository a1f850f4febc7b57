//===- Evaluate.cpp - Cost union ops with a registered cost model ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/CostModel.h"
#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Dialect/Union/Transforms/Passes.h"

#include "llvm/ADT/StringExtras.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONEVALUATE
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {
struct EvaluatePass : mlir::union_::impl::UnionEvaluateBase<EvaluatePass> {
  using Base::Base;

  void runOnOperation() override {
    registerBuiltinCostModels();
    const CostModel *model = lookupCostModel(costModel);
    if (!model) {
      emitError(getOperation()->getLoc(),
                "union-evaluate: unknown cost model '")
          << costModel
          << "' (available: " << llvm::join(getCostModelNames(), ", ") << ")";
      return signalPassFailure();
    }
    bool failedAny = false;
    getOperation()->walk([&](ComputeOp op) {
      std::string why;
      if (!model->canEvaluate(op, why)) {
        if (remarks)
          emitRemark(op.getLoc(), "not evaluated: ") << why;
        return;
      }
      FailureOr<Cost> cost = model->evaluate(op);
      if (failed(cost)) {
        failedAny = true;
        return;
      }
      op.setCostAttr(cost->toAttr(&getContext(), model->getName()));
    });
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
