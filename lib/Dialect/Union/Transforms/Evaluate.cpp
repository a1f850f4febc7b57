//===- Evaluate.cpp - Cost union ops with a registered cost model ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/CostModel.h"
#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"
#include "Union/Dialect/Union/Transforms/Passes.h"
#include "Union/Dialect/Union/Transforms/PluginSupport.h"

#include "llvm/ADT/StringExtras.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONEVALUATE
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {
/// Sets the op's cost and adds it to its costs by model.
void recordCost(MappableOpInterface op, CostAttr cost) {
  op.setCostAttr(cost);
  NamedAttrList costs;
  if (auto existing = op->getAttrOfType<DictionaryAttr>(kCostsAttrName))
    costs.append(existing.getValue());
  costs.set(cost.getModel(), cost);
  op->setAttr(kCostsAttrName, costs.getDictionary(op->getContext()));
}

struct EvaluatePass : mlir::union_::impl::UnionEvaluateBase<EvaluatePass> {
  using Base::Base;

  LogicalResult evaluateMapping(MappableOpInterface op,
                                const CostModel *model) {
    FailureOr<OpSpace> space = getOpSpace(op);
    if (failed(space))
      return failure();
    auto evaluator =
        model->getMappingEvaluator(op, space->problem, space->levels);
    if (!evaluator)
      return op.emitError("union-evaluate: cost model '")
             << model->getName() << "' cannot cost this op: "
             << llvm::toString(evaluator.takeError());
    llvm::Expected<MapPoint> point =
        getMapPoint(op.getMappingAttr(), space->problem, space->levels);
    if (!point)
      return op.emitError("union-evaluate: ")
             << llvm::toString(point.takeError());
    llvm::Expected<Cost> cost = (*evaluator)->evaluate(*point);
    if (!cost) {
      auto [kind, reason] = takeCostError(cost.takeError());
      return op.emitError("union-evaluate: cost model '")
             << model->getName() << "' cannot cost the mapping ("
             << stringifyCostFailureKind(kind) << "): " << reason;
    }
    recordCost(op, cost->toAttr(&getContext(), model->getName()));
    return success();
  }

  void runOnOperation() override {
    FailureOr<std::unique_ptr<CostModel>> created = createCostModel(
        getOperation(), "union-evaluate", costModel, costModelOptions);
    if (failed(created))
      return signalPassFailure();
    const CostModel *model = created->get();
    bool failedAny = false;
    getOperation()->walk([&](MappableOpInterface op) {
      // A loop-centric mapping is costed through the model's mapping
      // evaluator.
      if (op.getMappingAttr() && !op.getDataflowAttr() && op.getArchAttr()) {
        if (failed(evaluateMapping(op, model)))
          failedAny = true;
        return;
      }
      if (llvm::Error e = model->checkEvaluable(op)) {
        std::string why = llvm::toString(std::move(e));
        if (remarks)
          emitRemark(op.getLoc(), "not evaluated: ") << why;
        return;
      }
      FailureOr<Cost> cost = model->evaluate(op);
      if (failed(cost)) {
        failedAny = true;
        return;
      }
      recordCost(op, cost->toAttr(&getContext(), model->getName()));
    });
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
