//===- TimeloopStats.h - Timeloop's statistics output -----------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The figures of a `timeloop-model.stats.txt` (Timeloop v3.0.3): per level
// its specs, loop nest and per-data-space accesses and energy, and the
// summary. Plain C++, so the parser can be tested and fuzzed alone.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_TIMELOOP_TIMELOOPSTATS_H
#define UNION_COSTMODEL_TIMELOOP_TIMELOOPSTATS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mlir::union_::timeloop {

/// One data space (tensor) at one storage level. Access counts are per
/// instance, as Timeloop prints them.
struct DataSpaceStats {
  std::string name;
  int64_t partitionSize = 0;
  int64_t utilizedCapacity = 0;
  int64_t utilizedInstances = 0;
  int64_t reads = 0, updates = 0, fills = 0;
  int64_t temporalReductions = 0;
  double energyPerScalarAccess = 0; ///< pJ
  double energyPerInstance = 0;     ///< pJ
  double energy = 0;                ///< pJ, all instances
};

struct LevelStats {
  unsigned index = 0;
  std::string name;
  bool isArithmetic = false;
  int64_t instances = 0;
  std::string mesh; ///< "14*12"
  int64_t wordBits = 0;
  // Storage.
  int64_t size = 0; ///< words; 0 when Timeloop prints "-"
  int64_t blockSize = 0;
  double vectorAccessEnergy = 0; ///< pJ
  double bandwidthThrottling = 0;
  std::vector<std::string> loopNest; ///< "for D in [0:4)", outermost first
  std::vector<DataSpaceStats> dataSpaces;
  // Arithmetic.
  int64_t utilizedInstances = 0;
  int64_t computes = 0;
  double computeEnergy = 0; ///< pJ per compute
  // Both.
  int64_t cycles = 0;
  double energy = 0; ///< pJ: the arithmetic's total, or the data spaces' sum
};

struct Stats {
  std::vector<LevelStats> levels; ///< level 0 is the arithmetic
  double gflops = 0;
  double utilization = 0;
  int64_t cycles = 0;
  double energyMicroJoules = 0; ///< as printed (2 decimals)
  double edp = 0;               ///< J x cycle, as printed
  int64_t computes = 0;
  /// fJ per compute by level or network name, then "Total".
  std::vector<std::pair<std::string, double>> femtojoulesPerCompute;
  double femtojoulesPerComputeTotal = 0;

  /// Total energy in pJ: the levels' energies (each printed to 0.01 pJ).
  double getEnergy() const {
    double total = 0;
    for (const LevelStats &level : levels)
      total += level.energy;
    return total;
  }
  const LevelStats *findLevel(llvm::StringRef name) const;
};

/// Parses the text of a timeloop-model.stats.txt; the error names the line
/// and what was expected there.
llvm::Expected<Stats> parseStats(llvm::StringRef text);

} // namespace mlir::union_::timeloop

#endif // UNION_COSTMODEL_TIMELOOP_TIMELOOPSTATS_H
