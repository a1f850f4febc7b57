//===- SearchAnalysis.h - Designs costed by searching mappings --*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The `search` mode of a sweep: each design becomes a union architecture
// (DRAM at the off-chip bandwidth, L2, a NoC of the design's PEs and
// bandwidth, L1, vector MACs; MAESTRO's energies), and every layer's best
// mapping on it is searched with a union mapper and the MAESTRO cost model.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DSE_SEARCHANALYSIS_H
#define UNION_DSE_SEARCHANALYSIS_H

#include "Union/Dse/Explorer.h"

#include <memory>

namespace mlir::union_::dse {

class SearchAnalysis {
public:
  /// Loads the workload's layers as union ops; checks the mapper and
  /// objective names.
  static llvm::Expected<std::unique_ptr<SearchAnalysis>>
  create(llvm::StringRef workloadPath, llvm::StringRef opLabel,
         const SearchChoice &choice);
  ~SearchAnalysis();

  /// Thread-safe.
  WorkloadFigures analyze(const Design &design) const;

  struct Impl;

private:
  explicit SearchAnalysis(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace mlir::union_::dse

#endif // UNION_DSE_SEARCHANALYSIS_H
