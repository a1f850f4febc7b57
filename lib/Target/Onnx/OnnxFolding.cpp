//===- OnnxFolding.cpp - Evaluating ONNX shape computations ---------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OnnxFolding.h"

#include <algorithm>
#include <cmath>
#include <set>

using namespace mlir::union_::onnx_import;

namespace {

/// Results above this many elements are emitted, not evaluated.
constexpr int64_t kFoldLimit = 1 << 20;

using Tensor = std::shared_ptr<TensorData>;

/// Whether the folder can read `tensor`'s elements.
bool readable(const TensorData *tensor) {
  if (!tensor || !tensor->hasValues || !tensor->rawFloats.empty())
    return false;
  // One value per element, or one for all (a splat).
  int64_t stored = std::max(tensor->ints.size(), tensor->floats.size());
  return stored == tensor->numElements() || stored == 1;
}

/// Element `i` (a one-value tensor is a splat).
double floatAt(const TensorData &tensor, int64_t i) {
  if (tensor.floats.empty() && tensor.ints.empty())
    return 0;
  if (!tensor.floats.empty())
    return tensor.floats.size() == 1 ? tensor.floats[0] : tensor.floats[i];
  return static_cast<double>(tensor.ints.size() == 1 ? tensor.ints[0]
                                                     : tensor.ints[i]);
}

int64_t intAt(const TensorData &tensor, int64_t i) {
  if (tensor.floats.empty() && tensor.ints.empty())
    return 0;
  if (!tensor.ints.empty())
    return tensor.ints.size() == 1 ? tensor.ints[0] : tensor.ints[i];
  return clampToInt64(tensor.floats.size() == 1 ? tensor.floats[0]
                                                : tensor.floats[i]);
}

int64_t countOf(const std::vector<int64_t> &dims) {
  return saturatingProduct(dims);
}

Tensor makeTensor(int32_t type, std::vector<int64_t> dims) {
  auto tensor = std::make_shared<TensorData>();
  tensor->elementType = type;
  tensor->dims = std::move(dims);
  tensor->hasValues = true;
  return tensor;
}

/// Appends element `i` of `from` to `to` (same kind of storage).
void appendElement(TensorData &to, const TensorData &from, int64_t i) {
  if (isFloatType(to.elementType))
    to.floats.push_back(floatAt(from, i));
  else
    to.ints.push_back(intAt(from, i));
}

/// The flat index in `in` (right-aligned, broadcast) of the output's
/// flat index `flat`.
int64_t sourceIndex(int64_t flat, const std::vector<int64_t> &out,
                    const std::vector<int64_t> &in) {
  int64_t index = 0, stride = 1;
  for (size_t i = 0; i < out.size(); ++i) {
    size_t outAxis = out.size() - 1 - i;
    int64_t coordinate = flat % out[outAxis];
    flat /= out[outAxis];
    if (i < in.size()) {
      int64_t dim = in[in.size() - 1 - i];
      if (dim != 1)
        index += coordinate * stride;
      stride *= dim;
    }
  }
  return index;
}

const Attribute *attribute(const Node &node, const char *name) {
  return node.find(name);
}

int64_t intAttr(const Node &node, const char *name, int64_t fallback) {
  const Attribute *a = attribute(node, name);
  return a && a->kind == Attribute::Int ? a->i : fallback;
}

std::vector<int64_t> intsAttr(const Node &node, const char *name) {
  const Attribute *a = attribute(node, name);
  return a && a->kind == Attribute::Ints ? a->ints : std::vector<int64_t>();
}

class Folder {
public:
  Folder(const Node &node, int64_t opset,
         const std::vector<const TensorData *> &known,
         const std::vector<const ValueType *> &types, std::string &error)
      : node(node), opset(opset), known(known), types(types), error(error) {}

