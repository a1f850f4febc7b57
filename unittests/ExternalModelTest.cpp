//===- ExternalModelTest.cpp - Mapping an op that is not Union's ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A compiler maps its own ops by attaching MappableOpInterface as an
// external model. Here linalg.matmul gets one (problem from its operand
// shapes, the rest in discardable attributes) and the pruning passes and
// union-search run on it directly, without union.compute.
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/MappableOpInterface.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Dialect/Union/Transforms/Passes.h"
#include "Union/Pipeline/Registration.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

struct MatmulMappable
    : public MappableOpInterface::ExternalModel<MatmulMappable,
                                                linalg::MatmulOp> {
  /// C[m][n] += A[m][k] * B[k][n], sized by the operands.
  ProblemAttr getProblemAttr(Operation *op) const {
    auto a = cast<ShapedType>(op->getOperand(0).getType());
    auto b = cast<ShapedType>(op->getOperand(1).getType());
    std::string text =
        "#union.problem<dims = [m = " + std::to_string(a.getDimSize(0)) +
        ", n = " + std::to_string(b.getDimSize(1)) +
        ", k = " + std::to_string(a.getDimSize(1)) +
        "], tensors = [A[m, k] : read bits = 16, B[k, n] : "
        "read bits = 16, C[m, n] : readwrite bits = 16]>";
    return cast<ProblemAttr>(parseAttribute(text, op->getContext()));
  }
  ArchitectureAttr getArchAttr(Operation *op) const {
    return op->getAttrOfType<ArchitectureAttr>("union.arch");
  }
  void setArchAttr(Operation *op, ArchitectureAttr arch) const {
    set(op, "union.arch", arch);
  }
  MappingAttr getMappingAttr(Operation *op) const {
    return op->getAttrOfType<MappingAttr>("union.mapping");
  }
  void setMappingAttr(Operation *op, MappingAttr mapping) const {
    set(op, "union.mapping", mapping);
  }
  DataflowAttr getDataflowAttr(Operation *) const { return {}; }
  CostAttr getCostAttr(Operation *op) const {
    return op->getAttrOfType<CostAttr>("union.cost");
  }
  void setCostAttr(Operation *op, CostAttr cost) const {
    set(op, "union.cost", cost);
  }
  std::optional<StringRef> getLabel(Operation *) const { return "matmul"; }

  static void set(Operation *op, StringRef name, Attribute value) {
    if (value)
      op->setAttr(name, value);
    else
      op->removeAttr(name);
  }
};

TEST(ExternalModel, PruneAndSearchALinalgMatmul) {
  DialectRegistry registry;
  registry.insert<func::FuncDialect, linalg::LinalgDialect,
                  tensor::TensorDialect>();
  ASSERT_FALSE(llvm::errorToBool(registerUnion(registry)));
  registry.addExtension(+[](MLIRContext *context, linalg::LinalgDialect *) {
    linalg::MatmulOp::attachInterface<MatmulMappable>(*context);
  });
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // A MAESTRO-style design: DRAM, an L2, 4 PEs with an L1 each.
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(
      R"mlir(
    func.func @f(%a: tensor<8x16xf32>, %b: tensor<16x4xf32>,
                 %c: tensor<8x4xf32>) -> tensor<8x4xf32> {
      %r = linalg.matmul {union.arch = #union.arch<name = "tiny", levels = [
             #union.storage<name = "DRAM">,
             #union.storage<name = "L2", capacity = 262144>,
             #union.network<name = "NoC", fanout = 4, bandwidth = 64.0,
                            latency = 1>,
             #union.storage<name = "L1", capacity = 1024>,
             #union.compute<name = "MAC">]>}
           ins(%a, %b : tensor<8x16xf32>, tensor<16x4xf32>)
           outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
      return %r : tensor<8x4xf32>
    })mlir",
      &context);
  ASSERT_TRUE(module);

  PassManager pm(&context);
  pm.addPass(createUnionPruneHardware());
  pm.addPass(createUnionPruneWorkload());
  UnionSearchOptions search;
  search.mapper = "exhaustive";
  search.objective = "latency";
  search.budget = 0;
  pm.addPass(createUnionSearch(search));
  ASSERT_TRUE(succeeded(pm.run(*module)));

  unsigned found = 0;
  module->walk([&](linalg::MatmulOp matmul) {
    ++found;
    auto op = cast<MappableOpInterface>(matmul.getOperation());
    EXPECT_EQ(getOpLabel(op), "matmul");
    // The pruning passes recorded their constraints on the op.
    EXPECT_TRUE(matmul->hasAttr("union.constraints"));
    ASSERT_TRUE(op.getMappingAttr());
    CostAttr cost = op.getCostAttr();
    ASSERT_TRUE(cost);
    EXPECT_EQ(cost.getModel(), "maestro");
    // 8 * 4 * 16 MACs, by hand.
    EXPECT_EQ(cost.getMacs(), 512);
    // The best latency spreads the work over all 4 PEs: 512 / 4 cycles at
    // best, so the search's best cannot be slower than one PE doing it all.
    EXPECT_GE(cost.getCycles(), 128);
    EXPECT_LT(cost.getCycles(), 512);
  });
  EXPECT_EQ(found, 1u);
}

} // namespace
