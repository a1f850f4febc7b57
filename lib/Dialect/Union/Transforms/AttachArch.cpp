//===- AttachArch.cpp - Attach an architecture file to union ops ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Arch/ArchitectureJson.h"
#include "Union/Dialect/Union/IR/ArchitectureConversion.h"
#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Dialect/Union/Transforms/Passes.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONATTACHARCH
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {
struct AttachArchPass
    : mlir::union_::impl::UnionAttachArchBase<AttachArchPass> {
  using Base::Base;

  void runOnOperation() override {
    Operation *root = getOperation();
    if (file.empty()) {
      emitError(root->getLoc(), "union-attach-arch: no architecture given; "
                                "use file=<path to JSON>");
      return signalPassFailure();
    }
    auto spec = loadArchitectureFile(file);
    if (!spec) {
      emitError(root->getLoc(), "union-attach-arch: ")
          << llvm::toString(spec.takeError());
      return signalPassFailure();
    }
    ArchitectureAttr arch = getArchitectureAttr(&getContext(), *spec);
    bool failedVerification = false;
    root->walk([&](MappableOpInterface op) {
      if (op.getArchAttr() && !overwrite)
        return;
      op.setArchAttr(arch);
      // A mapping written for another architecture may not fit this one.
      if (failed(op.verify()))
        failedVerification = true;
    });
    if (failedVerification)
      signalPassFailure();
  }
};
} // namespace