  FoldResult run();

private:
  const TensorData *in(size_t i) const {
    return i < known.size() ? known[i] : nullptr;
  }
  bool present(size_t i) const {
    return i < node.inputs.size() && !node.inputs[i].empty();
  }
  bool allReadable() const {
    for (size_t i = 0; i < node.inputs.size(); ++i)
      if (present(i) && !readable(in(i)))
        return false;
    return true;
  }
  /// The inputs `op` reads without checking (optional ones excluded).
  size_t requiredInputs(const std::string &op) const {
    if (op == "Range" || op == "Where" || op == "ScatterND")
      return 3;
    if (op == "Slice")
      return opset < 10 ? 1 : 3;
    if (op == "Gather" || op == "Reshape" || op == "Expand" || op == "Add" ||
        op == "Sub" || op == "Mul" || op == "Div" || op == "Pow" ||
        op == "Mod" || op == "Max" || op == "Min" || op == "Equal" ||
        op == "Less" || op == "Greater" || op == "And" || op == "Or")
      return 2;
    return 1;
  }
  bool allPresent(size_t count) const {
    for (size_t i = 0; i < count; ++i)
      if (!present(i) || !in(i))
        return false;
    return true;
  }
  bool normalize(int64_t &axis, int64_t rank) {
    if (axis < -rank || axis >= rank) {
      error = "axis " + std::to_string(axis) + " is out of range for rank " +
              std::to_string(rank);
      return false;
    }
    if (axis < 0)
      axis += rank;
    return true;
  }
  std::vector<int64_t> ints(const TensorData &tensor) {
    std::vector<int64_t> result;
    for (int64_t i = 0, e = tensor.numElements(); i < e; ++i)
      result.push_back(intAt(tensor, i));
    return result;
  }

  Tensor constant();
  Tensor shape();
  Tensor elementwise();
  Tensor gather();
  Tensor concat();
  Tensor slice();
  Tensor reshape(std::vector<int64_t> dims);
  Tensor reshapeOp();
  Tensor squeeze(bool unsqueeze);
  Tensor flatten();
  Tensor expand();
  Tensor constantOfShape();
  Tensor cast();
  Tensor range();
  Tensor where();
  Tensor transpose();
  Tensor scatterND();

  const Node &node;
  int64_t opset;
  const std::vector<const TensorData *> &known;
  const std::vector<const ValueType *> &types;
  std::string &error;
};

Tensor Folder::constant() {
  if (const Attribute *value = attribute(node, "value");
      value && value->kind == Attribute::Tensor)
    return std::make_shared<TensorData>(*value->tensor);
  if (const Attribute *a = attribute(node, "value_float")) {
    Tensor t = makeTensor(kFloat, {});
    t->floats = {a->f};
    return t;
  }
  if (const Attribute *a = attribute(node, "value_floats")) {
    Tensor t = makeTensor(kFloat, {static_cast<int64_t>(a->floats.size())});
    t->floats = a->floats;
    return t;
  }
  if (const Attribute *a = attribute(node, "value_int")) {
    Tensor t = makeTensor(kInt64, {});
    t->ints = {a->i};
    return t;
  }
  if (const Attribute *a = attribute(node, "value_ints")) {
    Tensor t = makeTensor(kInt64, {static_cast<int64_t>(a->ints.size())});
    t->ints = a->ints;
    return t;
  }
  error = "a Constant needs a value, value_float(s) or value_int(s) attribute "
          "(sparse and string constants are not supported)";
  return nullptr;
}

Tensor Folder::shape() {
  const ValueType *type = types.empty() ? nullptr : types[0];
  if (!type || !type->isStatic()) {
    error = "the shape of input '" +
            (node.inputs.empty() ? std::string() : node.inputs[0]) +
            "' is not static";
    return nullptr;
  }
  int64_t rank = type->dims.size();
  int64_t start = intAttr(node, "start", 0), end = intAttr(node, "end", rank);
  if (start < 0)
    start += rank;
  if (end < 0)
    end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, start, rank);
  Tensor t = makeTensor(kInt64, {end - start});
  t->ints.assign(type->dims.begin() + start, type->dims.begin() + end);
  return t;
}

