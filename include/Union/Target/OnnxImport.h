//===- OnnxImport.h - ONNX models as TOSA -----------------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// `union-translate --import-onnx model.onnx`: an ONNX model (as PyTorch's
// exporter writes them, opsets 7-18) becomes one func.func of TOSA ops on
// tensors in ONNX's layout (NCHW; convolutions and pools transpose to
// TOSA's NHWC and back), the form `--union-from-tosa` takes. Each op's
// location is its node's module path (`layer1.0.conv1` for PyTorch's
// `/layer1/layer1.0/conv1/Conv`). Shape computations (Shape, Gather,
// Concat, ... on constants) are evaluated, not emitted. Weights become
// splat constants unless kept: mapping needs only their shapes.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_TARGET_ONNXIMPORT_H
#define UNION_TARGET_ONNXIMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <cstdint>
#include <map>
#include <string>

namespace mlir::union_ {

struct OnnxImportOptions {
  /// Values for named dynamic dims of the model's inputs.
  std::map<std::string, int64_t> dims;
  /// Keep the weights' contents (else splat zeros of the same types).
  bool keepWeights = false;
  /// Nodes that cannot be imported become warnings and placeholders of
  /// their outputs' types instead of errors; the module's
  /// `union.onnx_skipped` lists them.
  bool keepGoing = false;
};

/// The module of the serialized ModelProto `bytes`; errors (naming
/// `fileName` and the node) are emitted to the context.
OwningOpRef<ModuleOp> importOnnx(llvm::StringRef bytes,
                                 llvm::StringRef fileName,
                                 const OnnxImportOptions &options,
                                 MLIRContext *context);

/// Registers `--import-onnx` with its options (`--onnx-drop-weights`,
/// `--onnx-keep-going`, `--onnx-dim name=value`); `extendRegistry` adds
/// the caller's dialect extensions.
void registerOnnxTranslation(
    std::function<void(DialectRegistry &)> extendRegistry = {});

} // namespace mlir::union_

#endif // UNION_TARGET_ONNXIMPORT_H
