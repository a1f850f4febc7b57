//===- Registration.cpp - union-translate's ONNX import -------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Target/OnnxImport.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

void mlir::union_::registerOnnxTranslation(
    std::function<void(DialectRegistry &)> extendRegistry) {
  static llvm::cl::opt<bool> dropWeights(
      "onnx-drop-weights",
      llvm::cl::desc("with --import-onnx: write weights as splat zeros of "
                     "their types (mapping needs only shapes); "
                     "=false keeps their values"),
      llvm::cl::init(true));
  static llvm::cl::opt<bool> keepGoing(
      "onnx-keep-going",
      llvm::cl::desc("with --import-onnx: import what can be imported; each "
                     "node that cannot becomes a warning and a placeholder, "
                     "listed in the module's union.onnx_skipped"),
      llvm::cl::init(false));
  static llvm::cl::list<std::string> dims(
      "onnx-dim",
      llvm::cl::desc("with --import-onnx: the value of a named dynamic dim "
                     "of the model's inputs, as name=value; repeatable"),
      llvm::cl::value_desc("name=value"));

  TranslateToMLIRRegistration registration(
      "import-onnx",
      "import an ONNX model (opsets 7-18, as PyTorch exports them) as TOSA",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        StringRef fileName = buffer->getBufferIdentifier();
        OnnxImportOptions options;
        options.keepWeights = !dropWeights;
        options.keepGoing = keepGoing;
        for (const std::string &spec : dims) {
          auto [name, value] = StringRef(spec).split('=');
          int64_t number;
          if (name.empty() || value.getAsInteger(10, number) || number <= 0) {
            emitError(UnknownLoc::get(context))
                << "--onnx-dim '" << spec
                << "' is not name=value with a positive integer value";
            return {};
          }
          options.dims[name.str()] = number;
        }
        OwningOpRef<ModuleOp> module =
            importOnnx(buffer->getBuffer(), fileName, options, context);
        return OwningOpRef<Operation *>(module.release());
      },
      [extendRegistry](DialectRegistry &registry) {
        registry.insert<func::FuncDialect, tosa::TosaDialect>();
        if (extendRegistry)
          extendRegistry(registry);
      });
}
