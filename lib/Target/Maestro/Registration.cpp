//===- Registration.cpp - union-translate's MAESTRO translations ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Target/MaestroTranslation.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

void mlir::union_::registerMaestroTranslations(
    MaestroMappingExporter exportMapping,
    std::function<void(DialectRegistry &)> extendRegistry) {
  TranslateToMLIRRegistration importMaestro(
      "import-maestro", "import a MAESTRO mapping file as union ops",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        OwningOpRef<ModuleOp> module = importMaestroMapping(
            buffer->getBuffer(), buffer->getBufferIdentifier(), context);
        return OwningOpRef<Operation *>(module.release());
      },
      // union-opt's output: union ops in functions, their bodies in the
      // dialects the frontends produce (and TOSA constants --union-map
      // leaves behind).
      [extendRegistry](DialectRegistry &registry) {
        registry.insert<UnionDialect, func::FuncDialect, arith::ArithDialect,
                        tensor::TensorDialect, linalg::LinalgDialect,
                        math::MathDialect, tosa::TosaDialect>();
        if (extendRegistry)
          extendRegistry(registry);
      });
  TranslateFromMLIRRegistration exportMaestro(
      "export-maestro",
      "write union ops with dataflows (or searched mappings) as a MAESTRO "
      "mapping file",
      [exportMapping](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        if (!module)
          return op->emitError("expected a module");
        return exportMaestroMapping(module, os, exportMapping);
      },
      // union-opt's output: union ops in functions, their bodies in the
      // dialects the frontends produce (and TOSA constants --union-map
      // leaves behind).
      [extendRegistry](DialectRegistry &registry) {
        registry.insert<UnionDialect, func::FuncDialect, arith::ArithDialect,
                        tensor::TensorDialect, linalg::LinalgDialect,
                        math::MathDialect, tosa::TosaDialect>();
        if (extendRegistry)
          extendRegistry(registry);
      });
}