Tensor Folder::elementwise() {
  const std::string &op = node.opType;
  const TensorData &a = *in(0);
  bool unary = op == "Neg" || op == "Sqrt" || op == "Not";
  const TensorData &b = unary ? a : *in(1);
  std::vector<int64_t> dims;
  if (!broadcastDims(a.dims, b.dims, dims)) {
    error = "operands of shapes that do not broadcast";
    return nullptr;
  }
  if (countOf(dims) > kFoldLimit)
    return nullptr;
  bool compare = op == "Equal" || op == "Less" || op == "Greater" ||
                 op == "Not" || op == "And" || op == "Or";
  bool floating = isFloatType(a.elementType) || isFloatType(b.elementType);
  Tensor t = makeTensor(compare ? kBool : a.elementType, dims);
  for (int64_t i = 0, e = countOf(dims); i < e; ++i) {
    int64_t ia = sourceIndex(i, dims, a.dims),
            ib = sourceIndex(i, dims, b.dims);
    if (compare) {
      bool value;
      if (op == "Not")
        value = !intAt(a, ia);
      else if (op == "And")
        value = intAt(a, ia) && intAt(b, ib);
      else if (op == "Or")
        value = intAt(a, ia) || intAt(b, ib);
      else if (floating) {
        double x = floatAt(a, ia), y = floatAt(b, ib);
        value = op == "Equal" ? x == y : op == "Less" ? x < y : x > y;
      } else {
        int64_t x = intAt(a, ia), y = intAt(b, ib);
        value = op == "Equal" ? x == y : op == "Less" ? x < y : x > y;
      }
      t->ints.push_back(value);
    } else if (floating) {
      double x = floatAt(a, ia), y = floatAt(b, ib), r;
      if (op == "Add")
        r = x + y;
      else if (op == "Sub")
        r = x - y;
      else if (op == "Mul")
        r = x * y;
      else if (op == "Div")
        r = x / y;
      else if (op == "Pow")
        r = std::pow(x, y);
      else if (op == "Max")
        r = std::max(x, y);
      else if (op == "Min")
        r = std::min(x, y);
      else if (op == "Mod")
        r = intAttr(node, "fmod", 0) ? std::fmod(x, y)
                                     : x - std::floor(x / y) * y;
      else if (op == "Neg")
        r = -x;
      else // Sqrt
        r = std::sqrt(x);
      t->floats.push_back(r);
    } else {
      // Fuzzed constants overflow: wrap, as two's complement hardware does.
      int64_t x = intAt(a, ia), y = intAt(b, ib), r;
      if (op == "Add")
        r = static_cast<int64_t>(static_cast<uint64_t>(x) +
                                 static_cast<uint64_t>(y));
      else if (op == "Sub")
        r = static_cast<int64_t>(static_cast<uint64_t>(x) -
                                 static_cast<uint64_t>(y));
      else if (op == "Mul")
        r = static_cast<int64_t>(static_cast<uint64_t>(x) *
                                 static_cast<uint64_t>(y));
      else if ((op == "Div" || op == "Mod") && y == -1)
        r = op == "Div" ? static_cast<int64_t>(0 - static_cast<uint64_t>(x))
                        : 0;
      else if (op == "Div") {
        if (y == 0) {
          error = "integer division by zero in a shape computation";
          return nullptr;
        }
        r = x / y;
      } else if (op == "Mod") {
        if (y == 0) {
          error = "integer modulo by zero in a shape computation";
          return nullptr;
        }
        r = x % y;
        // Without fmod the result takes the divisor's sign, as Python's.
        if (!intAttr(node, "fmod", 0) && r != 0 && ((r < 0) != (y < 0)))
          r += y;
      } else if (op == "Max")
        r = std::max(x, y);
      else if (op == "Min")
        r = std::min(x, y);
      else if (op == "Neg")
        r = static_cast<int64_t>(0 - static_cast<uint64_t>(x));
      else
        return nullptr; // Pow, Sqrt of integers: emitted
      t->ints.push_back(r);
    }
  }
  return t;
}

Tensor Folder::gather() {
  const TensorData &data = *in(0), &indices = *in(1);
  int64_t rank = data.dims.size();
  int64_t axis = intAttr(node, "axis", 0);
  if (!normalize(axis, rank))
    return nullptr;
  std::vector<int64_t> dims(data.dims.begin(), data.dims.begin() + axis);
  dims.insert(dims.end(), indices.dims.begin(), indices.dims.end());
  dims.insert(dims.end(), data.dims.begin() + axis + 1, data.dims.end());
  if (countOf(dims) > kFoldLimit)
    return nullptr;
  int64_t outer = countOf({data.dims.begin(), data.dims.begin() + axis});
  int64_t inner = countOf({data.dims.begin() + axis + 1, data.dims.end()});
  int64_t dim = data.dims[axis];
  Tensor t = makeTensor(data.elementType, dims);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0, e = indices.numElements(); k < e; ++k) {
      int64_t index = intAt(indices, k);
      if (index < -dim || index >= dim) {
        error = "index " + std::to_string(index) + " is out of range for dim " +
                std::to_string(dim);
        return nullptr;
      }
      if (index < 0)
        index += dim;
      for (int64_t i = 0; i < inner; ++i)
        appendElement(*t, data, (o * dim + index) * inner + i);
    }
  return t;
}

