//===- MaestroEngineTest.cpp - The MAESTRO engine on the spec's examples --===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Worked examples A and B of docs/MaestroModel.md §12, checked value by
// value: the normalised levels, the tile tables, every case and the
// results. The figures are the specification's hand derivations (which it
// states equal MAESTRO's own output).
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroEngine.h"
#include "Union/Engine/Maestro/MaestroParser.h"

#include "gtest/gtest.h"

using namespace mlir::union_::maestro;

namespace {

Network parse(llvm::StringRef text) {
  auto network = parseMappingFile(text, "test.m");
  EXPECT_TRUE(bool(network)) << llvm::toString(network.takeError());
  return network ? *network : Network();
}

std::string directives(const AnalysisTrace::Level &level) {
  std::string text;
  for (const Directive &d : level.directives)
    text += (text.empty() ? "" : ", ") + describeDirective(d);
  return text;
}

const AnalysisTrace::Tile *tile(const AnalysisTrace::Level &level, Dim dim) {
  for (const AnalysisTrace::Tile &t : level.tiles)
    if (t.dim == dim)
      return &t;
  return nullptr;
}

#define EXPECT_TILE(level, dim, M, U, ME, UE)                                  \
  do {                                                                         \
    const AnalysisTrace::Tile *t = tile(level, dim);                           \
    ASSERT_NE(t, nullptr) << getDimName(dim);                                  \
    EXPECT_EQ(std::vector<int64_t>({t->m, t->u, t->me, t->ue}),                \
              std::vector<int64_t>({M, U, ME, UE}))                            \
        << getDimName(dim);                                                    \
  } while (false)

struct CaseRow {
  const char *states;
  int64_t occurrences;
  int changing;
  int64_t ingressInput, ingressFilter, egress, macs, firstMacs, compute,
      delayIn, delayOut, delay;
};

void expectCase(const AnalysisTrace::Case &c, const CaseRow &row) {
  EXPECT_EQ(c.states, row.states);
  EXPECT_EQ(c.occurrences, row.occurrences) << row.states;
  EXPECT_EQ(c.changing, row.changing) << row.states;
  EXPECT_EQ(c.ingressInput, row.ingressInput) << row.states;
  EXPECT_EQ(c.ingressFilter, row.ingressFilter) << row.states;
  EXPECT_EQ(c.egress, row.egress) << row.states;
  EXPECT_EQ(c.macs, row.macs) << row.states;
  EXPECT_EQ(c.firstMacs, row.firstMacs) << row.states;
  EXPECT_TRUE(c.valid) << row.states;
  EXPECT_EQ(c.compute, row.compute) << row.states;
  EXPECT_EQ(c.delayIn, row.delayIn) << row.states;
  EXPECT_EQ(c.delayOut, row.delayOut) << row.states;
  EXPECT_EQ(c.delay, row.delay) << row.states;
}

// §12.1: a small CONV layer with a 2-level dataflow, traced in full.
TEST(MaestroEngine, WorkedExampleA) {
  Network network = parse(R"(
Network A {
  Layer CONV1 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 4, C: 4, R: 3, S: 3, Y: 6, X: 6 }
    Dataflow {
      SpatialMap(1,1) K; TemporalMap(2,2) C; TemporalMap(3,3) R;
      TemporalMap(3,3) S; TemporalMap(3,1) Y; TemporalMap(3,1) X;
      Cluster(2, P);
      SpatialMap(1,1) C; TemporalMap(3,1) Y; TemporalMap(3,1) X;
      TemporalMap(3,3) R; TemporalMap(3,3) S;
    }
  }
})");
  ASSERT_EQ(network.layers.size(), 1u);
  Hardware hw;
  hw.numPes = 8;
  hw.nocBandwidth = 4;
  hw.offchipBandwidth = 100;
  hw.nocLatency = 1; // a HW file without NoC_NumHops
  hw.simdLanes = 1;
  AnalysisTrace trace;
  auto result = analyzeLayer(
      network.layers[0], TensorTable::get(LayerType::Conv, false), hw, &trace);
  ASSERT_TRUE(bool(result)) << llvm::toString(result.takeError());

  // Levels: P0 = 8 / 2 = 4 clusters of P1 = 2 PEs; K inherited at level 1.
  ASSERT_EQ(trace.levels.size(), 2u);
  const AnalysisTrace::Level &top = trace.levels[0], &inner = trace.levels[1];
  EXPECT_EQ(directives(top), "SpatialMap(1,1) K, TemporalMap(2,2) C, "
                             "TemporalMap(3,3) R, TemporalMap(3,3) S, "
                             "TemporalMap(3,1) Y, TemporalMap(3,1) X");
  EXPECT_EQ(directives(inner), "TemporalMap(1,1) K, SpatialMap(1,1) C, "
                               "TemporalMap(3,1) Y, TemporalMap(3,1) X, "
                               "TemporalMap(3,3) R, TemporalMap(3,3) S");
  EXPECT_EQ(top.subClusters, 4);
  EXPECT_EQ(inner.subClusters, 2);
  EXPECT_EQ(top.edgeSubClusters, 4);
  EXPECT_EQ(inner.edgeSubClusters, 2);

  // Tile tables (m, u, me, ue).
  EXPECT_TILE(top, K, 1, 1, 1, 0);
  EXPECT_TILE(top, C, 2, 2, 2, 0);
  EXPECT_TILE(top, R, 3, 0, 3, 0);
  EXPECT_TILE(top, S, 3, 0, 3, 0);
  EXPECT_TILE(top, Y, 3, 1, 3, 0);
  EXPECT_TILE(top, X, 3, 1, 3, 0);
  EXPECT_TILE(top, Yp, 1, 1, 1, 1);
  EXPECT_TILE(top, Xp, 1, 1, 1, 1);
  EXPECT_TILE(inner, K, 1, 0, 1, 0);
  EXPECT_TILE(inner, C, 1, 1, 1, 0);
  EXPECT_TILE(inner, Y, 3, 0, 3, 0);
  EXPECT_TILE(inner, X, 3, 0, 3, 0);
  EXPECT_TILE(inner, R, 3, 0, 3, 0);
  EXPECT_TILE(inner, Xp, 1, 1, 1, 1);

  // The first top case, then the single lower-level case it triggers, then
  // the other top cases (the lower level is memoized: same extents).
  ASSERT_EQ(trace.cases.size(), 9u);
  // Lower level: I = 18 + 18, Eg = 1, W = 18, n_ps = 9, comp 9, Δin 9.
  EXPECT_EQ(trace.cases[1].level, 1u);
  expectCase(trace.cases[1], {"IIIIII", 1, -1, 18, 18, 1, 18, 9, 9, 9, 1, 18});
  // Top cases: states of K, C, R, S, Y, X; c is the directive index
  // (C = 1, Y = 4, X = 5).
  const CaseRow rows[8] = {
      {"IIIIII", 1, -1, 18, 72, 4, 72, 18, 18, 23, 1, 41},
      {"ISIISS", 9, 5, 6, 0, 4, 72, 18, 18, 2, 1, 18},
      {"ISIISI", 3, 4, 18, 0, 4, 72, 18, 18, 5, 1, 18},
      {"ISIIIS", 3, 5, 6, 0, 4, 72, 18, 18, 2, 1, 18},
      {"ISIIII", 1, 1, 18, 72, 4, 72, 18, 18, 23, 1, 23},
      {"IIIISS", 9, 5, 6, 0, 4, 72, 18, 18, 2, 1, 18},
      {"IIIISI", 3, 4, 18, 0, 4, 72, 18, 18, 5, 1, 18},
      {"IIIIIS", 3, 5, 6, 0, 4, 72, 18, 18, 2, 1, 18},
  };
  expectCase(trace.cases[0], rows[0]);
  for (unsigned i = 1; i < 8; ++i) {
    EXPECT_EQ(trace.cases[i + 1].level, 0u);
    expectCase(trace.cases[i + 1], rows[i]);
  }

  // Results (§12.1 table).
  const LayerResult &r = *result;
  EXPECT_EQ(r.runtime, 604); // 41+162+54+54+23+162+54+54
  EXPECT_EQ(r.macs, 2304);   // 32 x 72
  auto expectTensor = [](const TensorFigures &f,
                         std::vector<int64_t> expected) {
    EXPECT_EQ(std::vector<int64_t>({f.l2SizeReq, f.l1SizeReq, f.l2Write,
                                    f.l2Read, f.l1Write, f.l1Read}),
              expected);
  };
  expectTensor(r.tensors[0], {36, 18, 144, 288, 288, 2304});
  expectTensor(r.tensors[1], {144, 18, 144, 144, 144, 2304});
  expectTensor(r.tensors[2], {8, 18, 128, 64, 2304, 2304});
  EXPECT_EQ(r.peakBandwidth, 5);
  EXPECT_DOUBLE_EQ((double)r.averageBandwidth, 0.75); // 24 / 32
  EXPECT_EQ(std::vector<int64_t>({r.ingressMin, r.ingressMax, r.ingressAvg}),
            std::vector<int64_t>({2, 23, 3}));
  EXPECT_EQ(std::vector<int64_t>({r.egressMin, r.egressMax, r.egressAvg}),
            std::vector<int64_t>({1, 1, 1}));
  EXPECT_EQ(std::vector<int64_t>({r.computeMin, r.computeMax, r.computeAvg}),
            std::vector<int64_t>({18, 18, 18}));
  EXPECT_DOUBLE_EQ((double)r.averageActivePes, 8.0);
  EXPECT_DOUBLE_EQ((double)r.arithmeticIntensity, 12.0); // 72 / 6
  EXPECT_EQ(r.offchipBandwidthReq, 5);
}

