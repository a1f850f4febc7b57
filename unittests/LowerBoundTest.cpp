//===- LowerBoundTest.cpp - Cost models' bounds for branch and bound ------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The exhaustive mapper skips a point whose lower bound cannot beat the
// best found; a bound above the point's cost would drop the optimum. On
// random points of real layers, every built-in model's bound is at most
// the cost the model then computes.
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/LoopNestCostModel.h"
#include "Union/CostModel/MaestroCostModel.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <random>

using namespace mlir;
using namespace mlir::union_;

namespace {

// A 3x3 convolution (stride 2) and a GEMM on a three-level array with a
// 2-D mesh and a vector MAC.
constexpr const char *kModule = R"mlir(
#arch = #union.arch<name = "bound", levels = [
  #union.storage<name = "DRAM", read_bandwidth = 8, read_energy = 200.0, write_energy = 200.0>,
  #union.storage<name = "L2", capacity = 16384, read_energy = 6.0, write_energy = 6.0>,
  #union.network<name = "NoC", fanout = 16, mesh_x = 4, bandwidth = 16.0>,
  #union.storage<name = "L1", capacity = 64, read_energy = 1.0, write_energy = 1.0>,
  #union.compute<name = "MAC", vector_width = 2, mac_energy = 1.0>]>
union.compute "conv" : () -> () attributes {arch = #arch,
  problem = #union.problem<dims = [K = 8, C = 4, P = 6, Q = 6, R = 3, S = 3],
    tensors = [I[C, P * 2 + R, Q * 2 + S] : read bits = 16,
               W[K, C, R, S] : read bits = 16,
               O[K, P, Q] : readwrite bits = 16]>} {}
union.compute "gemm" : () -> () attributes {arch = #arch,
  problem = #union.problem<dims = [M = 12, N = 8, K = 16],
    tensors = [A[M, K] : read bits = 16, B[K, N] : read bits = 16,
               C[M, N] : readwrite bits = 16]>} {}
)mlir";

TEST(LowerBound, NeverAboveTheCost) {
  MLIRContext context;
  context.loadDialect<UnionDialect>();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kModule, &context);
  ASSERT_TRUE(module);
  using Factory =
      llvm::Expected<std::unique_ptr<CostModel>> (*)(llvm::StringRef);
  for (auto [name, create] :
       {std::pair<const char *, Factory>{"loopnest", createLoopNestCostModel},
        {"maestro", createMaestroCostModel}}) {
    llvm::Expected<std::unique_ptr<CostModel>> model = create("");
    ASSERT_TRUE(bool(model)) << llvm::toString(model.takeError());
    for (ComputeOp op : module->getOps<ComputeOp>()) {
      SCOPED_TRACE(std::string(name) + " on " + op.getLabel()->str());
      FailureOr<OpSpace> space = getOpSpace(op);
      ASSERT_TRUE(succeeded(space));
      std::vector<Constraint> constraints =
          getHardwareConstraints(space->problem, space->levels);
      auto evaluator =
          (*model)->getMappingEvaluator(op, space->problem, space->levels);
      ASSERT_TRUE(bool(evaluator)) << llvm::toString(evaluator.takeError());
      for (const Constraint &c : (*evaluator)->getSearchConstraints())
        constraints.push_back(c);
      auto built = ConstrainedMapSpace::build(space->problem, space->levels,
                                              constraints);
      ASSERT_TRUE(bool(built)) << llvm::toString(built.takeError());
      std::mt19937_64 random(7);
      int costed = 0;
      // MAESTRO rejects some sampled points the space's capacity rule
      // lets through (its L1 output tile in input coordinates).
      for (int i = 0; i < 1000; ++i) {
        MapPoint point = (*built)->sample(random);
        llvm::Expected<Cost> cost = (*evaluator)->evaluate(point);
        if (!cost) {
          llvm::consumeError(cost.takeError());
          continue;
        }
        ++costed;
        std::optional<Cost> bound = (*evaluator)->getLowerBound(point);
        ASSERT_TRUE(bound.has_value());
        EXPECT_LE(bound->cycles, cost->cycles);
        EXPECT_LE(bound->energy, cost->energy * (1 + 1e-12));
      }
      EXPECT_GT(costed, 100);
    }
  }
}

} // namespace