Tensor Folder::concat() {
  const TensorData &first = *in(0);
  int64_t rank = first.dims.size();
  int64_t axis = intAttr(node, "axis", 0);
  if (!normalize(axis, rank))
    return nullptr;
  std::vector<int64_t> dims = first.dims;
  dims[axis] = 0;
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    if (static_cast<int64_t>(in(i)->dims.size()) != rank) {
      error = "inputs have different ranks";
      return nullptr;
    }
    dims[axis] += in(i)->dims[axis];
  }
  if (countOf(dims) > kFoldLimit)
    return nullptr;
  int64_t outer = countOf({first.dims.begin(), first.dims.begin() + axis});
  Tensor t = makeTensor(first.elementType, dims);
  for (int64_t o = 0; o < outer; ++o)
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      const TensorData &part = *in(i);
      int64_t block = countOf({part.dims.begin() + axis, part.dims.end()});
      for (int64_t k = 0; k < block; ++k)
        appendElement(*t, part, o * block + k);
    }
  return t;
}

Tensor Folder::slice() {
  const TensorData &data = *in(0);
  int64_t rank = data.dims.size();
  std::vector<int64_t> starts, ends, axes, steps;
  if (opset < 10) {
    starts = intsAttr(node, "starts");
    ends = intsAttr(node, "ends");
    axes = intsAttr(node, "axes");
  } else {
    if (!present(1) || !present(2)) {
      error = "needs starts and ends";
      return nullptr;
    }
    starts = ints(*in(1));
    ends = ints(*in(2));
    if (present(3))
      axes = ints(*in(3));
    if (present(4))
      steps = ints(*in(4));
  }
  if (!completeSliceOperands(starts, ends, axes, steps, error))
    return nullptr;
  std::vector<int64_t> begin(rank, 0), step(rank, 1), dims = data.dims;
  for (size_t i = 0; i < starts.size(); ++i) {
    int64_t axis = axes[i];
    if (!normalize(axis, rank))
      return nullptr;
    int64_t dim = data.dims[axis], s = steps[i];
    if (s == 0) {
      error = "a slice step is 0";
      return nullptr;
    }
    int64_t b = starts[i] < 0 ? starts[i] + dim : starts[i];
    int64_t e = ends[i] < 0 ? ends[i] + dim : ends[i];
    if (s > 0) {
      b = std::clamp<int64_t>(b, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
      dims[axis] = std::max<int64_t>(0, (e - b + s - 1) / s);
    } else {
      b = std::clamp<int64_t>(b, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      dims[axis] = std::max<int64_t>(0, (b - e + (-s) - 1) / (-s));
    }
    begin[axis] = b;
    step[axis] = s;
  }
  if (countOf(dims) > kFoldLimit)
    return nullptr;
  Tensor t = makeTensor(data.elementType, dims);
  std::vector<int64_t> strides(rank, 1);
  for (int64_t i = rank - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * data.dims[i + 1];
  for (int64_t flat = 0, e = countOf(dims); flat < e; ++flat) {
    int64_t rest = flat, source = 0;
    for (int64_t axis = rank - 1; axis >= 0; --axis) {
      int64_t coordinate = rest % dims[axis];
      rest /= dims[axis];
      source += (begin[axis] + coordinate * step[axis]) * strides[axis];
    }
    appendElement(*t, data, source);
  }
  return t;
}

Tensor Folder::reshape(std::vector<int64_t> dims) {
  const TensorData &data = *in(0);
  if (countOf(dims) != data.numElements()) {
    error = "the new shape has " + std::to_string(countOf(dims)) +
            " elements, the input " + std::to_string(data.numElements());
    return nullptr;
  }
  Tensor t = std::make_shared<TensorData>(data);
  t->dims = std::move(dims);
  return t;
}

Tensor Folder::reshapeOp() {
  std::vector<int64_t> dims;
  if (!reshapeDims(in(0)->dims, ints(*in(1)), intAttr(node, "allowzero", 0),
                   dims, error))
    return nullptr;
  return reshape(dims);
}

Tensor Folder::squeeze(bool unsqueeze) {
  std::vector<int64_t> axes =
      opset >= 13 && present(1) ? ints(*in(1)) : intsAttr(node, "axes");
  std::vector<int64_t> dims;
  if (!squeezeDims(in(0)->dims, axes, unsqueeze, dims, error))
    return nullptr;
  return reshape(dims);
}

Tensor Folder::flatten() {
  std::vector<int64_t> dims;
  if (!flattenDims(in(0)->dims, intAttr(node, "axis", 1), dims, error))
    return nullptr;
  return reshape(dims);
}

Tensor Folder::expand() {
  const TensorData &data = *in(0);
  std::vector<int64_t> dims;
  if (!broadcastDims(data.dims, ints(*in(1)), dims)) {
    error = "the input does not broadcast to the shape";
    return nullptr;
  }
  if (countOf(dims) > kFoldLimit)
    return nullptr;
  Tensor t = makeTensor(data.elementType, dims);
  for (int64_t i = 0, e = countOf(dims); i < e; ++i)
    appendElement(*t, data, sourceIndex(i, dims, data.dims));
  return t;
}

Tensor Folder::constantOfShape() {
  std::vector<int64_t> dims = ints(*in(0));
  for (int64_t dim : dims)
    if (dim < 0) {
      error = "the shape has a negative dim";
      return nullptr;
    }
  const Attribute *value = attribute(node, "value");
  Tensor t;
  if (value && value->kind == Attribute::Tensor &&
      value->tensor->numElements() != 1) {
    error = "its value must have one element";
    return nullptr;
  }
  if (value && value->kind == Attribute::Tensor && value->tensor->hasValues) {
    t = makeTensor(value->tensor->elementType, dims);
    appendElement(*t, *value->tensor, 0);
  } else {
    t = makeTensor(kFloat, dims);
    t->floats = {0.0};
  }
  // One value for many elements: a splat.
  return t;
}

Tensor Folder::cast() {
  const TensorData &data = *in(0);
  int32_t to = static_cast<int32_t>(intAttr(node, "to", kFloat));
  Tensor t = makeTensor(to, data.dims);
  bool toFloat = isFloatType(to);
  size_t stored = std::max(data.ints.size(), data.floats.size());
  for (size_t i = 0; i < stored; ++i) {
    if (toFloat)
      t->floats.push_back(floatAt(data, i));
    else if (to == kBool)
      t->ints.push_back(floatAt(data, i) != 0);
    else
      t->ints.push_back(clampToInt64(floatAt(data, i)));
  }
  return t;
}

Tensor Folder::range() {
  const TensorData &start = *in(0), &limit = *in(1), &delta = *in(2);
  double s = floatAt(start, 0), l = floatAt(limit, 0), d = floatAt(delta, 0);
  if (d == 0) {
    error = "Range's delta is 0";
    return nullptr;
  }
  int64_t count = std::max<int64_t>(0, clampToInt64(std::ceil((l - s) / d)));
  if (count > kFoldLimit)
    return nullptr;
  Tensor t = makeTensor(start.elementType, {count});
  for (int64_t i = 0; i < count; ++i) {
    if (isFloatType(start.elementType))
      t->floats.push_back(s + i * d);
    else
      t->ints.push_back(static_cast<int64_t>(
          static_cast<uint64_t>(intAt(start, 0)) +
          static_cast<uint64_t>(i) * static_cast<uint64_t>(intAt(delta, 0))));
  }
  return t;
}

Tensor Folder::where() {
  const TensorData &condition = *in(0), &x = *in(1), &y = *in(2);
  std::vector<int64_t> partial, dims;
  if (!broadcastDims(condition.dims, x.dims, partial) ||
      !broadcastDims(partial, y.dims, dims)) {
    error = "operands of shapes that do not broadcast";
    return nullptr;
  }
  if (countOf(dims) > kFoldLimit)
    return nullptr;
  Tensor t = makeTensor(x.elementType, dims);
  for (int64_t i = 0, e = countOf(dims); i < e; ++i) {
    bool pick = intAt(condition, sourceIndex(i, dims, condition.dims));
    if (pick)
      appendElement(*t, x, sourceIndex(i, dims, x.dims));
    else
      appendElement(*t, y, sourceIndex(i, dims, y.dims));
  }
  return t;
}

Tensor Folder::transpose() {
  const TensorData &data = *in(0);
  int64_t rank = data.dims.size();
  std::vector<int64_t> perm = intsAttr(node, "perm");
  if (perm.empty())
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  std::vector<bool> seen(rank, false);
  if (static_cast<int64_t>(perm.size()) != rank) {
    error = "perm is not a permutation of " + std::to_string(rank) + " dims";
    return nullptr;
  }
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p]) {
      error = "perm is not a permutation of " + std::to_string(rank) + " dims";
      return nullptr;
    }
    seen[p] = true;
  }
  std::vector<int64_t> dims, strides(rank, 1);
  for (int64_t p : perm)
    dims.push_back(data.dims[p]);
  for (int64_t i = rank - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * data.dims[i + 1];
  Tensor t = makeTensor(data.elementType, dims);
  for (int64_t flat = 0, e = countOf(dims); flat < e; ++flat) {
    int64_t rest = flat, source = 0;
    for (int64_t axis = rank - 1; axis >= 0; --axis) {
      source += (rest % dims[axis]) * strides[perm[axis]];
      rest /= dims[axis];
    }
    appendElement(*t, data, source);
  }
  return t;
}

/// ScatterND without reduction (PyTorch's index assignment, e.g. Swin's
/// window masks): the data with the indexed slices replaced.
Tensor Folder::scatterND() {
  const TensorData &data = *in(0), &indices = *in(1), &updates = *in(2);
  if (node.find("reduction") && node.find("reduction")->s != "none")
    return nullptr;
  if (indices.dims.empty() || indices.dims.back() > (int64_t)data.dims.size()) {
    error = "indices address more dims than the data has";
    return nullptr;
  }
  if (data.numElements() > kFoldLimit)
    return nullptr;
  int64_t depth = indices.dims.back();
  int64_t slice = countOf({data.dims.begin() + depth, data.dims.end()});
  int64_t count = indices.numElements() / std::max<int64_t>(depth, 1);
  if (updates.numElements() != count * slice) {
    error = "updates do not match the indexed slices";
    return nullptr;
  }
  Tensor t = makeTensor(data.elementType, data.dims);
  for (int64_t i = 0, e = data.numElements(); i < e; ++i)
    appendElement(*t, data, i);
  for (int64_t k = 0; k < count; ++k) {
    int64_t offset = 0;
    for (int64_t d = 0; d < depth; ++d) {
      int64_t index = intAt(indices, k * depth + d), dim = data.dims[d];
      if (index < -dim || index >= dim) {
        error = "index " + std::to_string(index) + " is out of range for dim " +
                std::to_string(dim);
        return nullptr;
      }
      offset = offset * dim + (index < 0 ? index + dim : index);
    }
    for (int64_t j = 0; j < slice; ++j) {
      if (isFloatType(t->elementType))
        t->floats[offset * slice + j] = floatAt(updates, k * slice + j);
      else
        t->ints[offset * slice + j] = intAt(updates, k * slice + j);
    }
  }
  return t;
}

FoldResult Folder::run() {
  const std::string &op = node.opType;
  FoldResult result;
  Tensor output;
  if (op == "Constant") {
    output = constant();
  } else if (op == "Shape") {
    output = shape();
  } else if (!allReadable() || node.inputs.size() < requiredInputs(op) ||
             !present(0)) {
    return result; // emitted, or the importer says what is missing
  } else if (!allPresent(requiredInputs(op))) {
    return result;
  } else if (op == "Identity" || op == "Dropout") {
    output = std::make_shared<TensorData>(*in(0));
  } else if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div" ||
             op == "Pow" || op == "Mod" || op == "Max" || op == "Min" ||
             op == "Neg" || op == "Sqrt" || op == "Equal" || op == "Less" ||
             op == "Greater" || op == "Not" || op == "And" || op == "Or") {
    output = elementwise();
  } else if (op == "Gather") {
    output = gather();
  } else if (op == "Concat") {
    output = concat();
  } else if (op == "Slice") {
    output = slice();
  } else if (op == "Reshape") {
    output = reshapeOp();
  } else if (op == "Squeeze" || op == "Unsqueeze") {
    output = squeeze(op == "Unsqueeze");
  } else if (op == "Flatten") {
    output = flatten();
  } else if (op == "Expand") {
    output = expand();
  } else if (op == "ConstantOfShape") {
    output = constantOfShape();
  } else if (op == "Cast") {
    output = cast();
  } else if (op == "Range") {
    output = range();
  } else if (op == "Where") {
    output = where();
  } else if (op == "Transpose") {
    output = transpose();
  } else if (op == "ScatterND") {
    output = scatterND();
  } else {
    return result;
  }
  if (!output)
    return result; // error set, or too big to evaluate
  result.folded = true;
  result.outputs.push_back(std::move(output));
  return result;
}

} // namespace

