//===- MaestroMappingTest.cpp - Mappings costed through MAESTRO -----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A loop-centric mapping translates into MAESTRO directives and costs what
// MAESTRO itself prints for the equivalent dataflow. Expected figures are
// the real MAESTRO outputs of two curated reference cases
// (test/Maestro/Inputs/curated-cases/<case>/stdout.txt, copied from
// ../shared/reference/maestro): MAESTRO run with 256 PEs, NoC bandwidth 64,
// L1 1024, L2 262144 words, off-chip bandwidth 64, 1 hop of latency 1.
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/MaestroMapping.h"
#include "Union/CostModel/CostModel.h"
#include "Union/CostModel/MaestroCostModel.h"
#include "Union/Dialect/Union/IR/ArchitectureConversion.h"
#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <map>

using namespace mlir;
using namespace mlir::union_;

namespace {

const char *kArch = R"mlir(#union.arch<name = "maestro-ref", levels = [
    #union.storage<name = "DRAM", read_bandwidth = 64.0>,
    #union.storage<name = "L2", capacity = 262144, read_energy = 18.5,
                   write_energy = 20.0>,
    #union.network<name = "NoC", fanout = 256, bandwidth = 64.0, latency = 1>,
    #union.storage<name = "L1", capacity = 1024, read_energy = 1.5,
                   write_energy = 2.0>,
    #union.compute<name = "MAC", mac_energy = 0.5>]>)mlir";

struct Fixture {
  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  ComputeOp op;
  OpSpace space;
  std::unique_ptr<MappingEvaluator> evaluator;

  explicit Fixture(const std::string &problem) {
    context.loadDialect<UnionDialect>();
    module = parseSourceString<ModuleOp>(
        "union.compute \"layer\" : () -> () attributes {arch = " +
            std::string(kArch) + ", problem = " + problem + "} {}",
        &context);
    op = *module->getOps<ComputeOp>().begin();
    space = *getOpSpace(op);
    auto created = cantFail(createMaestroCostModel(""))
                       ->getMappingEvaluator(op, space.problem, space.levels);
    EXPECT_TRUE(bool(created)) << llvm::toString(created.takeError());
    evaluator = std::move(*created);
  }

  /// A point from a mapping attribute.
  MapPoint point(const std::string &mapping) {
    auto attr = cast<MappingAttr>(parseAttribute(mapping, &context));
    llvm::Expected<MapPoint> p = getMapPoint(attr, space.problem, space.levels);
    EXPECT_TRUE(bool(p)) << llvm::toString(p.takeError());
    return *p;
  }

