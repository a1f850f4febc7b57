//===- OnnxGraph.h - An ONNX model as plain data ----------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What the ONNX importer needs from a model file, read with Debian's
// libonnx (protobuf parse, then ONNX's own shape inference with data
// propagation): nodes in order, the static type of every value shape
// inference could type, and initializers. Plain C++: protobuf and ONNX
// (which report errors by throwing) stay inside the reader's translation
// unit.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_TARGET_ONNXGRAPH_H
#define UNION_TARGET_ONNXGRAPH_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace mlir::union_::onnx_import {

/// The product of `dims`, saturating at INT64_MAX (fuzzed files carry
/// any dims; a negative dim counts as 0).
inline int64_t saturatingProduct(const std::vector<int64_t> &dims) {
  int64_t count = 1;
  for (int64_t dim : dims) {
    if (dim <= 0)
      return 0;
    if (__builtin_mul_overflow(count, dim, &count))
      count = INT64_MAX;
  }
  return count;
}

/// A double as an integer, clamped (NaN is 0): casting an out-of-range
/// double is undefined.
inline int64_t clampToInt64(double value) {
  if (!(value == value))
    return 0;
  constexpr double limit = 4.6e18;
  return static_cast<int64_t>(value < -limit  ? -limit
                              : value > limit ? limit
                                              : value);
}

/// ONNX TensorProto data types used by name in the importer.
enum DataType : int32_t {
  kUndefined = 0,
  kFloat = 1,
  kUint8 = 2,
  kInt8 = 3,
  kInt32 = 6,
  kInt64 = 7,
  kBool = 9,
  kFloat16 = 10,
  kDouble = 11,
  kBFloat16 = 16,
};

/// Whether an ONNX data type is floating-point.
inline bool isFloatType(int32_t type) {
  return type == kFloat || type == kDouble || type == kFloat16 ||
         type == kBFloat16;
}

/// A value's type. A dim without a value has `dims[i] < 0` and, when the
/// model names it, `dimNames[i]`.
struct ValueType {
  int32_t elementType = kUndefined;
  bool hasShape = false;
  std::vector<int64_t> dims;
  std::vector<std::string> dimNames;

  bool isStatic() const;
};

/// A tensor with its contents: an initializer or a Constant's value.
/// Integer contents are in `ints`, floating-point ones in `floats`; big
/// floating-point tensors read without weights have neither
/// (`hasValues` false), and kept weights of type float are `rawFloats`
/// (little-endian float32 bytes).
struct TensorData {
  int32_t elementType = kUndefined;
  std::vector<int64_t> dims;
  bool hasValues = false;
  std::vector<int64_t> ints;
  std::vector<double> floats;
  std::string rawFloats;

  int64_t numElements() const;
  bool isInteger() const;
  /// Element `i` as a double, whichever list holds it (a one-value list
  /// stands for every element). Only when hasValues.
  double valueAt(int64_t i) const;
};

struct Attribute {
  enum Kind { Int, Float, String, Ints, Floats, Tensor, Other } kind = Other;
  int64_t i = 0;
  double f = 0;
  std::string s;
  std::vector<int64_t> ints;
  std::vector<double> floats;
  std::shared_ptr<TensorData> tensor;
};

struct Node {
  std::string opType, domain, name;
  std::vector<std::string> inputs, outputs;
  std::map<std::string, Attribute> attributes;

  const Attribute *find(const std::string &attribute) const;
};

struct Graph {
  /// The default domain's opset.
  int64_t opset = 0;
  std::string producer;
  std::vector<Node> nodes;
  /// Graph inputs that are not initializers, and graph outputs.
  std::vector<std::string> inputs, outputs;
  std::unordered_map<std::string, ValueType> types;
  std::unordered_map<std::string, TensorData> initializers;
};

struct ReadOptions {
  /// Values for named dynamic dims (`--onnx-dim name=value`).
  std::map<std::string, int64_t> dims;
  /// Keep floating-point initializers' contents (else only those with at
  /// most `smallTensorLimit` elements, which act as constants).
  bool keepWeights = false;
  int64_t smallTensorLimit = 64;
};

/// The opsets the importer is written against.
constexpr int64_t kMinOpset = 7, kMaxOpset = 18;

/// Reads a serialized ModelProto; on failure returns false with `error`
/// set (a sentence, no file name).
bool readOnnxModel(const char *data, size_t size, const ReadOptions &options,
                   Graph &graph, std::string &error);

} // namespace mlir::union_::onnx_import

#endif // UNION_TARGET_ONNXGRAPH_H
