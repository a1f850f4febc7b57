//===- PruneHardware.cpp - Prune map spaces with hardware constraints -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"
#include "Union/Dialect/Union/Transforms/Passes.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONPRUNEHARDWARE
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {
struct PruneHardwarePass
    : mlir::union_::impl::UnionPruneHardwareBase<PruneHardwarePass> {
  using Base::Base;

  void runOnOperation() override {
    auto getAdded =
        [&](MappableOpInterface op,
            const OpSpace &space) -> FailureOr<std::vector<Constraint>> {
      std::vector<Constraint> added =
          getHardwareConstraints(space.problem, space.levels);
      auto preset =
          getDataflowPresetConstraints(dataflow, space.problem, space.levels);
      if (!preset)
        return op.emitError("union-prune-hw: ")
               << llvm::toString(preset.takeError());
      added.insert(added.end(), preset->begin(), preset->end());
      return added;
    };
    if (failed(runPruningPass(getOperation(), "union-prune-hw", getAdded,
                              remarks, report, strict)))
      signalPassFailure();
  }
};
} // namespace
