//===- PruneWorkload.cpp - Merge equivalent loop orders -------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"
#include "Union/Dialect/Union/Transforms/Passes.h"

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
    auto getAdded = [](ComputeOp,
                       const OpSpace &) -> FailureOr<std::vector<Constraint>> {
      return getWorkloadConstraints();
    };
    if (failed(runPruningPass(getOperation(), "union-prune-workload", getAdded,
                              remarks, report)))
      signalPassFailure();
  }
};
} // namespace
