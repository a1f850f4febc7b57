//===- union-opt.cpp - The Union optimizer driver -------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Registers only what Union uses: the umbrella InitAll* headers cost far
// more compile time than they save.
//
//===----------------------------------------------------------------------===//

#include "Union/Conversion/Passes.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/Transforms/Passes.h"
#include "Union/Pipeline/OptionSpelling.h"
#include "Union/Pipeline/Pipelines.h"
#include "Union/Pipeline/Registration.h"
#include "Union/Pipeline/ShortSourceLines.h"
#include "Union/Support/HideBackendOptions.h"
#include "Union/Support/QuietDiagnostics.h"

#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::union_::hideBackendOptions();
  mlir::DialectRegistry registry;
  if (llvm::Error e = mlir::union_::registerUnion(registry)) {
    llvm::errs() << "union-opt: " << llvm::toString(std::move(e)) << "\n";
    return 1;
  }
  registry.insert<mlir::union_::UnionDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect, mlir::tensor::TensorDialect,
                  mlir::linalg::LinalgDialect, mlir::math::MathDialect,
                  mlir::tosa::TosaDialect>();
  // Diagnostics on union-opt's own output (an op per multi-KB line) quote
  // a window of the line. Registered when the union dialect is loaded,
  // after MlirOptMain's handlers, so it runs first; left out where MLIR
  // matches diagnostics against the file or splits it into chunks.
  registry.addExtension(+[](mlir::MLIRContext *context,
                            mlir::union_::UnionDialect *) {
    auto config = mlir::MlirOptMainConfig::createFromCLOptions();
    if (config.shouldVerifyDiagnostics() || !config.inputSplitMarker().empty())
      return;
    mlir::union_::ShortSourceLineOptions options;
    options.showWarnings = config.getDiagnosticVerbosityLevel() !=
                           mlir::VerbosityLevel::ErrorsOnly;
    options.showRemarks = config.getDiagnosticVerbosityLevel() ==
                          mlir::VerbosityLevel::ErrorsWarningsAndRemarks;
    mlir::union_::registerShortSourceLineHandler(context, options);
  });
  mlir::union_::registerUnionPasses();
  mlir::union_::registerUnionConversionPasses();
  mlir::union_::registerUnionPipelines();
  mlir::tosa::registerTosaToLinalgPipelines();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  std::vector<char *> args = mlir::union_::withQuietDiagnostics(argc, argv);
  if (!mlir::union_::checkPassOptionSpelling(args, llvm::errs()))
    return 1;
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(static_cast<int>(args.size()), args.data(),
                        "Union optimizer driver\n", registry));
}
