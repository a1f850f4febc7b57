//===- OnnxFolding.h - Evaluating ONNX shape computations -------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Exporters compute reshape targets, slice bounds and expand shapes with
// small graphs of Shape, Gather, Concat, Unsqueeze, Where, ... on
// constants. The importer evaluates those nodes here (plain C++) instead of
// emitting them, so tensor ops see constants.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_LIB_TARGET_ONNX_ONNXFOLDING_H
#define UNION_LIB_TARGET_ONNX_ONNXFOLDING_H

#include "Union/Target/OnnxGraph.h"

namespace mlir::union_::onnx_import {

struct FoldResult {
  bool folded = false;
  std::vector<std::shared_ptr<const TensorData>> outputs;
};

/// Evaluates `node` when it is a constant or a computation on constants
/// (`known[i]` is input i's constant, or null) that the folder knows and
/// whose result is small. `inputTypes[i]` is input i's inferred type, or
/// null. Not folded (and no error) when the node must be emitted; `error`
/// is set when the node is malformed.
FoldResult foldNode(const Node &node, int64_t opset,
                    const std::vector<const TensorData *> &known,
                    const std::vector<const ValueType *> &inputTypes,
                    std::string &error);

/// The output dims of reshape-like ops, shared by the folder and the
/// importer (which needs them where ONNX's inference gave none): false
/// with `error` set when the operands are inconsistent.
bool reshapeDims(const std::vector<int64_t> &input, std::vector<int64_t> shape,
                 bool allowZero, std::vector<int64_t> &output,
                 std::string &error);
bool squeezeDims(const std::vector<int64_t> &input,
                 const std::vector<int64_t> &axes, bool unsqueeze,
                 std::vector<int64_t> &output, std::string &error);
bool flattenDims(const std::vector<int64_t> &input, int64_t axis,
                 std::vector<int64_t> &output, std::string &error);
/// Slice's default axes (0, 1, ...) and steps (1s); false with `error`
/// set when starts, ends, axes and steps differ in length.
bool completeSliceOperands(const std::vector<int64_t> &starts,
                           const std::vector<int64_t> &ends,
                           std::vector<int64_t> &axes,
                           std::vector<int64_t> &steps, std::string &error);
/// NumPy broadcasting of two shapes.
bool broadcastDims(const std::vector<int64_t> &a, const std::vector<int64_t> &b,
                   std::vector<int64_t> &output);

} // namespace mlir::union_::onnx_import

#endif // UNION_LIB_TARGET_ONNX_ONNXFOLDING_H