// §12.2: edges in a single-level dataflow.
TEST(MaestroEngine, WorkedExampleB) {
  Network network = parse(R"(
Network B {
  Layer FC {
    Type: CONV
    Dimensions { K: 5, C: 3, R: 1, S: 1, Y: 1, X: 1 }
    Dataflow { SpatialMap(1,1) K; TemporalMap(2,2) C; }
  }
})");
  ASSERT_EQ(network.layers.size(), 1u);
  Hardware hw;
  hw.numPes = 2;
  hw.nocBandwidth = 2;
  hw.nocLatency = 1;
  hw.offchipBandwidth = 1000;
  AnalysisTrace trace;
  auto result = analyzeLayer(
      network.layers[0], TensorTable::get(LayerType::Conv, false), hw, &trace);
  ASSERT_TRUE(bool(result)) << llvm::toString(result.takeError());
  ASSERT_EQ(trace.levels.size(), 1u);
  const AnalysisTrace::Level &level = trace.levels[0];
  // Completion appends R, S, X, Y in alphabetical order.
  EXPECT_EQ(directives(level), "SpatialMap(1,1) K, TemporalMap(2,2) C, "
                               "TemporalMap(1,1) R, TemporalMap(1,1) S, "
                               "TemporalMap(1,1) X, TemporalMap(1,1) Y");
  EXPECT_EQ(level.edgeSubClusters, 1);
  const AnalysisTrace::Tile *c = tile(level, C);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->m, 2);
  EXPECT_EQ(c->me, 1);
  EXPECT_EQ(c->u, 2);
  EXPECT_EQ(c->ue, 1);

  // The spec's table, plus Δout = 1 + ⌈Eg/2⌉ - 1 (1 for Eg of 1 or 2).
  const CaseRow rows[6] = {
      {"IIIIII", 1, -1, 2, 4, 2, 4, 2, 2, 3, 1, 5},
      {"SEIIII", 1, 1, 2, 4, 2, 2, 1, 1, 3, 1, 3},
      {"SIIIII", 1, 0, 0, 4, 2, 4, 2, 2, 2, 1, 2},
      {"EEIIII", 1, 1, 2, 2, 1, 1, 1, 1, 2, 1, 2},
      {"EIIIII", 1, 0, 0, 2, 1, 2, 2, 2, 1, 1, 2},
      {"IEIIII", 1, 1, 2, 4, 2, 2, 1, 1, 3, 1, 3},
  };
  ASSERT_EQ(trace.cases.size(), 6u);
  for (unsigned i = 0; i < 6; ++i)
    expectCase(trace.cases[i], rows[i]);

  const LayerResult &r = *result;
  EXPECT_EQ(r.runtime, 17);
  EXPECT_EQ(r.macs, 15); // 5 * 3
  EXPECT_EQ(r.tensors[0].l2Read, 8);
  EXPECT_EQ(r.tensors[1].l2Read, 20); // [Q9]: the true value is 15
  EXPECT_EQ(r.tensors[2].l2Write, 10);
  EXPECT_EQ(r.peakBandwidth, 6);
  EXPECT_NEAR((double)r.averageBandwidth, 22.0 / 6, 1e-12);
  EXPECT_NEAR((double)r.averageActivePes, 10.0 / 6, 1e-12);
  EXPECT_NEAR((double)r.arithmeticIntensity, 2.0 / 6, 1e-12);
  EXPECT_EQ(r.offchipBandwidthReq, 6);
  EXPECT_EQ(
      std::vector<int64_t>({r.tensors[0].l2SizeReq, r.tensors[1].l2SizeReq,
                            r.tensors[2].l2SizeReq}),
      std::vector<int64_t>({4, 8, 4}));
  EXPECT_EQ(
      std::vector<int64_t>({r.tensors[0].l1SizeReq, r.tensors[1].l1SizeReq,
                            r.tensors[2].l1SizeReq}),
      std::vector<int64_t>({4, 4, 2}));
}

