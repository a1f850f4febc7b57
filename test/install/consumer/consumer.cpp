//===- consumer.cpp - A downstream driver linking the installed Union -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A downstream compiler: it registers Union with a cost model and a mapper
// of its own (built without RTTI), parses a union op and runs union-search
// with its own plug-ins through a pass manager.
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Dialect/Union/Transforms/Passes.h"
#include "Union/Pipeline/Registration.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

/// Cycles: the product of the temporal factors; energy: one pJ a MAC.
class StepEvaluator : public MappingEvaluator {
public:
  llvm::Error checkConformable(const MapPoint &) const override {
    return llvm::Error::success();
  }
  llvm::Expected<Cost> evaluate(const MapPoint &point) const override {
    Cost cost;
    cost.cycles = 1;
    cost.macs = 1;
    for (unsigned l = 0; l < point.temporal.size(); ++l)
      for (unsigned d = 0; d < point.temporal[l].size(); ++d) {
        cost.cycles *= point.temporal[l][d];
        cost.macs *= point.temporal[l][d] * point.spatial[l][d];
      }
    cost.energy = double(cost.macs);
    return cost;
  }
};

class StepModel : public CostModel {
public:
  llvm::StringRef getName() const override { return "consumer-steps"; }
  llvm::Error checkEvaluable(MappableOpInterface) const override {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "it costs mappings only");
  }
  FailureOr<Cost> evaluate(MappableOpInterface op) const override {
    return op.emitError("consumer-steps costs mappings only");
  }
  llvm::Expected<std::unique_ptr<MappingEvaluator>>
  getMappingEvaluator(MappableOpInterface, const SpaceProblem &,
                      const std::vector<SpaceLevel> &) const override {
    return std::unique_ptr<MappingEvaluator>(std::make_unique<StepEvaluator>());
  }
};

/// Costs the first point of the space only.
class FirstPointMapper : public Mapper {
public:
  llvm::StringRef getName() const override { return "consumer-first"; }
  llvm::StringRef getDescription() const override {
    return "the first mapping of the space";
  }
  SearchResult search(const ConstrainedMapSpace &space,
                      const MappingEvaluator &evaluator,
                      const SearchOptions &options) const override {
    SearchResult result;
    MapPoint point = space.point(0);
    llvm::Expected<Cost> cost = evaluator.evaluate(point);
    if (!cost) {
      result.stats.rejected[llvm::toString(cost.takeError())] += 1;
      return result;
    }
    result.stats.evaluated = 1;
    result.best.push_back({point, hashPoint(point), *cost,
                           getObjectiveValue(options.objective, *cost)});
    return result;
  }
};

} // namespace

int main() {
  DialectRegistry registry;
  llvm::Error registered =
      registerUnion(registry, [](PluginRegistry &plugins) -> llvm::Error {
        if (llvm::Error e = plugins.costModels.add(
                "consumer-steps", "temporal steps",
                [](llvm::StringRef)
                    -> llvm::Expected<std::unique_ptr<CostModel>> {
                  return std::make_unique<StepModel>();
                }))
          return e;
        return plugins.mappers.add(
            "consumer-first", "first point",
            [](llvm::StringRef) -> llvm::Expected<std::unique_ptr<Mapper>> {
              return std::make_unique<FirstPointMapper>();
            });
      });
  if (registered) {
    llvm::errs() << "consumer: " << llvm::toString(std::move(registered))
                 << "\n";
    return 1;
  }
  MLIRContext context(registry);
  const char *source = R"mlir(
    union.compute "fc" : () -> () attributes {problem = #union.problem<
      dims = [m = 4, n = 2, k = 8],
      tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
                 C[m, n] : readwrite bits = 16]>,
      arch = #union.arch<name = "tiny", levels = [
        #union.storage<name = "DRAM">, #union.network<name = "N", fanout = 4>,
        #union.storage<name = "L1">,
        #union.compute<name = "MAC", vector_width = 1>]>} {}
  )mlir";
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &context);
  if (!module) {
    llvm::errs() << "consumer: failed to parse the union op\n";
    return 1;
  }
  PassManager pm(&context);
  UnionSearchOptions options;
  options.mapper = "consumer-first";
  options.costModel = "consumer-steps";
  pm.addPass(createUnionSearch(options));
  if (failed(pm.run(*module))) {
    llvm::errs() << "consumer: union-search failed\n";
    return 1;
  }
  unsigned ops = 0;
  module->walk([&](ComputeOp op) {
    ++ops;
    CostAttr cost = op.getCostAttr();
    llvm::outs() << "searched union.compute '" << *op.getLabel() << "' ("
                 << op.getProblemAttr().getMacs() << " MACs) with "
                 << (cost ? cost.getModel() : "no cost model") << ": "
                 << (cost ? cost.getCycles() : 0) << " cycles\n";
  });
  return ops == 1 ? 0 : 1;
}