bool mlir::union_::onnx_import::broadcastDims(const std::vector<int64_t> &a,
                                              const std::vector<int64_t> &b,
                                              std::vector<int64_t> &out) {
  size_t rank = std::max(a.size(), b.size());
  out.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t x = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t y = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (x != y && x != 1 && y != 1)
      return false;
    out[rank - 1 - i] = x == 1 ? y : x;
  }
  return true;
}

bool mlir::union_::onnx_import::completeSliceOperands(
    const std::vector<int64_t> &starts, const std::vector<int64_t> &ends,
    std::vector<int64_t> &axes, std::vector<int64_t> &steps,
    std::string &error) {
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i)
      axes.push_back(i);
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size()) {
    error = "starts, ends, axes and steps differ in length";
    return false;
  }
  return true;
}

bool mlir::union_::onnx_import::reshapeDims(const std::vector<int64_t> &input,
                                            std::vector<int64_t> shape,
                                            bool allowZero,
                                            std::vector<int64_t> &output,
                                            std::string &error) {
  int64_t inferred = -1, known = 1, count = countOf(input);
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0 && !allowZero) {
      if (i >= input.size()) {
        error = "a 0 in the shape has no input dim to copy";
        return false;
      }
      shape[i] = input[i];
    }
    if (shape[i] == -1) {
      if (inferred >= 0) {
        error = "the shape has two -1s";
        return false;
      }
      inferred = i;
    } else if (shape[i] < 0) {
      error = "the shape has a negative dim";
      return false;
    } else {
      known = saturatingProduct({known, shape[i]});
    }
  }
  if (inferred >= 0) {
    if (known == 0 || count % known) {
      error = "the shape's -1 cannot be resolved";
      return false;
    }
    shape[inferred] = count / known;
  }
  if (countOf(shape) != count) {
    error = "the new shape has " + std::to_string(countOf(shape)) +
            " elements, the input " + std::to_string(count);
    return false;
  }
  output = std::move(shape);
  return true;
}

