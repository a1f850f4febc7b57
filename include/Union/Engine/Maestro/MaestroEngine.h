//===- MaestroEngine.h - MAESTRO's data-centric cost model ------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Evaluates a layer under a data-centric dataflow on MAESTRO's hardware
// model and returns every figure MAESTRO reports (§9). It reproduces
// MAESTRO (commit 4eb08d1) exactly, quirks included; each quirk is marked
// with its number in docs/MaestroModel.md §11. Inputs on which MAESTRO
// crashes or prints nan are errors naming the layer and the directive.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_MAESTRO_MAESTROENGINE_H
#define UNION_COSTMODEL_MAESTRO_MAESTROENGINE_H

#include "Union/Engine/Maestro/MaestroModel.h"

#include "llvm/Support/Error.h"

namespace mlir::union_::maestro {

/// Per-tensor figures at the top level (§9.1).
struct TensorFigures {
  int64_t l2SizeReq = 0, l1SizeReq = 0;
  int64_t l2Write = 0, l2Read = 0, l1Write = 0, l1Read = 0;
};

/// Everything MAESTRO prints for one layer.
struct LayerResult {
  int64_t macs = 0;
  int64_t runtime = 0;
  std::array<TensorFigures, 3> tensors; ///< input, filter, output
  int64_t peakBandwidth = 0;
  long double averageBandwidth = 0;
  int64_t ingressMin = 0, ingressMax = 0, ingressAvg = 0;
  int64_t egressMin = 0, egressMax = 0, egressAvg = 0;
  int64_t computeMin = 0, computeMax = 0, computeAvg = 0;
  long double averageActivePes = 0;
  long double arithmeticIntensity = 0;
  int64_t offchipBandwidthReq = 0;
  unsigned clusterLevels = 1;
  /// A Union figure, not MAESTRO's: the runtime's cycles by what sets each
  /// top-level case's delay (§8.2 steps 6-9): the compute, the NoC
  /// (ingress or egress), or the off-chip traffic. Ties go to the compute.
  enum Bound { kCompute, kNoc, kOffchip };
  std::array<int64_t, 3> cyclesBoundBy = {0, 0, 0};
};

/// The intermediate values of an analysis, for tests and `--trace`: the
/// normalised levels (§3, §4) and every case analysed (§5, §6, §8), in
/// the order they were analysed (memoized lower-level analyses appear
/// once).
struct AnalysisTrace {
  struct Tile {
    Dim dim;
    int64_t m, u, me, ue;
  };
  struct Level {
    std::vector<Directive> directives; ///< after inheritance and completion
    int64_t subClusters, edgeSubClusters;
    std::vector<Tile> tiles; ///< per dim with a directive, plus X'/Y'
  };
  struct Case {
    unsigned level;
    std::string states; ///< 'I', 'S' or 'E' per directive
    int64_t occurrences;
    int changing; ///< c(σ), -1 when all-Init
    int64_t ingressInput, ingressFilter, egress, macs, firstMacs;
    bool valid;
    int64_t compute, delayIn, delayOut, delay; ///< valid cases only
  };
  std::vector<Level> levels;
  std::vector<Case> cases;
};

/// Analyses one layer. `tensors` comes from TensorTable::get with the
/// batch decided per file ([Q3]); see analyzeNetwork. With `trace`, the
/// intermediate values are recorded there.
llvm::Expected<LayerResult> analyzeLayer(const Layer &layer,
                                         const TensorTable &tensors,
                                         const Hardware &hardware,
                                         AnalysisTrace *trace = nullptr);

/// Analyses every layer of a network, on up to `threads` threads; the
/// results (or the first layer's error) are the same for any count.
llvm::Expected<std::vector<LayerResult>>
analyzeNetwork(const Network &network, const Hardware &hardware,
               unsigned threads = 1);

/// Checks the hardware parameters the model divides by.
llvm::Error validateHardware(const Hardware &hardware);

} // namespace mlir::union_::maestro

#endif // UNION_COSTMODEL_MAESTRO_MAESTROENGINE_H
