//===- union-translate.cpp - Translations to and from union IR ------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Pipeline/MaestroMappingExport.h"
#include "Union/Pipeline/ShortSourceLines.h"
#include "Union/Support/HideBackendOptions.h"
#include "Union/Support/QuietDiagnostics.h"
#include "Union/Target/MaestroTranslation.h"
#include "Union/Target/OnnxImport.h"
#include "Union/Target/TimeloopTranslation.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "llvm/ADT/StringRef.h"

namespace {

/// From the command line, before any context exists.
bool printOpOnDiagnostic = false, shortSourceLines = true;

/// Applied when a translation loads the union dialect (after the tool's
/// own diagnostic handler, so it runs first): mlir-translate turns the op
/// dump on for every context, and union-opt's output has an op per
/// kilobyte-long line.
void setUpDiagnostics(mlir::DialectRegistry &registry) {
  registry.addExtension(
      +[](mlir::MLIRContext *context, mlir::union_::UnionDialect *) {
        if (!printOpOnDiagnostic)
          context->printOpOnDiagnostic(false);
        if (shortSourceLines)
          mlir::union_::registerShortSourceLineHandler(context, {});
      });
}

} // namespace

int main(int argc, char **argv) {
  mlir::union_::hideBackendOptions();
  bool importOnnx = false, debugInfoGiven = false;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    importOnnx |= arg == "--import-onnx" || arg == "-import-onnx";
    debugInfoGiven |= arg.contains("mlir-print-debuginfo");
    if (arg.contains("mlir-print-op-on-diagnostic") && !arg.ends_with("=false"))
      printOpOnDiagnostic = true;
    // MLIR's handler matches diagnostics against the file, or sees chunks.
    if (arg.contains("verify-diagnostics") || arg.contains("split-input-file"))
      shortSourceLines = false;
  }
  // --export-maestro also writes searched mappings, as the maestro cost
  // model translates them.
  mlir::union_::registerMaestroTranslations(
      mlir::union_::exportSearchedMaestroMapping, setUpDiagnostics);
  mlir::union_::registerTimeloopTranslations(setUpDiagnostics);
  mlir::union_::registerOnnxTranslation(setUpDiagnostics);
  std::vector<char *> args = mlir::union_::withQuietDiagnostics(argc, argv);
  // An imported model's locations are its node names, which reports show:
  // print them unless told otherwise.
  static char printDebugInfo[] = "--mlir-print-debuginfo";
  if (importOnnx && !debugInfoGiven)
    args.insert(args.begin() + 1, printDebugInfo);
  return mlir::failed(mlir::mlirTranslateMain(
      static_cast<int>(args.size()), args.data(), "Union translation tool"));
}
