//===- PruneWorkload.cpp - Merge equivalent loop orders -------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"
#include "Union/Dialect/Union/Transforms/Passes.h"

#include "llvm/ADT/StringRef.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONPRUNEWORKLOAD
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {
struct PruneWorkloadPass
    : mlir::union_::impl::UnionPruneWorkloadBase<PruneWorkloadPass> {
  using Base::Base;

  void runOnOperation() override {
    // pad=DIM=N options: DIM grows to the next multiple of N.
    std::vector<std::pair<std::string, int64_t>> padding;
    for (const std::string &text : pad) {
      auto [dim, number] = StringRef(text).split('=');
      int64_t value;
      if (dim.empty() || number.getAsInteger(10, value) || value < 1) {
        emitError(getOperation()->getLoc(), "union-prune-workload: pad '")
            << text << "': expected DIM=N with N a positive integer";
        return signalPassFailure();
      }
      padding.push_back({dim.str(), value});
    }
    auto getAdded =
        [&](MappableOpInterface,
            const OpSpace &space) -> FailureOr<std::vector<Constraint>> {
      std::vector<Constraint> added;
      for (auto [dim, value] : padding) {
        int d = space.problem.findDim(dim);
        if (d < 0)
          continue; // ops without this dim are not padded
        int64_t size = space.problem.dimSizes[d];
        int64_t padded = (size + value - 1) / value * value;
        if (padded == size)
          continue;
        Constraint c;
        c.source = ConstraintSource::Workload;
        c.kind = ConstraintKind::Pad;
        c.dims = uint64_t(1) << d;
        c.value = padded;
        c.origin = "user";
        added.push_back(c);
      }
      for (const Constraint &c : getWorkloadConstraints())
        added.push_back(c);
      return added;
    };
    if (failed(runPruningPass(getOperation(), "union-prune-workload", getAdded,
                              remarks, report, strict)))
      signalPassFailure();
  }
};
} // namespace
