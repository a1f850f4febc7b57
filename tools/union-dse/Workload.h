//===- Workload.h - What union-dse evaluates designs on ---------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_TOOLS_UNION_DSE_WORKLOAD_H
#define UNION_TOOLS_UNION_DSE_WORKLOAD_H

#include "Union/Dse/Sweep.h"
#include "Union/Engine/Maestro/MaestroModel.h"

#include "llvm/Support/Error.h"

namespace mlir::union_::dse {

/// A workload as MAESTRO layers: from a MAESTRO mapping file (.m) or from
/// the union.compute ops of an MLIR file (one of them when `opLabel` is
/// set).
/// A layer left out of a sweep's figures, and why.
struct SkippedLayer {
  std::string layer, reason;
};

struct Workload {
  std::string name;
  maestro::Network network;
  /// Ops of an MLIR workload that are not MAESTRO layers.
  std::vector<SkippedLayer> leftOut;
};
llvm::Expected<Workload> loadWorkload(llvm::StringRef path,
                                      llvm::StringRef opLabel);

/// The workload with `dataflow` on every layer (its own when `dataflow`
/// has no directives); the error names the layer a dataflow does not fit.
/// The dataflows "workload" gives a layer without a dataflow of its own
/// (a layer from TOSA, linalg or union ops without one).
constexpr const char *kDefaultConvDataflow = "KC-P";
constexpr const char *kDefaultGemmDataflow = "MK-P";

/// The workload with `dataflow` on every layer it can express; the others
/// are appended to `skipped` with the reason. An error when it expresses
/// none of them.
llvm::Expected<maestro::Network>
applyDataflow(const Workload &workload, const DataflowChoice &dataflow,
              std::vector<SkippedLayer> &skipped);

} // namespace mlir::union_::dse

#endif // UNION_TOOLS_UNION_DSE_WORKLOAD_H
