//===- ReportCharts.h - union-report's SVG charts ---------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Three charts of a network's costed ops in one SVG: energy per level per
// op (stacked bars), cycles per op coloured by what bounds them, and a
// roofline (MACs per cycle against MACs per off-chip word) with every op
// whose cost counts its off-chip traffic.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_TRANSFORMS_REPORTCHARTS_H
#define UNION_DIALECT_UNION_TRANSFORMS_REPORTCHARTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <utility>
#include <vector>

namespace mlir::union_ {

/// One costed op.
struct ChartOp {
  std::string label;
  double macs = 0, cycles = 0;
  std::string bottleneck; ///< empty when the cost names none
  /// pJ per level, outermost level first.
  std::vector<std::pair<std::string, double>> levelEnergies;
  /// Words moved to and from the outermost level; negative when the cost
  /// model does not count them per level (MAESTRO's).
  double offChipWords = -1;
};

/// What the roofline's roofs come from: the first costed op's architecture.
struct ChartMachine {
  std::string name;
  double peakMacsPerCycle = 0;
  /// The outermost level's read bandwidth, words per cycle; 0: unlimited.
  double offChipWordsPerCycle = 0;
  std::string offChipLevel;
};

void writeReportCharts(llvm::raw_ostream &os, llvm::ArrayRef<ChartOp> ops,
                       const ChartMachine &machine, llvm::StringRef title);

} // namespace mlir::union_

#endif // UNION_DIALECT_UNION_TRANSFORMS_REPORTCHARTS_H
