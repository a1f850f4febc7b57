//===- OnnxImportFuzzer.cpp - Fuzz the ONNX importer ----------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Any bytes as an ONNX file: protobuf parsing, ONNX's shape inference, the
// evaluation of shape computations and the TOSA writer must turn bad input
// into diagnostics. A module the importer returns must verify (it checks
// that itself; this makes a failure a crash).
//
//===----------------------------------------------------------------------===//

#include "Union/Target/OnnxImport.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static MLIRContext *context = [] {
    auto *c = new MLIRContext(MLIRContext::Threading::DISABLED);
    c->getDiagEngine().registerHandler([](Diagnostic &) { return success(); });
    return c;
  }();
  // Both ways: stopping at errors and importing around them.
  for (bool keepGoing : {false, true}) {
    union_::OnnxImportOptions options;
    options.keepGoing = keepGoing;
    options.keepWeights = keepGoing;
    OwningOpRef<ModuleOp> module = union_::importOnnx(
        StringRef(reinterpret_cast<const char *>(data), size), "fuzz.onnx",
        options, context);
    if (module && failed(verify(*module)))
      abort();
  }
  return 0;
}
