//===- CostModelTest.cpp - Plugging a cost model into Union ---------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A new cost model is one class and one registration: this "roofline"
// model (cycles = MACs / peak MACs per cycle) is found by name and costs
// an op through the same interface the passes use.
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/CostModel.h"
#include "Union/Arch/ArchitectureSpec.h"
#include "Union/Dialect/Union/IR/ArchitectureConversion.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

/// Mappings cost one cycle per step of their temporal loops (every
/// spatial instance works in parallel).
class RooflineEvaluator : public MappingEvaluator {
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
    return cost;
  }
};

class RooflineModel : public CostModel {
public:
  llvm::StringRef getName() const override { return "test-roofline"; }
  llvm::Error checkEvaluable(MappableOpInterface op) const override {
    if (op.getArchAttr())
      return llvm::Error::success();
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "no architecture");
  }
  FailureOr<Cost> evaluate(MappableOpInterface op) const override {
    ArchitectureSpec arch = getArchitectureSpec(op.getArchAttr());
    int64_t peak = arch.getNumComputeUnits() * arch.levels.back().vectorWidth;
    Cost cost;
    cost.macs = op.getProblemAttr().getMacs();
    cost.cycles = (cost.macs + peak - 1) / peak;
    cost.utilization = 1.0;
    return cost;
  }
  llvm::Expected<std::unique_ptr<MappingEvaluator>>
  getMappingEvaluator(MappableOpInterface, const SpaceProblem &,
                      const std::vector<SpaceLevel> &) const override {
    return std::unique_ptr<MappingEvaluator>(
        std::make_unique<RooflineEvaluator>());
  }
};

llvm::Expected<std::unique_ptr<CostModel>>
createRooflineModel(llvm::StringRef options) {
  auto parsed = parsePluginOptions(options, {}, "cost model 'test-roofline'");
  if (!parsed)
    return parsed.takeError();
  return std::make_unique<RooflineModel>();
}

TEST(CostModel, RegistryNamesAndOptions) {
  CostModelRegistry registry;
  ASSERT_FALSE(llvm::errorToBool(registerBuiltinCostModels(registry)));
  ASSERT_FALSE(llvm::errorToBool(
      registry.add("test-roofline", "a roofline", createRooflineModel)));
  // A second model under a taken name is an error, not a replacement.
  llvm::Error duplicate =
      registry.add("maestro", "another maestro", createRooflineModel);
  ASSERT_TRUE(bool(duplicate));
  EXPECT_EQ(llvm::toString(std::move(duplicate)),
            "a cost model named 'maestro' is already registered");
  EXPECT_EQ(registry.getNames(),
            (std::vector<std::string>{"loopnest", "maestro", "test-roofline",
                                      "timeloop"}));
  auto unknown = registry.create("nothing");
  ASSERT_FALSE(bool(unknown));
  EXPECT_EQ(llvm::toString(unknown.takeError()),
            "unknown cost model 'nothing' (available: loopnest, maestro, "
            "test-roofline, timeloop)");
  auto badOption = registry.create("test-roofline", "speed=2");
  ASSERT_FALSE(bool(badOption));
  EXPECT_EQ(llvm::toString(badOption.takeError()),
            "cost model 'test-roofline': unknown option 'speed' (it takes "
            "none)");
  auto timeloop = registry.create("timeloop", "timeout=0");
  ASSERT_FALSE(bool(timeloop));
  EXPECT_EQ(llvm::toString(timeloop.takeError()),
            "cost model 'timeloop': timeout must be a positive number of "
            "seconds, got '0'");
}

TEST(CostModel, OneClassAndOneRegistration) {
  CostModelRegistry registry;
  ASSERT_FALSE(llvm::errorToBool(
      registry.add("test-roofline", "a roofline", createRooflineModel)));
  auto created = registry.create("test-roofline");
  ASSERT_TRUE(bool(created));
  const CostModel *model = created->get();

  MLIRContext context;
  context.loadDialect<UnionDialect>();
  // A 64x64x64 GEMM on 4 x 2-wide units: 262144 / 8 = 32768 cycles.
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(
      R"mlir(union.compute "mm" : () -> () attributes {
        problem = #union.problem<dims = [m = 64, n = 64, k = 64],
          tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
                     C[m, n] : readwrite bits = 16]>,
        arch = #union.arch<name = "tiny", levels = [
          #union.storage<name = "DRAM">, #union.network<name = "N", fanout = 4>,
          #union.storage<name = "L1">,
          #union.compute<name = "MAC", vector_width = 2>]>} {})mlir",
      &context);
  ASSERT_TRUE(module);
  ComputeOp op = *module->getOps<ComputeOp>().begin();
  ASSERT_FALSE(llvm::errorToBool(model->checkEvaluable(op)));
  FailureOr<Cost> cost = model->evaluate(op);
  ASSERT_TRUE(succeeded(cost));
  EXPECT_EQ(cost->macs, 262144);
  EXPECT_EQ(cost->cycles, 32768);
  CostAttr attr = cost->toAttr(&context, model->getName());
  EXPECT_EQ(attr.getModel(), "test-roofline");
  EXPECT_EQ(attr.getCycles(), 32768);

  // Its mapping evaluator: m over 4 units x n over 2 lanes leaves
  // 64 * 64 * 64 / 8 = 32768 temporal steps.
  std::unique_ptr<MappingEvaluator> evaluator =
      cantFail(model->getMappingEvaluator(op, {}, {}));
  MapPoint point;
  point.temporal = {{16, 32, 64}, {1, 1, 1}};
  point.spatial = {{4, 1, 1}, {1, 2, 1}};
  Cost mappingCost = cantFail(evaluator->evaluate(point));
  EXPECT_EQ(mappingCost.cycles, 32768);
  EXPECT_EQ(mappingCost.macs, 262144);
}

} // namespace
