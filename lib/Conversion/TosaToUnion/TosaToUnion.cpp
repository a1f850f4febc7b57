//===- TosaToUnion.cpp - The union-from-tosa pipeline ---------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Conversion/Passes.h"

#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

void mlir::union_::registerTosaToUnionPipeline() {
  PassPipelineRegistration<>(
      "union-from-tosa",
      "Lower TOSA to linalg with the upstream passes (tosa-to-linalg-"
      "pipeline), then wrap every multiply-accumulate in a union.compute op",
      [](OpPassManager &pm) {
        // No tosa-validate: in MLIR 22 it rejects the rank-8 shape that the
        // upstream decomposition of a strided transpose_conv2d creates.
        tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions(),
                                    TosaToLinalgNamedOptions(),
                                    /*validationOptions=*/std::nullopt);
        pm.addPass(createConvertLinalgToUnion());
      });
}