TEST(MaestroEngine, RejectsBadHardwareWithoutCrashing) {
  Network network = parse(R"(
Network B {
  Layer FC {
    Type: GEMM
    Dimensions { M: 4, N: 4, K: 4 }
    Dataflow { SpatialMap(1,1) M; Cluster(8); SpatialMap(1,1) N; }
  }
})");
  Hardware hw;
  hw.numPes = 4; // fewer than the cluster size
  auto result = analyzeNetwork(network, hw);
  ASSERT_FALSE(bool(result));
  EXPECT_EQ(llvm::toString(result.takeError()),
            "layer FC: the Cluster sizes multiply to more than the 4 PEs");
  hw.numPes = 16;
  hw.nocBandwidth = 0;
  result = analyzeNetwork(network, hw);
  ASSERT_FALSE(bool(result));
  EXPECT_EQ(llvm::toString(result.takeError()),
            "noc_bw_cstr (NoC bandwidth) must be positive, got 0");
}

TEST(MaestroParser, ReportsFileLineAndColumn) {
  auto network = parseMappingFile("Network N {\n  Layer L {\n    Type: CONV\n"
                                  "    Dimensions { K: 0 }\n",
                                  "bad.m");
  ASSERT_FALSE(bool(network));
  EXPECT_EQ(llvm::toString(network.takeError()),
            "bad.m:4:18: layer L: dimension K must be between 1 and "
            "2147483647, got 0");
  network = parseMappingFile("Network N {\n  Layer L {\n", "cut.m");
  ASSERT_FALSE(bool(network));
  EXPECT_EQ(llvm::toString(network.takeError()),
            "cut.m:2:12: expected '}' to close layer L (end of file)");
}

TEST(MaestroParser, ReadsHardwareFiles) {
  Hardware hw;
  hw.simdLanes = 4;
  ASSERT_FALSE(bool(parseHardwareFile(
      "// comment\nnum_pes: 64\nnoc_bw_cstr: 8\n", "hw.m", hw)));
  EXPECT_EQ(hw.numPes, 64);
  EXPECT_EQ(hw.nocBandwidth, 8);
  EXPECT_EQ(hw.nocLatency, 1);             // the file's default
  EXPECT_EQ(hw.offchipBandwidth, INT_MAX); // the file's default
  EXPECT_EQ(hw.simdLanes, 4);              // kept from the command line
  llvm::Error e = parseHardwareFile("num_pes: 4\nbogus: 1\n", "hw.m", hw);
  EXPECT_EQ(llvm::toString(std::move(e)),
            "hw.m:2:1: unknown hardware key 'bogus' (expected num_pes, "
            "l1_size_cstr, l2_size_cstr, noc_bw_cstr, offchip_bw_cstr or "
            "NoC_NumHops)");
}

} // namespace