  std::string directives(const MapPoint &p, int64_t &numPes) {
    MaestroShape shape = cantFail(getMaestroShape(op));
    llvm::Expected<MaestroDataflow> dataflow =
        translateToMaestro(shape, space.problem, space.levels, 1, p);
    EXPECT_TRUE(bool(dataflow)) << llvm::toString(dataflow.takeError());
    numPes = dataflow->numPes;
    std::string text;
    for (const maestro::Directive &d : dataflow->directives)
      text += maestro::describeDirective(d) + "; ";
    return text;
  }
};

TEST(MaestroMapping, ConvolutionWithSlidingWindows) {
  // vgg16_conv3_2__kp_1lv__hw256: K across the PEs, C in tiles of 16, one
  // output pixel (a 3x3 input window) per PE and step.
  Fixture f("#union.problem<dims = [k = 256, c = 256, r = 3, s = 3, p = 54, "
            "q = 54], tensors = [input[c, p + r, q + s] : read bits = 16, "
            "weight[k, c, r, s] : read bits = 16, output[k, p, q] : "
            "readwrite bits = 16]>");
  MapPoint p = f.point("#union.mapping<[L2 [c=16, p=54, q=54, spatial "
                       "k=256], L1 [c=16, r=3, s=3]]>");
  int64_t numPes = 0;
  EXPECT_EQ(f.directives(p, numPes),
            "TemporalMap(16,16) C; TemporalMap(3,1) Y; TemporalMap(3,1) X; "
            "SpatialMap(1,1) K; TemporalMap(3,3) R; TemporalMap(3,3) S; ");
  EXPECT_EQ(numPes, 256);
  llvm::Expected<Cost> evaluated = f.evaluator->evaluate(p);
  ASSERT_TRUE(bool(evaluated)) << llvm::toString(evaluated.takeError());
  Cost cost = *evaluated;
  EXPECT_EQ(cost.cycles, 26967328); // MAESTRO: "Runtime: 26967328 cycles"
  EXPECT_EQ(cost.macs, 1719926784); // "Num MACs: 1719926784"
  std::map<std::string, double> figures(cost.breakdown.begin(),
                                        cost.breakdown.end());
  // "L2 buffer read" of input, filter and output.
  EXPECT_EQ(figures["l2_read"], 2322432 + 589824 + 746496);
  // "L1 buffer read" is 1719926784 for each of the three tensors.
  EXPECT_EQ(figures["l1_read"], 3.0 * 1719926784);
  EXPECT_EQ(figures["l2_size_req"], 74528); // "Total L2 buffer requirement"
  EXPECT_EQ(figures["l1_size_req"], 594);   // "Total L1 buffer requirement"
  // Energy: MAESTRO's access counts times the architecture's energies
  // (L2 writes 802816 + 589824 + 11943936, L1 writes 2322432 + 589824 +
  // 1719926784, from the same stdout).
  double energy = (2322432.0 + 589824 + 746496) * 18.5 +
                  (802816.0 + 589824 + 11943936) * 20.0 +
                  3.0 * 1719926784 * 1.5 +
                  (2322432.0 + 589824 + 1719926784) * 2.0 + 1719926784 * 0.5;
  EXPECT_DOUBLE_EQ(cost.energy, energy);
}

TEST(MaestroMapping, TwoSpatialDimsBecomeACluster) {
  // bert_q_proj__gemm_mn__hw256: M over 16 clusters, N over the 16 PEs of
  // each, K in tiles of 32.
  Fixture f("#union.problem<dims = [m = 128, n = 768, k = 768], tensors = "
            "[A[m, k] : read bits = 16, B[k, n] : read bits = 16, C[m, n] : "
            "readwrite bits = 16]>");
  MapPoint p = f.point("#union.mapping<[L2 [m=8, n=48, k=24, spatial m=16, "
                       "spatial n=16], L1 [k=32]]>");
  int64_t numPes = 0;
  EXPECT_EQ(f.directives(p, numPes),
            "SpatialMap(1,1) M; TemporalMap(16,16) N; TemporalMap(32,32) K; "
            "Cluster(16); SpatialMap(1,1) N; TemporalMap(1,1) M; "
            "TemporalMap(32,32) K; ");
  EXPECT_EQ(numPes, 256);
  llvm::Expected<Cost> evaluated = f.evaluator->evaluate(p);
  ASSERT_TRUE(bool(evaluated)) << llvm::toString(evaluated.takeError());
  Cost cost = *evaluated;
  EXPECT_EQ(cost.cycles, 377872); // MAESTRO: "Runtime: 377872 cycles"
  std::map<std::string, double> figures(cost.breakdown.begin(),
                                        cost.breakdown.end());
  // "L2 buffer read" of input, filter and output.
  EXPECT_EQ(figures["l2_read"], 4526080 + 4715008 + 98304);
  EXPECT_EQ(figures["l2_size_req"], 2560); // "Total L2 buffer requirement"
  EXPECT_EQ(figures["l1_size_req"], 130);  // "Total L1 buffer requirement"
}

TEST(MaestroMapping, ABatchRunsItsGemmsOneAfterAnother) {
  Fixture single("#union.problem<dims = [m = 32, n = 64, k = 16], tensors = "
                 "[A[m, k] : read bits = 16, B[k, n] : read bits = 16, "
                 "C[m, n] : readwrite bits = 16]>");
  Fixture batched("#union.problem<dims = [b = 12, m = 32, n = 64, k = 16], "
                  "tensors = [A[b, m, k] : read bits = 16, B[b, k, n] : "
                  "read bits = 16, C[b, m, n] : readwrite bits = 16]>");
  Cost one = cantFail(single.evaluator->evaluate(
      single.point("#union.mapping<[L2 [k=2, spatial m=16, spatial n=16], "
                   "L1 [m=2, n=4, k=8]]>")));
  Cost twelve = cantFail(batched.evaluator->evaluate(
      batched.point("#union.mapping<[DRAM [b=12], L2 [k=2, spatial m=16, "
                    "spatial n=16], L1 [m=2, n=4, k=8]]>")));
  EXPECT_EQ(twelve.cycles, 12 * one.cycles);
  EXPECT_EQ(twelve.macs, 12 * one.macs);
  EXPECT_DOUBLE_EQ(twelve.energy, 12 * one.energy);
  EXPECT_EQ(twelve.macs, 12 * 32 * 64 * 16);
  // The batch inside the accelerator has no MAESTRO dataflow.
  EXPECT_EQ(llvm::toString(batched.evaluator->checkConformable(
                batched.point("#union.mapping<[L2 [b=12, k=2, spatial m=16, "
                              "spatial n=16], L1 [m=2, n=4, k=8]]>"))),
            "batch dim 'b' loops below the outermost level; MAESTRO "
            "costs one GEMM of the batch at a time");
}

TEST(MaestroMapping, SaysWhyAMappingIsNotConformable) {
  Fixture f("#union.problem<dims = [m = 16, n = 16, k = 16], tensors = "
            "[A[m, k] : read bits = 16, B[k, n] : read bits = 16, C[m, n] : "
            "readwrite bits = 16]>");
  EXPECT_EQ(llvm::toString(f.evaluator->checkConformable(f.point(
                "#union.mapping<[DRAM [k=2], L2 [k=2, spatial m=16]]>"))),
            "dim 'k' has temporal loops at 'DRAM' and 'L2'; a MAESTRO "
            "dataflow has one loop per dim and cluster level");
  EXPECT_EQ(llvm::toString(f.evaluator->checkConformable(
                f.point("#union.mapping<[L2 [spatial m=4, spatial n=4, spatial "
                        "k=4]]>"))),
            "spatial loops over 3 dims below 'L2'; MAESTRO spreads at "
            "most two (one per cluster level)");
  llvm::Expected<Cost> cost = f.evaluator->evaluate(
      f.point("#union.mapping<[DRAM [k=2], L2 [k=2, spatial m=16]]>"));
  ASSERT_FALSE(bool(cost));
  EXPECT_EQ(takeCostError(cost.takeError()).first,
            CostFailureKind::NotConformable);
  EXPECT_FALSE(llvm::errorToBool(f.evaluator->checkConformable(
      f.point("#union.mapping<[DRAM [k=4], L2 [spatial m=16], L1 [n=16]]>"))));
}

} // namespace
