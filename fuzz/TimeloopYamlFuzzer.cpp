//===- TimeloopYamlFuzzer.cpp - Fuzz the Timeloop YAML importer -----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Any text as one Timeloop input file (Timeloop merges its files into one
// tree): an op or diagnostics, never a crash; an imported op exports again.
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Target/TimeloopTranslation.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

using namespace mlir;
using namespace mlir::union_;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static MLIRContext *context = [] {
    auto *c = new MLIRContext(MLIRContext::Threading::DISABLED);
    c->loadDialect<UnionDialect>();
    c->getDiagEngine().registerHandler([](Diagnostic &) { return success(); });
    return c;
  }();
  std::string text(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module =
      importTimeloopFiles({{"fuzz.yaml", text}}, context);
  if (!module)
    return 0;
  module->walk([&](ComputeOp op) {
    if (!op.getArchAttr())
      return;
    timeloop::Inputs inputs;
    if (succeeded(exportTimeloop(op, inputs)))
      (void)writeTimeloopFiles(inputs);
  });
  return 0;
}