bool mlir::union_::onnx_import::squeezeDims(const std::vector<int64_t> &input,
                                            const std::vector<int64_t> &axes,
                                            bool unsqueeze,
                                            std::vector<int64_t> &output,
                                            std::string &error) {
  int64_t rank = input.size() + (unsqueeze ? axes.size() : 0);
  std::set<int64_t> marked;
  for (int64_t axis : axes) {
    if (axis < -rank || axis >= rank) {
      error = "axis " + std::to_string(axis) + " is out of range for rank " +
              std::to_string(rank);
      return false;
    }
    marked.insert(axis < 0 ? axis + rank : axis);
  }
  output.clear();
  if (unsqueeze) {
    size_t next = 0;
    for (int64_t i = 0; i < rank; ++i)
      output.push_back(marked.count(i) ? 1 : input[next++]);
    return true;
  }
  for (int64_t i = 0; i < rank; ++i) {
    if (marked.count(i) && input[i] != 1) {
      error = "squeezes dim " + std::to_string(i) + " of size " +
              std::to_string(input[i]);
      return false;
    }
    if (axes.empty() ? input[i] != 1 : !marked.count(i))
      output.push_back(input[i]);
  }
  return true;
}

bool mlir::union_::onnx_import::flattenDims(const std::vector<int64_t> &input,
                                            int64_t axis,
                                            std::vector<int64_t> &output,
                                            std::string &error) {
  int64_t rank = input.size();
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank) {
    error = "axis is out of range";
    return false;
  }
  output = {countOf({input.begin(), input.begin() + axis}),
            countOf({input.begin() + axis, input.end()})};
  return true;
}

FoldResult mlir::union_::onnx_import::foldNode(
    const Node &node, int64_t opset,
    const std::vector<const TensorData *> &known,
    const std::vector<const ValueType *> &inputTypes, std::string &error) {
  return Folder(node, opset, known, inputTypes, error).run();
}
