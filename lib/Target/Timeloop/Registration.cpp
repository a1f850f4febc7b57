//===- Registration.cpp - union-translate's Timeloop translations ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Target/TimeloopTranslation.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"

#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

void mlir::union_::registerTimeloopTranslations(
    std::function<void(DialectRegistry &)> extendRegistry) {
  static llvm::cl::list<std::string> extraFiles(
      "timeloop-file",
      llvm::cl::desc("with --import-timeloop: another Timeloop YAML file "
                     "(problem, architecture, ERT or mapping); repeatable"),
      llvm::cl::value_desc("file"));
  static llvm::cl::opt<bool> noConstraints(
      "timeloop-no-constraints",
      llvm::cl::desc("with --export-timeloop: leave out the map-space "
                     "constraints"),
      llvm::cl::init(false));

  TranslateToMLIRRegistration importRegistration(
      "import-timeloop",
      "import Timeloop YAML (the input and any --timeloop-file) as a union "
      "op",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *context) -> OwningOpRef<Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        std::vector<std::pair<std::string, std::string>> files = {
            {buffer->getBufferIdentifier().str(), buffer->getBuffer().str()}};
        for (const std::string &name : extraFiles) {
          auto file = llvm::MemoryBuffer::getFile(name);
          if (!file) {
            emitError(UnknownLoc::get(context))
                << "cannot read Timeloop file '" << name
                << "': " << file.getError().message();
            return {};
          }
          files.push_back({name, (*file)->getBuffer().str()});
        }
        OwningOpRef<ModuleOp> module = importTimeloopFiles(files, context);
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

  TranslateFromMLIRRegistration exportRegistration(
      "export-timeloop",
      "write each union op with an architecture as Timeloop v3.0.3 YAML "
      "(problem, architecture, ERT, mapping, constraints; one document per "
      "op)",
      [](Operation *root, llvm::raw_ostream &os) -> LogicalResult {
        bool any = false;
        WalkResult result = root->walk([&](ComputeOp op) {
          timeloop::Inputs inputs;
          TimeloopExportOptions options;
          options.constraints = !noConstraints;
          if (failed(union_::exportTimeloop(op, inputs, options)))
            return WalkResult::interrupt();
          if (any)
            os << "---\n";
          any = true;
          if (op.getLabel())
            os << "# union.compute \"" << *op.getLabel() << "\"\n";
          for (const auto &[name, text] : writeTimeloopFiles(inputs))
            os << text;
          return WalkResult::advance();
        });
        if (result.wasInterrupted())
          return failure();
        if (!any)
          return root->emitError("no union.compute op to export");
        return success();
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
