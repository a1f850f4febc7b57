//===- union-translate.cpp - Translations to and from union IR ------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Pipeline/MaestroMappingExport.h"
#include "Union/Support/HideBackendOptions.h"
#include "Union/Support/QuietDiagnostics.h"
#include "Union/Target/MaestroTranslation.h"
#include "Union/Target/TimeloopTranslation.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::union_::hideBackendOptions();
  // --export-maestro also writes searched mappings, as the maestro cost
  // model translates them.
  mlir::union_::registerMaestroTranslations(
      mlir::union_::exportSearchedMaestroMapping);
  mlir::union_::registerTimeloopTranslations();
  std::vector<char *> args = mlir::union_::withQuietDiagnostics(argc, argv);
  return mlir::failed(mlir::mlirTranslateMain(
      static_cast<int>(args.size()), args.data(), "Union translation tool"));
}
