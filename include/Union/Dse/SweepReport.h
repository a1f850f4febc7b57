//===- SweepReport.h - What a design sweep found, as CSV and JSON -*- C++
//-*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The outcome of a sweep (or of one shard of it): the designs kept, the
// counts by status, the Pareto front and the best design per objective;
// written as CSV rows and a JSON summary, and read back from shards' files
// to merge them.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DSE_SWEEPREPORT_H
#define UNION_DSE_SWEEPREPORT_H

#include "Union/Dse/Pareto.h"

#include "llvm/Support/raw_ostream.h"

namespace mlir::union_::dse {

struct SweepReport {
  std::string workload;
  std::string sweepText; ///< the sweep specification as given
  SweepSpec spec;
  std::vector<DesignFigures> designs; ///< by index
  uint64_t numDesigns = 0;
  std::array<uint64_t, kNumStatuses> byStatus{};
  std::vector<std::string> failures; ///< per dataflow, first reason
  /// Per dataflow, the layers it cannot express (left out of its designs'
  /// figures) and why.
  std::vector<std::vector<std::pair<std::string, std::string>>> skipped;
  uint64_t analyses = 0;
  unsigned shard = 0, numShards = 1, threads = 1, mergedShards = 0;
  double seconds = 0;
  /// Filled by finish(): positions in `designs`.
  std::vector<size_t> pareto;
  std::vector<std::pair<DseObjective, long>> best;
  /// Whether `designs` holds the invalid designs too.
  bool hasInvalid = false;

  void finish();
  uint64_t getNumValid() const {
    return byStatus[unsigned(DesignStatus::Valid)];
  }
};

enum class CsvRows { All, Valid, Pareto };

/// CSV: one row per design (all kept, the valid ones or the Pareto front),
/// with its parameters and figures (floats in round-trip precision).
void writeCsv(llvm::raw_ostream &os, const SweepReport &report, CsvRows rows);
/// JSON summary; `csvPath` (may be empty) is recorded for merging.
void writeJson(llvm::raw_ostream &os, const SweepReport &report,
               llvm::StringRef csvPath);
/// A few lines for the terminal.
void writeText(llvm::raw_ostream &os, const SweepReport &report);

/// Reads the shards' JSON summaries and the CSV files they name into one
/// report (designs by index, counts summed); the shards must come from the
/// same workload and sweep and cover it exactly once.
llvm::Expected<SweepReport> mergeShards(llvm::ArrayRef<std::string> jsonPaths);

} // namespace mlir::union_::dse

#endif // UNION_DSE_SWEEPREPORT_H
