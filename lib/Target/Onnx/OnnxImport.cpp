//===- OnnxImport.cpp - ONNX graph to TOSA --------------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Walks the nodes in order. Each ONNX value is either an emitted tensor or
// a known constant (initializer, Constant, or a shape computation
// evaluated here); a constant becomes a tosa.const only when a tensor op
// reads it. Output shapes come from ONNX's shape inference, checked
// against the importer's own arithmetic where it computes them (windows).
//
//===----------------------------------------------------------------------===//

#include "Union/Target/OnnxImport.h"
#include "OnnxFolding.h"
#include "Union/Target/OnnxGraph.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

using namespace mlir;
using namespace mlir::union_;
using onnx_import::FoldResult;
using onnx_import::Graph;
using onnx_import::Node;
using onnx_import::ReadOptions;
using onnx_import::TensorData;
using onnx_import::ValueType;
using NodeAttribute = onnx_import::Attribute;
using namespace onnx_import; // the data types' names (kFloat, ...)

namespace {

/// Bounds on what the importer takes, far above any network's, so that no
/// window or index arithmetic on fuzzed sizes overflows.
constexpr int64_t kMaxDim = int64_t{1} << 31, kMaxElements = int64_t{1} << 48;

bool tooLarge(ArrayRef<int64_t> dims) {
  return llvm::any_of(dims, [](int64_t dim) { return dim > kMaxDim; }) ||
         saturatingProduct({dims.begin(), dims.end()}) > kMaxElements;
}

/// One ONNX value: an emitted tensor, a known constant, or both (a
/// constant once materialized).
struct Entry {
  Value value;
  std::shared_ptr<const TensorData> constant;
  std::vector<int64_t> dims;
  int32_t elementType = kUndefined;
  /// Produced by a node that failed: consumers are skipped silently.
  bool poisoned = false;
};

/// The scope of a PyTorch node name, `/layer1/layer1.0/conv1/Conv`, as
/// a module path, `layer1.0.conv1`, and its last component (`Conv`).
/// False for other names.
bool splitScopeName(StringRef name, std::string &path, StringRef &last) {
  if (!name.starts_with("/"))
    return false;
  SmallVector<StringRef> parts;
  name.drop_front().split(parts, '/', -1, /*KeepEmpty=*/false);
  if (parts.empty())
    return false;
  last = parts.pop_back_val();
  // Each scope names a submodule by its full path (`layer1.0` inside
  // `layer1`) or by its attribute name (`conv1`).
  std::vector<StringRef> segments;
  for (StringRef part : parts) {
    if (!segments.empty() && part.starts_with((segments.back() + ".").str()))
      segments.back() = part;
    else
      segments.push_back(part);
  }
  path = llvm::join(segments, ".");
  return true;
}

bool isComputeOp(StringRef opType) {
  return opType == "Conv" || opType == "ConvTranspose" || opType == "MatMul" ||
         opType == "Gemm" || opType == "Einsum";
}

/// The label of each node (its ops' location name): the module path for
/// PyTorch's scoped names, with the node's own name appended where the
/// module holds several convolutions or products (`self_attention.MatMul_1`)
/// or the node is not the module's op; other names as they are; unnamed
/// nodes `<OpType>_<index>`.
std::vector<std::string> labelNodes(const Graph &graph) {
  llvm::StringMap<unsigned> computeNodesPerScope;
  for (const Node &node : graph.nodes) {
    std::string path;
    StringRef last;
    if (isComputeOp(node.opType) && splitScopeName(node.name, path, last))
      ++computeNodesPerScope[path];
  }
  std::vector<std::string> labels;
  for (size_t index = 0; index < graph.nodes.size(); ++index) {
    const Node &node = graph.nodes[index];
    std::string path;
    StringRef last;
    if (node.name.empty()) {
      labels.push_back(node.opType + "_" + std::to_string(index));
    } else if (!splitScopeName(node.name, path, last)) {
      labels.push_back(node.name);
    } else if (!path.empty() && last == node.opType &&
               computeNodesPerScope.lookup(path) <= 1) {
      labels.push_back(path);
    } else {
      labels.push_back(path.empty() ? last.str() : path + "." + last.str());
    }
  }
  return labels;
}

class Importer {
public:
  Importer(const Graph &graph, StringRef fileName,
           const OnnxImportOptions &options, MLIRContext *context)
      : graph(graph), fileName(fileName.str()), options(options),
        context(context), builder(context),
        fileLoc(FileLineColLoc::get(context, fileName, 0, 0)), loc(fileLoc) {}

  OwningOpRef<ModuleOp> run();

private:
  // --- Diagnostics --------------------------------------------------------
  /// Starts the current node's error; the message names the node.
  InFlightDiagnostic nodeError() {
    ++nodeErrors;
    InFlightDiagnostic diag =
        options.keepGoing ? mlir::emitWarning(loc) : mlir::emitError(loc);
    if (current->name.empty())
      diag << "node #" << (current - graph.nodes.data());
    else
      diag << "node '" << current->name << "'";
    diag << " (" << current->opType << ", opset " << graph.opset << "): ";
    return diag;
  }

  // --- Types and constants ------------------------------------------------
  Type elementTypeOf(int32_t onnxType);
  RankedTensorType tensorType(ArrayRef<int64_t> dims, int32_t onnxType) {
    return RankedTensorType::get(dims, elementTypeOf(onnxType));
  }
  Value materialize(Entry &entry);
  Value splat(ArrayRef<int64_t> dims, int32_t onnxType, double value);
  Value shapeValue(ArrayRef<int64_t> values);
  /// One zero point per element type, at the top of the function.
  Value zeroPoint(int32_t onnxType);
  /// A weight whose contents were not read. Not 0 (nor 1): TOSA's folders
  /// would turn `x * 0` into a constant and drop everything before it.
  Value droppedWeight(ArrayRef<int64_t> dims, int32_t onnxType) {
    return splat(dims, onnxType, 0.01);
  }

  // --- Emitting TOSA ------------------------------------------------------
  Value emit(StringRef opName, Type result, ValueRange operands,
             ArrayRef<NamedAttribute> attributes = {});
  Value reshape(Value value, ArrayRef<int64_t> dims);
  Value transpose(Value value, ArrayRef<int32_t> perms);
  Value slice(Value value, ArrayRef<int64_t> start, ArrayRef<int64_t> size);
  Value unary(StringRef opName, Value value);
  Value binary(StringRef opName, Value lhs, Value rhs);
  Value clamp(Value value, double low, double high);
  Value reduce(StringRef opName, Value value, int64_t axis);
  Value scale(Value value, double factor);
  Value addScalar(Value value, double term);

  // --- Reading nodes ------------------------------------------------------
  Entry *input(size_t index);
  bool hasInput(size_t index) const {
    return index < current->inputs.size() && !current->inputs[index].empty();
  }
  FailureOr<Value> tensorInput(size_t index);
  FailureOr<std::vector<int64_t>> intsInput(size_t index, StringRef what);
  FailureOr<std::vector<double>> floatsInput(size_t index, StringRef what);
  std::optional<double> scalarInput(size_t index);
  FailureOr<std::vector<int64_t>> outputDims(size_t index);
  int64_t intAttr(StringRef name, int64_t fallback);
  double floatAttr(StringRef name, double fallback);
  std::vector<int64_t> intsAttr(StringRef name,
                                std::vector<int64_t> fallback = {});
  std::string stringAttr(StringRef name, StringRef fallback);
  void define(size_t index, Value value);
  void defineConstant(size_t index, std::shared_ptr<const TensorData> data);
  void alias(size_t output, size_t input);
  FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank);

  // --- Ops ------------------------------------------------------------------
  LogicalResult importNode();
  LogicalResult importConv();
  LogicalResult importConvTranspose();
  LogicalResult importMatMul();
  LogicalResult importGemm();
  LogicalResult importEinsum();
  LogicalResult importBatchNorm();
  LogicalResult importPool(bool isMax, bool isGlobal);
  LogicalResult importElementwise();
  LogicalResult importSoftmax();
  LogicalResult importLayerNorm();
  LogicalResult importReduce();
  LogicalResult importResize();
  LogicalResult importReshapeLike();
  LogicalResult importTranspose();
  LogicalResult importConcat();
  LogicalResult importSlice();
  LogicalResult importSplit();
  LogicalResult importGather();
  LogicalResult importExpand();
  LogicalResult importPad();
  LogicalResult importCast();
  Value matmul(Value lhs, Value rhs, ArrayRef<int64_t> lhsDims,
               ArrayRef<int64_t> rhsDims, std::vector<int64_t> &resultDims);

  /// Window geometry of one spatial dim (conv or pool), made an exact fit.
  struct Window {
    int64_t input, kernel, stride, dilation, padBefore, padAfter, output;
  };
  FailureOr<std::vector<Window>>
  windows(ArrayRef<int64_t> inputDims, ArrayRef<int64_t> kernel, bool ceilMode);

  const Graph &graph;
  std::string fileName;
  const OnnxImportOptions &options;
  MLIRContext *context;
  OpBuilder builder;
  Location fileLoc, loc;
  std::unordered_map<std::string, Entry> values;
  const Node *current = nullptr;
  size_t nodeErrors = 0;
  std::vector<std::string> skipped;
  std::vector<std::pair<Value, std::string>> placeholders;
  /// tosa.mul's shift operand and zero points, made once.
  Value shift;
  std::map<int32_t, Value> zeroPoints;
};

Type Importer::elementTypeOf(int32_t onnxType) {
  switch (onnxType) {
  case kDouble:
    return builder.getF64Type();
  case kFloat16:
    return builder.getF16Type();
  case kBFloat16:
    return builder.getBF16Type();
  case kInt64:
    return builder.getI64Type();
  case kInt32:
    return builder.getI32Type();
  case kInt8:
  case kUint8:
    return builder.getI8Type();
  case kBool:
    return builder.getI1Type();
  default:
    return builder.getF32Type();
  }
}

/// The ONNX type of an element type the importer writes.
int32_t onnxTypeOf(Type element) {
  if (element.isInteger(1))
    return kBool;
  if (element.isF64())
    return kDouble;
  if (element.isF16())
    return kFloat16;
  if (element.isBF16())
    return kBFloat16;
  if (element.isInteger(64))
    return kInt64;
  if (element.isInteger(32))
    return kInt32;
  if (element.isInteger(8))
    return kInt8;
  return kFloat;
}

bool isFloating(int32_t onnxType) {
  return isFloatType(onnxType) || onnxType == kUndefined;
}

Value Importer::splat(ArrayRef<int64_t> dims, int32_t onnxType, double value) {
  RankedTensorType type = tensorType(dims, onnxType);
  mlir::Attribute element;
  if (isa<FloatType>(type.getElementType()))
    element = builder.getFloatAttr(type.getElementType(), value);
  else
    element = builder.getIntegerAttr(type.getElementType(),
                                     static_cast<int64_t>(value));
  return emit(
      "tosa.const", type, {},
      {builder.getNamedAttr("values", DenseElementsAttr::get(type, element))});
}

Value Importer::zeroPoint(int32_t onnxType) {
  Value &cached = zeroPoints[onnxType];
  if (!cached) {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(builder.getInsertionBlock());
    cached = splat({1}, onnxType, 0);
  }
  return cached;
}

Value Importer::materialize(Entry &entry) {
  if (entry.value)
    return entry.value;
  const TensorData &data = *entry.constant;
  RankedTensorType type = tensorType(data.dims, data.elementType);
  Type element = type.getElementType();
  DenseElementsAttr attribute;
  int64_t count = data.numElements();
  if (!data.hasValues) {
    entry.value = droppedWeight(data.dims, data.elementType);
    return entry.value;
  }
  if (!data.rawFloats.empty()) {
    attribute = DenseElementsAttr::getFromRawBuffer(
        RankedTensorType::get(data.dims, builder.getF32Type()),
        ArrayRef<char>(data.rawFloats.data(), data.rawFloats.size()));
    if (element != builder.getF32Type())
      type = cast<RankedTensorType>(attribute.getType());
  } else if (isa<FloatType>(element)) {
    bool isSplat = data.floats.size() == 1 && count != 1;
    SmallVector<APFloat> floats;
    for (double value : data.floats) {
      APFloat converted(value);
      bool lost;
      converted.convert(cast<FloatType>(element).getFloatSemantics(),
                        APFloat::rmNearestTiesToEven, &lost);
      floats.push_back(converted);
    }
    attribute = isSplat ? DenseElementsAttr::get(type, floats.front())
                        : DenseElementsAttr::get(type, floats);
  } else {
    bool isSplat = data.ints.size() == 1 && count != 1;
    unsigned width = element.getIntOrFloatBitWidth();
    SmallVector<APInt> ints;
    for (int64_t value : data.ints)
      ints.push_back(APInt(width, static_cast<uint64_t>(value),
                           /*isSigned=*/width > 1, /*implicitTrunc=*/true));
    attribute = isSplat ? DenseElementsAttr::get(type, ints.front())
                        : DenseElementsAttr::get(type, ints);
  }
  entry.value =
      emit("tosa.const", type, {}, {builder.getNamedAttr("values", attribute)});
  return entry.value;
}

Value Importer::shapeValue(ArrayRef<int64_t> shapeValues) {
  auto type = RankedTensorType::get({static_cast<int64_t>(shapeValues.size())},
                                    builder.getIndexType());
  return emit("tosa.const_shape",
              tosa::shapeType::get(context, shapeValues.size()), {},
              {builder.getNamedAttr(
                  "values", DenseIntElementsAttr::get(type, shapeValues))});
}

Value Importer::emit(StringRef opName, Type result, ValueRange operands,
                     ArrayRef<NamedAttribute> attributes) {
  OperationState state(loc, opName);
  state.addOperands(operands);
  state.addTypes(result);
  state.addAttributes(attributes);
  return builder.create(state)->getResult(0);
}

ArrayRef<int64_t> dimsOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

Type elementOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

Value Importer::reshape(Value value, ArrayRef<int64_t> dims) {
  if (dimsOf(value) == dims)
    return value;
  return emit("tosa.reshape", RankedTensorType::get(dims, elementOf(value)),
              {value, shapeValue(dims)});
}

Value Importer::transpose(Value value, ArrayRef<int32_t> perms) {
  ArrayRef<int64_t> dims = dimsOf(value);
  SmallVector<int64_t> result;
  for (int32_t perm : perms)
    result.push_back(dims[perm]);
  return emit(
      "tosa.transpose", RankedTensorType::get(result, elementOf(value)),
      {value},
      {builder.getNamedAttr("perms", builder.getDenseI32ArrayAttr(perms))});
}

Value Importer::slice(Value value, ArrayRef<int64_t> start,
                      ArrayRef<int64_t> size) {
  if (llvm::all_of(start, [](int64_t at) { return at == 0; }) &&
      dimsOf(value) == size)
    return value;
  return emit("tosa.slice", RankedTensorType::get(size, elementOf(value)),
              {value, shapeValue(start), shapeValue(size)});
}

Value Importer::unary(StringRef opName, Value value) {
  return emit(opName, value.getType(), {value});
}

/// NumPy broadcasting: the lower-rank operand gets leading 1s.
Value Importer::binary(StringRef opName, Value lhs, Value rhs) {
  ArrayRef<int64_t> lhsDims = dimsOf(lhs), rhsDims = dimsOf(rhs);
  size_t rank = std::max(lhsDims.size(), rhsDims.size());
  auto extend = [&](Value value) {
    SmallVector<int64_t> dims(rank - dimsOf(value).size(), 1);
    llvm::append_range(dims, dimsOf(value));
    return reshape(value, dims);
  };
  lhs = extend(lhs);
  rhs = extend(rhs);
  SmallVector<int64_t> result;
  for (size_t i = 0; i < rank; ++i)
    result.push_back(dimsOf(lhs)[i] == 1 ? dimsOf(rhs)[i] : dimsOf(lhs)[i]);
  auto type = RankedTensorType::get(result, elementOf(lhs));
  if (opName == "tosa.mul") {
    if (!shift) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(builder.getInsertionBlock());
      auto shiftType = RankedTensorType::get({1}, builder.getI8Type());
      shift = emit("tosa.const", shiftType, {},
                   {builder.getNamedAttr(
                       "values", DenseElementsAttr::get(
                                     shiftType, builder.getI8IntegerAttr(0)))});
    }
    return emit(opName, type, {lhs, rhs, shift});
  }
  return emit(opName, type, {lhs, rhs});
}

Value Importer::clamp(Value value, double low, double high) {
  Type element = elementOf(value);
  mlir::Attribute lowAttr, highAttr;
  if (auto floatType = dyn_cast<FloatType>(element)) {
    double largest =
        APFloat::getLargest(floatType.getFloatSemantics()).convertToDouble();
    lowAttr = builder.getFloatAttr(element, std::max(low, -largest));
    highAttr = builder.getFloatAttr(element, std::min(high, largest));
  } else {
    lowAttr = builder.getIntegerAttr(element, clampToInt64(low));
    highAttr = builder.getIntegerAttr(element, clampToInt64(high));
  }
  return emit("tosa.clamp", value.getType(), {value},
              {builder.getNamedAttr("min_val", lowAttr),
               builder.getNamedAttr("max_val", highAttr)});
}

Value Importer::reduce(StringRef opName, Value value, int64_t axis) {
  SmallVector<int64_t> dims(dimsOf(value));
  dims[axis] = 1;
  return emit(opName, RankedTensorType::get(dims, elementOf(value)), {value},
              {builder.getNamedAttr("axis", builder.getI32IntegerAttr(
                                                static_cast<int32_t>(axis)))});
}

Value Importer::scale(Value value, double factor) {
  SmallVector<int64_t> ones(dimsOf(value).size(), 1);
  Value constant =
      emit("tosa.const", RankedTensorType::get(ones, elementOf(value)), {},
           {builder.getNamedAttr(
               "values", DenseElementsAttr::get(
                             RankedTensorType::get(ones, elementOf(value)),
                             builder.getFloatAttr(elementOf(value), factor)))});
  return binary("tosa.mul", value, constant);
}

Value Importer::addScalar(Value value, double term) {
  SmallVector<int64_t> ones(dimsOf(value).size(), 1);
  auto type = RankedTensorType::get(ones, elementOf(value));
  Value constant = emit(
      "tosa.const", type, {},
      {builder.getNamedAttr(
          "values", DenseElementsAttr::get(
                        type, builder.getFloatAttr(elementOf(value), term)))});
  return binary("tosa.add", value, constant);
}

// --- Reading nodes -----------------------------------------------------

Entry *Importer::input(size_t index) {
  if (!hasInput(index))
    return nullptr;
  auto it = values.find(current->inputs[index]);
  return it == values.end() ? nullptr : &it->second;
}

FailureOr<Value> Importer::tensorInput(size_t index) {
  Entry *entry = input(index);
  if (!entry) {
    nodeError() << "input " << index << " is missing";
    return failure();
  }
  return materialize(*entry);
}

FailureOr<std::vector<int64_t>> Importer::intsInput(size_t index,
                                                    StringRef what) {
  Entry *entry = input(index);
  if (!entry || !entry->constant || !entry->constant->hasValues ||
      !entry->constant->isInteger()) {
    nodeError() << "its " << what << " (input " << index << ", '"
                << (hasInput(index) ? current->inputs[index] : "") << "')"
                << " must be a constant the importer can evaluate";
    return failure();
  }
  const TensorData &data = *entry->constant;
  std::vector<int64_t> result = data.ints;
  if (result.size() == 1 && data.numElements() != 1)
    result.assign(data.numElements(), result.front());
  return result;
}

FailureOr<std::vector<double>> Importer::floatsInput(size_t index,
                                                     StringRef what) {
  Entry *entry = input(index);
  if (!entry || !entry->constant || !entry->constant->hasValues) {
    nodeError() << "its " << what << " (input " << index << ", '"
                << (hasInput(index) ? current->inputs[index] : "") << "')"
                << " must be a constant the importer can evaluate";
    return failure();
  }
  const TensorData &data = *entry->constant;
  std::vector<double> result;
  for (int64_t i = 0; i < data.numElements(); ++i)
    result.push_back(data.valueAt(i));
  return result;
}

std::optional<double> Importer::scalarInput(size_t index) {
  Entry *entry = input(index);
  if (!entry || !entry->constant || !entry->constant->hasValues)
    return std::nullopt;
  const TensorData &data = *entry->constant;
  if (!data.floats.empty())
    return data.floats.front();
  if (!data.ints.empty())
    return static_cast<double>(data.ints.front());
  return std::nullopt;
}

FailureOr<std::vector<int64_t>> Importer::outputDims(size_t index) {
  const std::string &name = current->outputs[index];
  auto it = graph.types.find(name);
  if (it != graph.types.end() && it->second.isStatic() &&
      tooLarge(it->second.dims)) {
    nodeError() << "output '" << name << "' has a dim over 2^31 or over 2^48 "
                << "elements";
    return failure();
  }
  if (it == graph.types.end() || !it->second.isStatic()) {
    InFlightDiagnostic diag = nodeError();
    diag << "ONNX shape inference gave output '" << name << "' no static shape";
    if (it != graph.types.end())
      for (const std::string &dimName : it->second.dimNames)
        if (!dimName.empty()) {
          diag << "; dim '" << dimName
               << "' has no value (give one with --onnx-dim " << dimName
               << "=VALUE)";
          break;
        }
    return failure();
  }
  return it->second.dims;
}

int64_t Importer::intAttr(StringRef name, int64_t fallback) {
  const NodeAttribute *attribute = current->find(name.str());
  return attribute && attribute->kind == NodeAttribute::Int ? attribute->i
                                                            : fallback;
}

double Importer::floatAttr(StringRef name, double fallback) {
  const NodeAttribute *attribute = current->find(name.str());
  return attribute && attribute->kind == NodeAttribute::Float ? attribute->f
                                                              : fallback;
}

std::vector<int64_t> Importer::intsAttr(StringRef name,
                                        std::vector<int64_t> fallback) {
  const NodeAttribute *attribute = current->find(name.str());
  return attribute && attribute->kind == NodeAttribute::Ints ? attribute->ints
                                                             : fallback;
}

std::string Importer::stringAttr(StringRef name, StringRef fallback) {
  const NodeAttribute *attribute = current->find(name.str());
  return attribute && attribute->kind == NodeAttribute::String ? attribute->s
                                                               : fallback.str();
}

void Importer::define(size_t index, Value value) {
  if (index >= current->outputs.size() || current->outputs[index].empty())
    return;
  Entry entry;
  entry.value = value;
  entry.dims.assign(dimsOf(value).begin(), dimsOf(value).end());
  entry.elementType = onnxTypeOf(elementOf(value));
  values[current->outputs[index]] = std::move(entry);
}

void Importer::defineConstant(size_t index,
                              std::shared_ptr<const TensorData> data) {
  if (index >= current->outputs.size() || current->outputs[index].empty())
    return;
  Entry entry;
  entry.dims = data->dims;
  entry.elementType = data->elementType;
  entry.constant = std::move(data);
  values[current->outputs[index]] = std::move(entry);
}

void Importer::alias(size_t output, size_t inputIndex) {
  if (output < current->outputs.size() && input(inputIndex))
    values[current->outputs[output]] = *input(inputIndex);
}

FailureOr<int64_t> Importer::normalizeAxis(int64_t axis, int64_t rank) {
  if (rank == 0) {
    nodeError() << "its input is a scalar; axis " << axis << " names no dim";
    return failure();
  }
  if (axis < -rank || axis >= rank) {
    nodeError() << "axis " << axis << " is out of range for rank " << rank;
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

// --- Windows -------------------------------------------------------------

FailureOr<std::vector<Importer::Window>>
Importer::windows(ArrayRef<int64_t> inputDims, ArrayRef<int64_t> kernel,
                  bool ceilMode) {
  size_t spatial = kernel.size();
  std::vector<int64_t> strides = intsAttr("strides"),
                       dilations = intsAttr("dilations"),
                       pads = intsAttr("pads");
  if (strides.empty())
    strides.assign(spatial, 1);
  if (dilations.empty())
    dilations.assign(spatial, 1);
  if (pads.empty())
    pads.assign(2 * spatial, 0);
  if (strides.size() != spatial || dilations.size() != spatial ||
      pads.size() != 2 * spatial) {
    nodeError() << "strides, dilations and pads must have " << spatial << ", "
                << spatial << " and " << 2 * spatial << " values";
    return failure();
  }
  std::string autoPad = stringAttr("auto_pad", "NOTSET");
  std::vector<Window> result;
  for (size_t i = 0; i < spatial; ++i) {
    Window window{inputDims[i], kernel[i],         strides[i], dilations[i],
                  pads[i],      pads[i + spatial], 0};
    if (tooLarge({window.kernel, window.stride, window.dilation,
                  window.padBefore, window.padAfter})) {
      nodeError() << "kernel, strides, dilations or pads exceed 2^31";
      return failure();
    }
    if (window.kernel <= 0 || window.stride <= 0 || window.dilation <= 0 ||
        window.padBefore < 0 || window.padAfter < 0) {
      nodeError() << "kernel, strides and dilations must be positive and "
                     "pads not negative";
      return failure();
    }
    int64_t extent = (window.kernel - 1) * window.dilation + 1;
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      window.output = (window.input + window.stride - 1) / window.stride;
      int64_t total = std::max<int64_t>(
          (window.output - 1) * window.stride + extent - window.input, 0);
      window.padBefore =
          autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
      window.padAfter = total - window.padBefore;
    } else {
      if (autoPad == "VALID")
        window.padBefore = window.padAfter = 0;
      else if (autoPad != "NOTSET") {
        nodeError() << "auto_pad '" << autoPad << "' is not an ONNX value";
        return failure();
      }
      int64_t span = window.input + window.padBefore + window.padAfter - extent;
      if (span < 0) {
        nodeError() << "the window (" << extent
                    << ") is larger than the padded input ("
                    << window.input + window.padBefore + window.padAfter << ")";
        return failure();
      }
      window.output = ceilMode ? (span + window.stride - 1) / window.stride + 1
                               : span / window.stride + 1;
      // PyTorch's rule: the last window starts inside the input or the
      // leading padding.
      if (ceilMode && (window.output - 1) * window.stride >=
                          window.input + window.padBefore)
        --window.output;
    }
    // TOSA wants an exact fit: padding after the last window goes;
    // padding it needs (ceil mode) is added.
    int64_t need = (window.output - 1) * window.stride + extent;
    int64_t have = window.input + window.padBefore + window.padAfter;
    window.padAfter += need - have;
    result.push_back(window);
  }
  return result;
}

// --- Convolutions --------------------------------------------------------

LogicalResult Importer::importConv() {
  Entry *x = input(0), *w = input(1);
  if (!x || !w)
    return nodeError() << "needs an input and a weight", failure();
  size_t rank = x->dims.size();
  if (rank < 3 || rank > 5 || w->dims.size() != rank)
    return nodeError() << "input and weight must both have rank 3, 4 or 5 "
                          "(got "
                       << rank << " and " << w->dims.size() << ")",
           failure();
  int64_t group = intAttr("group", 1);
  int64_t n = x->dims[0], c = x->dims[1], m = w->dims[0];
  if (group <= 0 || c % group != 0 || m % group != 0 || w->dims[1] * group != c)
    return nodeError() << "group " << group << " does not divide input "
                       << "channels " << c << " and weight " << m << "x"
                       << w->dims[1] << " into groups",
           failure();
  std::vector<int64_t> spatialIn(x->dims.begin() + 2, x->dims.end());
  std::vector<int64_t> kernel(w->dims.begin() + 2, w->dims.end());
  FailureOr<std::vector<Window>> geometry = windows(spatialIn, kernel, false);
  if (failed(geometry))
    return failure();
  std::vector<Window> win = *geometry;
  int32_t elementType = x->elementType;
  Value xValue = materialize(*x);
  Value bias = hasInput(2) && input(2) ? materialize(*input(2))
                                       : splat({m}, elementType, 0);
  mlir::Attribute accType =
      TypeAttr::get(isFloating(elementType) ? builder.getF32Type()
                                            : Type(builder.getI32Type()));
  std::vector<int64_t> outDims = {n, m};
  for (const Window &window : win)
    outDims.push_back(window.output);

  // Weights stay as splats where they are: a transpose of a splat is the
  // splat of the transposed shape.
  auto weightAs = [&](ArrayRef<int64_t> dims, ArrayRef<int32_t> perms,
                      ArrayRef<int64_t> reshapeFirst) -> Value {
    if (w->constant && !w->constant->hasValues)
      return droppedWeight(dims, w->elementType);
    Value weight = materialize(*w);
    if (!reshapeFirst.empty())
      weight = reshape(weight, reshapeFirst);
    return transpose(weight, perms);
  };
  // Negative padAfter: the input is cut, not padded.
  auto cutInput = [&](Value channelsLast, size_t spatial) {
    SmallVector<int64_t> start(dimsOf(channelsLast).size(), 0);
    SmallVector<int64_t> size(dimsOf(channelsLast));
    for (size_t i = 0; i < spatial; ++i)
      if (win[i].padAfter < 0) {
        size[1 + i] += win[i].padAfter;
        win[i].padAfter = 0;
      }
    return slice(channelsLast, start, size);
  };

  if (rank == 5) {
    if (group != 1)
      return nodeError() << "grouped 3-D convolutions are not supported",
             failure();
    Value input5 = cutInput(transpose(xValue, {0, 2, 3, 4, 1}), 3);
    Value weight =
        weightAs({m, kernel[0], kernel[1], kernel[2], c}, {0, 2, 3, 4, 1}, {});
    SmallVector<int64_t> resultDims = {n, win[0].output, win[1].output,
                                       win[2].output, m};
    Value result = emit(
        "tosa.conv3d", tensorType(resultDims, elementType),
        {input5, weight, bias, zeroPoint(elementType),
         zeroPoint(w->elementType)},
        {builder.getNamedAttr(
             "pad", builder.getDenseI64ArrayAttr(
                        {win[0].padBefore, win[0].padAfter, win[1].padBefore,
                         win[1].padAfter, win[2].padBefore, win[2].padAfter})),
         builder.getNamedAttr(
             "stride", builder.getDenseI64ArrayAttr(
                           {win[0].stride, win[1].stride, win[2].stride})),
         builder.getNamedAttr("dilation", builder.getDenseI64ArrayAttr(
                                              {win[0].dilation, win[1].dilation,
                                               win[2].dilation})),
         builder.getNamedAttr("acc_type", accType)});
    define(0, transpose(result, {0, 4, 1, 2, 3}));
    return success();
  }

  // 1-D convolutions are 2-D ones with a height of 1.
  if (rank == 3) {
    xValue = reshape(xValue, {n, c, 1, spatialIn[0]});
    win.insert(win.begin(), Window{1, 1, 1, 1, 0, 0, 1});
    kernel.insert(kernel.begin(), 1);
  }
  Value channelsLast = cutInput(transpose(xValue, {0, 2, 3, 1}), 2);
  SmallVector<int64_t> weightRank4 = {m, w->dims[1], kernel[0], kernel[1]};
  auto attrs = [&](StringRef padName) {
    return SmallVector<NamedAttribute>{
        builder.getNamedAttr(padName, builder.getDenseI64ArrayAttr(
                                          {win[0].padBefore, win[0].padAfter,
                                           win[1].padBefore, win[1].padAfter})),
        builder.getNamedAttr("stride", builder.getDenseI64ArrayAttr(
                                           {win[0].stride, win[1].stride})),
        builder.getNamedAttr(
            "dilation",
            builder.getDenseI64ArrayAttr({win[0].dilation, win[1].dilation})),
        builder.getNamedAttr("acc_type", accType)};
  };
  int64_t oh = win[0].output, ow = win[1].output;
  Value result;
  bool depthwise = group == c && group > 1;
  if (group == 1) {
    Value weight = weightAs({m, kernel[0], kernel[1], c}, {0, 2, 3, 1},
                            rank == 3 ? ArrayRef<int64_t>(weightRank4)
                                      : ArrayRef<int64_t>());
    result = emit("tosa.conv2d", tensorType({n, oh, ow, m}, elementType),
                  {channelsLast, weight, bias, zeroPoint(elementType),
                   zeroPoint(w->elementType)},
                  attrs("pad"));
  } else if (depthwise) {
    // ONNX output channel c * multiplier + j is TOSA's too.
    int64_t multiplier = m / c;
    Value weight = weightAs({kernel[0], kernel[1], c, multiplier}, {2, 3, 0, 1},
                            {c, multiplier, kernel[0], kernel[1]});
    result =
        emit("tosa.depthwise_conv2d", tensorType({n, oh, ow, m}, elementType),
             {channelsLast, weight, bias, zeroPoint(elementType),
              zeroPoint(w->elementType)},
             attrs("pad"));
  } else {
    // TOSA has no grouped convolution: one conv per group, concatenated.
    int64_t groupIn = c / group, groupOut = m / group;
    SmallVector<Value> parts;
    Location nodeLoc = loc;
    for (int64_t g = 0; g < group; ++g) {
      loc = NameLoc::get(
          builder.getStringAttr(cast<NameLoc>(nodeLoc).getName().str() + "_g" +
                                std::to_string(g)),
          fileLoc);
      Value part =
          slice(channelsLast, {0, 0, 0, g * groupIn},
                {n, dimsOf(channelsLast)[1], dimsOf(channelsLast)[2], groupIn});
      Value weight;
      if (w->constant && !w->constant->hasValues) {
        weight = droppedWeight({groupOut, kernel[0], kernel[1], groupIn},
                               w->elementType);
      } else {
        Value full = materialize(*w);
        if (rank == 3)
          full = reshape(full, weightRank4);
        weight = transpose(slice(full, {g * groupOut, 0, 0, 0},
                                 {groupOut, groupIn, kernel[0], kernel[1]}),
                           {0, 2, 3, 1});
      }
      Value groupBias = slice(bias, {g * groupOut}, {groupOut});
      parts.push_back(emit("tosa.conv2d",
                           tensorType({n, oh, ow, groupOut}, elementType),
                           {part, weight, groupBias, zeroPoint(elementType),
                            zeroPoint(w->elementType)},
                           attrs("pad")));
    }
    loc = nodeLoc;
    result = emit("tosa.concat", tensorType({n, oh, ow, m}, elementType), parts,
                  {builder.getNamedAttr("axis", builder.getI32IntegerAttr(3))});
  }
  result = transpose(result, {0, 3, 1, 2});
  if (rank == 3)
    result = reshape(result, {n, m, ow});
  define(0, result);
  return success();
}

LogicalResult Importer::importConvTranspose() {
  Entry *x = input(0), *w = input(1);
  if (!x || !w)
    return nodeError() << "needs an input and a weight", failure();
  if (x->dims.size() != 4 || w->dims.size() != 4)
    return nodeError() << "only 2-D transposed convolutions (rank-4 input "
                          "and weight) are supported",
           failure();
  if (intAttr("group", 1) != 1)
    return nodeError() << "grouped transposed convolutions are not supported",
           failure();
  std::vector<int64_t> dilations = intsAttr("dilations", {1, 1});
  if (llvm::any_of(dilations, [](int64_t d) { return d != 1; }))
    return nodeError() << "dilated transposed convolutions are not supported",
           failure();
  int64_t n = x->dims[0], c = x->dims[1], m = w->dims[1];
  if (w->dims[0] != c)
    return nodeError() << "weight's first dim " << w->dims[0]
                       << " is not the input's channels " << c,
           failure();
  std::vector<int64_t> strides = intsAttr("strides", {1, 1}),
                       pads = intsAttr("pads", {0, 0, 0, 0}),
                       outputPadding = intsAttr("output_padding", {0, 0}),
                       outputShape = intsAttr("output_shape");
  if (strides.size() != 2 || pads.size() != 4 || outputPadding.size() != 2)
    return nodeError() << "strides, pads and output_padding must have 2, 4 "
                          "and 2 values",
           failure();
  int64_t k[2] = {w->dims[2], w->dims[3]};
  std::string autoPad = stringAttr("auto_pad", "NOTSET");
  SmallVector<int64_t> outPad, out;
  for (int i = 0; i < 2; ++i) {
    int64_t full = strides[i] * (x->dims[2 + i] - 1) + outputPadding[i] + k[i];
    int64_t before = pads[i], after = pads[i + 2];
    if (outputShape.size() == 2 || autoPad == "SAME_UPPER" ||
        autoPad == "SAME_LOWER") {
      int64_t target = outputShape.size() == 2 ? outputShape[i]
                                               : x->dims[2 + i] * strides[i];
      int64_t total = full - target;
      before = autoPad == "SAME_LOWER" ? total - total / 2 : total / 2;
      after = total - before;
    }
    int64_t size = full - before - after;
    if (size <= 0 || before >= k[i] || after - outputPadding[i] >= k[i])
      return nodeError() << "its pads leave no output or exceed the kernel",
             failure();
    // TOSA: OH = (IH - 1) * stride + out_pad_top + out_pad_bottom + KH.
    outPad.push_back(-before);
    outPad.push_back(outputPadding[i] - after);
    out.push_back(size);
  }
  Value channelsLast = transpose(materialize(*x), {0, 2, 3, 1});
  Value weight = w->constant && !w->constant->hasValues
                     ? droppedWeight({m, k[0], k[1], c}, w->elementType)
                     : transpose(materialize(*w), {1, 2, 3, 0});
  Value bias = hasInput(2) && input(2) ? materialize(*input(2))
                                       : splat({m}, x->elementType, 0);
  Value result = emit(
      "tosa.transpose_conv2d",
      tensorType({n, out[0], out[1], m}, x->elementType),
      {channelsLast, weight, bias, zeroPoint(x->elementType),
       zeroPoint(w->elementType)},
      {builder.getNamedAttr("out_pad", builder.getDenseI64ArrayAttr(outPad)),
       builder.getNamedAttr("stride", builder.getDenseI64ArrayAttr(strides)),
       builder.getNamedAttr("acc_type", TypeAttr::get(builder.getF32Type()))});
  define(0, transpose(result, {0, 3, 1, 2}));
  return success();
}

// --- Matrix products ------------------------------------------------------

int64_t product(ArrayRef<int64_t> dims) {
  return saturatingProduct({dims.begin(), dims.end()});
}

/// ONNX MatMul (NumPy matmul) of two rank >= 2 tensors as one tosa.matmul
/// with the same MACs: batch dims broadcast, a shared 2-D operand folds
/// the other's batch into its rows.
Value Importer::matmul(Value lhs, Value rhs, ArrayRef<int64_t> lhsDims,
                       ArrayRef<int64_t> rhsDims,
                       std::vector<int64_t> &resultDims) {
  int64_t m = lhsDims[lhsDims.size() - 2], k = lhsDims.back(),
          n = rhsDims.back();
  ArrayRef<int64_t> lhsBatch = lhsDims.drop_back(2),
                    rhsBatch = rhsDims.drop_back(2);
  size_t batchRank = std::max(lhsBatch.size(), rhsBatch.size());
  SmallVector<int64_t> lhsFull(batchRank - lhsBatch.size(), 1),
      rhsFull(batchRank - rhsBatch.size(), 1), batch;
  llvm::append_range(lhsFull, lhsBatch);
  llvm::append_range(rhsFull, rhsBatch);
  for (size_t i = 0; i < batchRank; ++i)
    batch.push_back(lhsFull[i] == 1 ? rhsFull[i] : lhsFull[i]);
  resultDims.assign(batch.begin(), batch.end());
  resultDims.push_back(m);
  resultDims.push_back(n);
  int64_t batchSize = product(batch);
  Type element = elementOf(lhs);
  Value zero = zeroPoint(onnxTypeOf(element));
  auto product3 = [&](Value a, Value b, int64_t batchDim, int64_t rows,
                      int64_t cols) {
    return emit("tosa.matmul",
                RankedTensorType::get({batchDim, rows, cols}, element),
                {a, b, zero, zero});
  };
  if (product(rhsFull) == 1) {
    // Every batch shares the right operand: one product of all rows.
    Value result =
        product3(reshape(lhs, {1, product(lhsFull) * m, k}),
                 reshape(rhs, {1, k, n}), 1, product(lhsFull) * m, n);
    if (product(lhsFull) == batchSize)
      return reshape(result, resultDims);
  }
  if (product(lhsFull) == 1 && batchSize == product(rhsFull)) {
    // Shared left operand: (B^T A^T)^T, B's batch folded into its rows.
    Value rhsT = transpose(reshape(rhs, {batchSize, k, n}), {0, 2, 1});
    Value lhsT = transpose(reshape(lhs, {1, m, k}), {0, 2, 1});
    Value result = product3(reshape(rhsT, {1, batchSize * n, k}), lhsT, 1,
                            batchSize * n, m);
    result = transpose(reshape(result, {batchSize, n, m}), {0, 2, 1});
    return reshape(result, resultDims);
  }
  // Broadcast both to the full batch (tile), then batched products.
  auto broadcast = [&](Value value, ArrayRef<int64_t> full, int64_t rows,
                       int64_t cols) {
    SmallVector<int64_t> dims(full), multiples;
    dims.push_back(rows);
    dims.push_back(cols);
    value = reshape(value, dims);
    for (size_t i = 0; i < batchRank; ++i)
      multiples.push_back(batch[i] / full[i]);
    multiples.push_back(1);
    multiples.push_back(1);
    if (llvm::any_of(multiples, [](int64_t f) { return f != 1; })) {
      SmallVector<int64_t> tiled(batch);
      tiled.push_back(rows);
      tiled.push_back(cols);
      value = emit("tosa.tile", RankedTensorType::get(tiled, element),
                   {value, shapeValue(multiples)});
    }
    return reshape(value, {batchSize, rows, cols});
  };
  Value result = product3(broadcast(lhs, lhsFull, m, k),
                          broadcast(rhs, rhsFull, k, n), batchSize, m, n);
  return reshape(result, resultDims);
}

LogicalResult Importer::importMatMul() {
  Entry *a = input(0), *b = input(1);
  if (!a || !b)
    return nodeError() << "needs two inputs", failure();
  std::vector<int64_t> aDims = a->dims, bDims = b->dims;
  if (aDims.empty() || bDims.empty())
    return nodeError() << "operands must have rank at least 1", failure();
  Value lhs = materialize(*a), rhs = materialize(*b);
  bool vectorLhs = aDims.size() == 1, vectorRhs = bDims.size() == 1;
  if (vectorLhs) {
    aDims.insert(aDims.begin(), 1);
    lhs = reshape(lhs, aDims);
  }
  if (vectorRhs) {
    bDims.push_back(1);
    rhs = reshape(rhs, bDims);
  }
  if (aDims.back() != bDims[bDims.size() - 2])
    return nodeError() << "inner dims differ (" << aDims.back() << " and "
                       << bDims[bDims.size() - 2] << ")",
           failure();
  for (size_t i = 0; i + 2 < std::min(aDims.size(), bDims.size()); ++i) {
    int64_t x = aDims[aDims.size() - 3 - i], y = bDims[bDims.size() - 3 - i];
    if (x != y && x != 1 && y != 1)
      return nodeError() << "batch dims " << x << " and " << y
                         << " do not broadcast",
             failure();
  }
  std::vector<int64_t> resultDims;
  Value result = matmul(lhs, rhs, aDims, bDims, resultDims);
  if (vectorLhs || vectorRhs) {
    std::vector<int64_t> dims(resultDims.begin(), resultDims.end() - 2);
    if (!vectorLhs)
      dims.push_back(resultDims[resultDims.size() - 2]);
    if (!vectorRhs)
      dims.push_back(resultDims.back());
    result = reshape(result, dims);
  }
  define(0, result);
  return success();
}

LogicalResult Importer::importGemm() {
  Entry *a = input(0), *b = input(1);
  if (!a || !b || a->dims.size() != 2 || b->dims.size() != 2)
    return nodeError() << "needs two rank-2 inputs", failure();
  bool transA = intAttr("transA", 0), transB = intAttr("transB", 0);
  int64_t m = transA ? a->dims[1] : a->dims[0],
          k = transA ? a->dims[0] : a->dims[1],
          kb = transB ? b->dims[1] : b->dims[0],
          n = transB ? b->dims[0] : b->dims[1];
  if (k != kb)
    return nodeError() << "inner dims differ (" << k << " and " << kb << ")",
           failure();
  Value lhs = materialize(*a);
  if (transA)
    lhs = transpose(lhs, {1, 0});
  Value rhs = b->constant && !b->constant->hasValues
                  ? droppedWeight({k, n}, b->elementType)
                  : materialize(*b);
  if (transB && !(b->constant && !b->constant->hasValues))
    rhs = transpose(rhs, {1, 0});
  std::vector<int64_t> resultDims;
  Value result = matmul(lhs, rhs, {m, k}, {k, n}, resultDims);
  double alpha = floatAttr("alpha", 1.0), beta = floatAttr("beta", 1.0);
  if (alpha != 1.0)
    result = scale(result, alpha);
  if (hasInput(2) && input(2)) {
    Value c = materialize(*input(2));
    if (beta != 1.0)
      c = scale(c, beta);
    result = binary("tosa.add", result, c);
  }
  define(0, result);
  return success();
}

/// Einsum of two operands as one tosa.matmul: letters in both operands and
/// the result are the batch, in both operands only contracted, in one
/// operand and the result its free rows or columns, in one operand only
/// summed first.
LogicalResult Importer::importEinsum() {
  std::string equation;
  for (char ch : stringAttr("equation", ""))
    if (ch != ' ')
      equation += ch;
  if (current->inputs.size() != 2 || !input(0) || !input(1))
    return nodeError() << "only two-operand einsums are supported", failure();
  if (equation.find("...") != std::string::npos)
    return nodeError() << "einsums with an ellipsis are not supported",
           failure();
  auto arrow = equation.find("->");
  std::string operands = equation.substr(0, arrow);
  auto comma = operands.find(',');
  if (comma == std::string::npos)
    return nodeError() << "equation '" << equation << "' has no two operands",
           failure();
  std::string lhs = operands.substr(0, comma), rhs = operands.substr(comma + 1);
  std::string out;
  if (arrow != std::string::npos) {
    out = equation.substr(arrow + 2);
  } else { // implicit: the letters seen once, in order
    for (char ch = 'A'; ch <= 'z'; ++ch)
      if (std::count(operands.begin(), operands.end(), ch) == 1)
        out += ch;
  }
  Entry *a = input(0), *b = input(1);
  std::map<char, int64_t> sizes;
  auto bind = [&](const std::string &term, const std::vector<int64_t> &dims) {
    if (term.size() != dims.size())
      return false;
    for (size_t i = 0; i < term.size(); ++i) {
      if (!std::isalpha(static_cast<unsigned char>(term[i])) ||
          term.find(term[i]) != i)
        return false; // not a letter, or a diagonal
      auto [it, inserted] = sizes.insert({term[i], dims[i]});
      if (!inserted && it->second != dims[i])
        return false;
    }
    return true;
  };
  if (!bind(lhs, a->dims) || !bind(rhs, b->dims))
    return nodeError() << "equation '" << equation
                       << "' does not match the operands' shapes (or repeats "
                          "a letter in one operand, or broadcasts)",
           failure();
  for (char ch : out)
    if (!sizes.count(ch) || out.find(ch) != out.rfind(ch))
      return nodeError() << "the result of '" << equation
                         << "' names an unknown or repeated letter",
             failure();
  auto has = [](const std::string &term, char ch) {
    return term.find(ch) != std::string::npos;
  };
  std::string batch, contracted, lhsFree, rhsFree;
  for (char ch : lhs) {
    if (has(rhs, ch))
      (has(out, ch) ? batch : contracted) += ch;
    else if (has(out, ch))
      lhsFree += ch;
  }
  for (char ch : rhs)
    if (!has(lhs, ch) && has(out, ch))
      rhsFree += ch;
  // Sums over letters of one operand only, then the operand in the order
  // batch, free, contracted (or batch, contracted, free).
  auto arrange = [&](Value value, std::string term,
                     const std::string &order) -> Value {
    for (size_t i = term.size(); i-- > 0;)
      if (!has(order, term[i])) {
        value = reduce("tosa.reduce_sum", value, i);
        SmallVector<int64_t> dims(dimsOf(value));
        dims.erase(dims.begin() + i);
        value = reshape(value, dims);
        term.erase(i, 1);
      }
    SmallVector<int32_t> perms;
    for (char ch : order)
      perms.push_back(static_cast<int32_t>(term.find(ch)));
    bool identity = true;
    for (size_t i = 0; i < perms.size(); ++i)
      identity &= perms[i] == static_cast<int32_t>(i);
    return identity ? value : transpose(value, perms);
  };
  auto sizeOf = [&](const std::string &letters) {
    int64_t size = 1;
    for (char ch : letters)
      size = saturatingProduct({size, sizes[ch]});
    return size;
  };
  int64_t batchSize = sizeOf(batch), m = sizeOf(lhsFree), n = sizeOf(rhsFree),
          k = sizeOf(contracted);
  Value left =
      reshape(arrange(materialize(*a), lhs, batch + lhsFree + contracted),
              {batchSize, m, k});
  Value right =
      reshape(arrange(materialize(*b), rhs, batch + contracted + rhsFree),
              {batchSize, k, n});
  Type element = elementOf(left);
  Value zero = zeroPoint(onnxTypeOf(element));
  Value product =
      emit("tosa.matmul", RankedTensorType::get({batchSize, m, n}, element),
           {left, right, zero, zero});
  std::string order = batch + lhsFree + rhsFree;
  SmallVector<int64_t> dims;
  for (char ch : order)
    dims.push_back(sizes[ch]);
  Value result = reshape(product, dims);
  SmallVector<int32_t> perms;
  for (char ch : out)
    perms.push_back(static_cast<int32_t>(order.find(ch)));
  bool identity = true;
  for (size_t i = 0; i < perms.size(); ++i)
    identity &= perms[i] == static_cast<int32_t>(i);
  define(0, identity ? result : transpose(result, perms));
  return success();
}

// --- Normalization and elementwise ----------------------------------------

LogicalResult Importer::importBatchNorm() {
  Entry *x = input(0);
  if (!x || x->dims.size() < 2)
    return nodeError() << "needs an input of rank at least 2", failure();
  if (current->outputs.size() > 1 && !current->outputs[1].empty())
    return nodeError() << "training mode (running-statistics outputs) is not "
                          "supported",
           failure();
  double epsilon = floatAttr("epsilon", 1e-5);
  int64_t channels = x->dims[1];
  // y = x * a + b with a = scale / sqrt(var + eps), b = bias - mean * a.
  auto data = [&](size_t index) -> const TensorData * {
    Entry *entry = input(index);
    return entry && entry->constant && entry->constant->hasValues &&
                   entry->constant->numElements() == channels
               ? entry->constant.get()
               : nullptr;
  };
  std::vector<int64_t> dims(x->dims.size(), 1);
  dims[1] = channels;
  auto factors = std::make_shared<TensorData>(),
       terms = std::make_shared<TensorData>();
  for (auto *tensor : {factors.get(), terms.get()}) {
    tensor->elementType = x->elementType;
    tensor->dims = dims;
  }
  const TensorData *scaleData = data(1), *biasData = data(2),
                   *meanData = data(3), *varData = data(4);
  if (scaleData && biasData && meanData && varData) {
    for (int64_t i = 0; i < channels; ++i) {
      double factor =
          scaleData->valueAt(i) / std::sqrt(varData->valueAt(i) + epsilon);
      factors->floats.push_back(factor);
      terms->floats.push_back(biasData->valueAt(i) -
                              meanData->valueAt(i) * factor);
    }
    factors->hasValues = terms->hasValues = true;
  }
  Entry factorEntry, termEntry;
  factorEntry.constant = factors;
  termEntry.constant = terms;
  Value result = binary("tosa.mul", materialize(*x), materialize(factorEntry));
  define(0, binary("tosa.add", result, materialize(termEntry)));
  return success();
}

LogicalResult Importer::importElementwise() {
  const std::string &op = current->opType;
  FailureOr<Value> first = tensorInput(0);
  if (failed(first))
    return failure();
  Value x = *first;
  static const llvm::StringMap<StringRef> unaryOps = {
      {"Sigmoid", "tosa.sigmoid"}, {"Tanh", "tosa.tanh"},
      {"Erf", "tosa.erf"},         {"Exp", "tosa.exp"},
      {"Log", "tosa.log"},         {"Neg", "tosa.negate"},
      {"Abs", "tosa.abs"},         {"Reciprocal", "tosa.reciprocal"}};
  static const llvm::StringMap<StringRef> binaryOps = {
      {"Add", "tosa.add"}, {"Sub", "tosa.sub"},     {"Mul", "tosa.mul"},
      {"Pow", "tosa.pow"}, {"Max", "tosa.maximum"}, {"Min", "tosa.minimum"}};
  if (auto it = unaryOps.find(op); it != unaryOps.end()) {
    if (op == "Neg") {
      define(0, scale(x, -1.0));
      return success();
    }
    define(0, unary(it->second, x));
    return success();
  }
  if (op == "Relu") {
    define(0, clamp(x, 0, std::numeric_limits<double>::infinity()));
    return success();
  }
  if (op == "Clip") {
    double low = -std::numeric_limits<double>::infinity(),
           high = std::numeric_limits<double>::infinity();
    if (graph.opset < 11) {
      low = floatAttr("min", low);
      high = floatAttr("max", high);
    } else {
      if (hasInput(1)) {
        std::optional<double> value = scalarInput(1);
        if (!value)
          return nodeError() << "its min must be a constant", failure();
        low = *value;
      }
      if (hasInput(2)) {
        std::optional<double> value = scalarInput(2);
        if (!value)
          return nodeError() << "its max must be a constant", failure();
        high = *value;
      }
    }
    define(0, clamp(x, low, high));
    return success();
  }
  if (op == "HardSigmoid" || op == "HardSwish") {
    double alpha = op == "HardSwish" ? 1.0 / 6 : floatAttr("alpha", 0.2);
    double beta = op == "HardSwish" ? 0.5 : floatAttr("beta", 0.5);
    Value gate = clamp(addScalar(scale(x, alpha), beta), 0, 1);
    define(0, op == "HardSwish" ? binary("tosa.mul", x, gate) : gate);
    return success();
  }
  if (op == "LeakyRelu") {
    // max(x, alpha x) for alpha <= 1; min(x, alpha x) above.
    double alpha = floatAttr("alpha", 0.01);
    define(0, binary(alpha <= 1 ? "tosa.maximum" : "tosa.minimum", x,
                     scale(x, alpha)));
    return success();
  }
  if (op == "Elu" || op == "Selu" || op == "Celu") {
    // gamma (max(x, 0) + alpha (exp(min(x, 0) / theta) - 1)), theta = 1
    // except for Celu (theta = alpha).
    double alpha =
        floatAttr("alpha", op == "Selu" ? 1.67326319217681884765625 : 1.0);
    double gamma =
        op == "Selu" ? floatAttr("gamma", 1.05070102214813232421875) : 1.0;
    double theta = op == "Celu" ? alpha : 1.0;
    const double inf = std::numeric_limits<double>::infinity();
    Value negative = unary("tosa.exp", scale(clamp(x, -inf, 0), 1 / theta));
    Value result = binary("tosa.add", clamp(x, 0, inf),
                          scale(addScalar(negative, -1.0), alpha));
    define(0, gamma == 1.0 ? result : scale(result, gamma));
    return success();
  }
  if (op == "Softplus" || op == "Mish") {
    // log(1 + exp(x)); Mish is x tanh(softplus(x)).
    Value softplus = unary("tosa.log", addScalar(unary("tosa.exp", x), 1.0));
    define(0, op == "Softplus"
                  ? softplus
                  : binary("tosa.mul", x, unary("tosa.tanh", softplus)));
    return success();
  }
  if (op == "Sqrt") {
    define(0, unary("tosa.reciprocal", unary("tosa.rsqrt", x)));
    return success();
  }
  if (op == "Gelu") {
    // 0.5 x (1 + erf(x / sqrt 2)), as PyTorch decomposes it.
    Value inner = unary("tosa.erf", scale(x, 1.0 / std::sqrt(2.0)));
    define(0, binary("tosa.mul", scale(x, 0.5), addScalar(inner, 1.0)));
    return success();
  }
  FailureOr<Value> second = tensorInput(1);
  if (failed(second))
    return failure();
  if (op == "Div") {
    define(0, binary("tosa.mul", x, unary("tosa.reciprocal", *second)));
    return success();
  }
  if (op == "PRelu") {
    // max(x, 0) + slope min(x, 0), the slope broadcast to x.
    const double inf = std::numeric_limits<double>::infinity();
    define(0, binary("tosa.add", clamp(x, 0, inf),
                     binary("tosa.mul", clamp(x, -inf, 0), *second)));
    return success();
  }
  auto it = binaryOps.find(op);
  define(0, binary(it->second, x, *second));
  return success();
}

LogicalResult Importer::importSoftmax() {
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  Value x = *in;
  int64_t rank = dimsOf(x).size();
  FailureOr<int64_t> axis =
      normalizeAxis(intAttr("axis", graph.opset < 13 ? 1 : -1), rank);
  if (failed(axis))
    return failure();
  // Before opset 13 Softmax normalizes over all dims from `axis` on.
  SmallVector<int64_t> original(dimsOf(x));
  int64_t reduceAxis = *axis;
  if (graph.opset < 13 && *axis != rank - 1) {
    ArrayRef<int64_t> dims = dimsOf(x);
    x = reshape(
        x, {product(dims.take_front(*axis)), product(dims.drop_front(*axis))});
    reduceAxis = 1;
  }
  Value shifted =
      binary("tosa.sub", x, reduce("tosa.reduce_max", x, reduceAxis));
  Value exponent = unary("tosa.exp", shifted);
  Value sum = reduce("tosa.reduce_sum", exponent, reduceAxis);
  Value result = binary("tosa.mul", exponent, unary("tosa.reciprocal", sum));
  define(0, reshape(result, original));
  return success();
}

LogicalResult Importer::importLayerNorm() {
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  Value x = *in;
  int64_t rank = dimsOf(x).size();
  FailureOr<int64_t> axis = normalizeAxis(intAttr("axis", -1), rank);
  if (failed(axis))
    return failure();
  double epsilon = floatAttr("epsilon", 1e-5);
  int64_t count = product(dimsOf(x).drop_front(*axis));
  auto mean = [&](Value value) {
    for (int64_t i = *axis; i < rank; ++i)
      value = reduce("tosa.reduce_sum", value, i);
    return scale(value, 1.0 / static_cast<double>(count));
  };
  Value centered = binary("tosa.sub", x, mean(x));
  Value variance = mean(binary("tosa.mul", centered, centered));
  Value result = binary("tosa.mul", centered,
                        unary("tosa.rsqrt", addScalar(variance, epsilon)));
  if (hasInput(1) && input(1))
    result = binary("tosa.mul", result, materialize(*input(1)));
  if (hasInput(2) && input(2))
    result = binary("tosa.add", result, materialize(*input(2)));
  define(0, result);
  return success();
}

LogicalResult Importer::importReduce() {
  const std::string &op = current->opType;
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  Value x = *in;
  int64_t rank = dimsOf(x).size();
  // Axes became an input in opset 13 for ReduceSum, in 18 for the others.
  std::vector<int64_t> axes = intsAttr("axes");
  int64_t axesInputOpset = op == "ReduceSum" ? 13 : 18;
  if (graph.opset >= axesInputOpset && hasInput(1)) {
    FailureOr<std::vector<int64_t>> given = intsInput(1, "axes");
    if (failed(given))
      return failure();
    axes = *given;
  }
  if (axes.empty()) {
    if (intAttr("noop_with_empty_axes", 0)) {
      alias(0, 0);
      return success();
    }
    for (int64_t i = 0; i < rank; ++i)
      axes.push_back(i);
  }
  StringRef reduction = op == "ReduceMax"   ? "tosa.reduce_max"
                        : op == "ReduceMin" ? "tosa.reduce_min"
                                            : "tosa.reduce_sum";
  int64_t count = 1;
  for (int64_t &axis : axes) {
    FailureOr<int64_t> normalized = normalizeAxis(axis, rank);
    if (failed(normalized))
      return failure();
    axis = *normalized;
    count = saturatingProduct({count, dimsOf(x)[axis]});
    x = reduce(reduction, x, axis);
  }
  if (op == "ReduceMean")
    x = scale(x, 1.0 / static_cast<double>(count));
  if (!intAttr("keepdims", 1)) {
    std::vector<int64_t> kept;
    for (int64_t i = 0; i < rank; ++i)
      if (!llvm::is_contained(axes, i))
        kept.push_back(dimsOf(x)[i]);
    x = reshape(x, kept);
  }
  define(0, x);
  return success();
}

// --- Resizing -----------------------------------------------------------

LogicalResult Importer::importResize() {
  const std::string &op = current->opType;
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  ArrayRef<int64_t> inDims = dimsOf(*in);
  size_t rank = inDims.size();
  // Opset 18's `axes` names the dims that sizes and scales cover.
  std::vector<int64_t> axes = intsAttr("axes");
  if (axes.empty())
    for (size_t i = 0; i < rank; ++i)
      axes.push_back(static_cast<int64_t>(i));
  for (int64_t &axis : axes) {
    FailureOr<int64_t> normalized =
        normalizeAxis(axis, static_cast<int64_t>(rank));
    if (failed(normalized))
      return failure();
    axis = *normalized;
  }
  // The output size: `sizes` (Resize from opset 11) or floor(dim x scale).
  std::vector<int64_t> outDims(inDims.begin(), inDims.end());
  bool newStyle = op == "Resize" && graph.opset >= 11;
  auto isEmpty = [&](size_t index) {
    Entry *entry = input(index);
    return !entry || llvm::is_contained(entry->dims, int64_t{0});
  };
  if (newStyle && !isEmpty(3)) {
    FailureOr<std::vector<int64_t>> sizes = intsInput(3, "sizes");
    if (failed(sizes))
      return failure();
    if (sizes->size() != axes.size())
      return nodeError() << "it has " << sizes->size() << " sizes for "
                         << axes.size() << " dims",
             failure();
    for (auto [axis, size] : llvm::zip(axes, *sizes)) {
      if (size < 1 || size > std::numeric_limits<int32_t>::max())
        return nodeError() << "its size " << size << " for dim " << axis
                           << " is not between 1 and 2^31 - 1",
               failure();
      outDims[axis] = size;
    }
  } else {
    std::vector<double> scales;
    if (op == "Upsample" && graph.opset < 9) {
      const NodeAttribute *attribute = current->find("scales");
      if (attribute && attribute->kind == NodeAttribute::Floats)
        scales = attribute->floats;
    } else {
      FailureOr<std::vector<double>> given =
          floatsInput(newStyle ? 2 : 1, "scales");
      if (failed(given))
        return failure();
      scales = *given;
    }
    if (scales.size() != axes.size())
      return nodeError() << "it has " << scales.size() << " scales for "
                         << axes.size() << " dims",
             failure();
    for (auto [axis, factor] : llvm::zip(axes, scales)) {
      double size = std::floor(static_cast<double>(inDims[axis]) * factor);
      if (!(size >= 1 && size <= std::numeric_limits<int32_t>::max()))
        return nodeError() << "its scale " << factor << " for dim " << axis
                           << " gives a size outside 1 to 2^31 - 1",
               failure();
      outDims[axis] = static_cast<int64_t>(size);
    }
  }
  if (ArrayRef<int64_t>(outDims) == inDims) {
    alias(0, 0);
    return success();
  }
  if (rank != 4 || outDims[0] != inDims[0] || outDims[1] != inDims[1])
    return nodeError() << "only the last two dims of a rank-4 (NCHW) tensor "
                          "can be resized (as TOSA's resize does)",
           failure();
  // Interpolation changes values, not shapes or MACs: cubic becomes
  // bilinear.
  std::string mode = stringAttr("mode", "nearest");
  if (mode != "nearest" && mode != "linear" && mode != "cubic")
    return nodeError() << "mode '" << mode << "' is not supported", failure();
  auto modeAttr = tosa::ResizeModeAttr::get(
      context, mode == "nearest" ? tosa::ResizeMode::NEAREST_NEIGHBOR
                                 : tosa::ResizeMode::BILINEAR);
  // Scale out/in per dim with border out - in: TOSA's output size
  // ((in - 1) * out + out - in) / in + 1 is then exactly `out`.
  int64_t inH = inDims[2], inW = inDims[3], outH = outDims[2],
          outW = outDims[3];
  Value channelsLast = transpose(*in, {0, 2, 3, 1});
  Value resized = emit(
      "tosa.resize",
      RankedTensorType::get({inDims[0], outH, outW, inDims[1]}, elementOf(*in)),
      {channelsLast, shapeValue({outH, inH, outW, inW}), shapeValue({0, 0}),
       shapeValue({outH - inH, outW - inW})},
      {builder.getNamedAttr("mode", modeAttr)});
  define(0, transpose(resized, {0, 3, 1, 2}));
  return success();
}

// --- Pooling ------------------------------------------------------------

LogicalResult Importer::importPool(bool isMax, bool isGlobal) {
  Entry *x = input(0);
  if (!x || x->dims.size() != 4)
    return nodeError() << "only 2-D pooling (rank-4 input) is supported",
           failure();
  if (current->outputs.size() > 1 && !current->outputs[1].empty())
    return nodeError() << "the indices output is not supported", failure();
  std::vector<int64_t> spatial = {x->dims[2], x->dims[3]};
  std::vector<Window> win;
  if (isGlobal) {
    win = {Window{spatial[0], spatial[0], 1, 1, 0, 0, 1},
           Window{spatial[1], spatial[1], 1, 1, 0, 0, 1}};
  } else {
    std::vector<int64_t> kernel = intsAttr("kernel_shape");
    if (kernel.size() != 2)
      return nodeError() << "kernel_shape must have 2 values", failure();
    FailureOr<std::vector<Window>> geometry =
        windows(spatial, kernel, intAttr("ceil_mode", 0) != 0);
    if (failed(geometry))
      return failure();
    win = *geometry;
    if (win[0].dilation != 1 || win[1].dilation != 1)
      return nodeError() << "dilated pooling is not supported", failure();
  }
  Value channelsLast = transpose(materialize(*x), {0, 2, 3, 1});
  SmallVector<int64_t> start(4, 0), size(dimsOf(channelsLast));
  for (int i = 0; i < 2; ++i)
    if (win[i].padAfter < 0) {
      size[1 + i] += win[i].padAfter;
      win[i].padAfter = 0;
    }
  channelsLast = slice(channelsLast, start, size);
  SmallVector<NamedAttribute> attributes = {
      builder.getNamedAttr("kernel", builder.getDenseI64ArrayAttr(
                                         {win[0].kernel, win[1].kernel})),
      builder.getNamedAttr("stride", builder.getDenseI64ArrayAttr(
                                         {win[0].stride, win[1].stride})),
      builder.getNamedAttr("pad", builder.getDenseI64ArrayAttr(
                                      {win[0].padBefore, win[0].padAfter,
                                       win[1].padBefore, win[1].padAfter}))};
  RankedTensorType type = tensorType(
      {x->dims[0], win[0].output, win[1].output, x->dims[1]}, x->elementType);
  Value result;
  if (isMax) {
    result = emit("tosa.max_pool2d", type, {channelsLast}, attributes);
  } else {
    attributes.push_back(
        builder.getNamedAttr("acc_type", TypeAttr::get(builder.getF32Type())));
    Value zp = zeroPoint(x->elementType);
    result = emit("tosa.avg_pool2d", type, {channelsLast, zp, zp}, attributes);
  }
  define(0, transpose(result, {0, 3, 1, 2}));
  return success();
}

// --- Data movement --------------------------------------------------------

LogicalResult Importer::importReshapeLike() {
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  std::vector<int64_t> inDims(dimsOf(*in).begin(), dimsOf(*in).end()), out;
  std::string error;
  bool computed = false, ok = true;
  const std::string &op = current->opType;
  // The importer's own arithmetic first: ONNX's inference loses dims
  // downstream of shape computations it does not propagate.
  if (op == "Flatten") {
    computed = true;
    ok = flattenDims(inDims, intAttr("axis", 1), out, error);
  } else if (op == "Reshape") {
    Entry *shape = input(1);
    if (shape && shape->constant && shape->constant->hasValues &&
        shape->constant->isInteger()) {
      computed = true;
      ok = reshapeDims(inDims, shape->constant->ints, intAttr("allowzero", 0),
                       out, error);
    }
  } else if (graph.opset < 13 || !hasInput(1)) {
    computed = true;
    ok = squeezeDims(inDims, intsAttr("axes"), op == "Unsqueeze", out, error);
  } else {
    FailureOr<std::vector<int64_t>> axes = intsInput(1, "axes");
    if (failed(axes))
      return failure();
    computed = true;
    ok = squeezeDims(inDims, *axes, op == "Unsqueeze", out, error);
  }
  if (!ok)
    return nodeError() << error, failure();
  if (!computed) {
    FailureOr<std::vector<int64_t>> inferred = outputDims(0);
    if (failed(inferred))
      return failure();
    out = *inferred;
  }
  if (product(out) != product(inDims))
    return nodeError() << "the output has " << product(out)
                       << " elements, the input " << product(inDims),
           failure();
  define(0, reshape(*in, out));
  return success();
}

LogicalResult Importer::importTranspose() {
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  int64_t rank = dimsOf(*in).size();
  std::vector<int64_t> perm = intsAttr("perm");
  if (perm.empty())
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  std::vector<bool> seen(rank, false);
  SmallVector<int32_t> perms;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p] ||
        static_cast<int64_t>(perm.size()) != rank)
      return nodeError() << "perm is not a permutation of " << rank << " dims",
             failure();
    seen[p] = true;
    perms.push_back(static_cast<int32_t>(p));
  }
  define(0, transpose(*in, perms));
  return success();
}

LogicalResult Importer::importConcat() {
  SmallVector<Value> parts;
  for (size_t i = 0; i < current->inputs.size(); ++i) {
    FailureOr<Value> part = tensorInput(i);
    if (failed(part))
      return failure();
    if (product(dimsOf(*part)) != 0)
      parts.push_back(*part);
  }
  if (parts.empty())
    return nodeError() << "has no non-empty inputs", failure();
  int64_t rank = dimsOf(parts.front()).size();
  FailureOr<int64_t> axis = normalizeAxis(intAttr("axis", 0), rank);
  if (failed(axis))
    return failure();
  SmallVector<int64_t> dims(dimsOf(parts.front()));
  dims[*axis] = 0;
  for (Value part : parts) {
    if (static_cast<int64_t>(dimsOf(part).size()) != rank)
      return nodeError() << "inputs have different ranks", failure();
    dims[*axis] += dimsOf(part)[*axis];
  }
  if (parts.size() == 1) {
    define(0, parts.front());
    return success();
  }
  define(0, emit("tosa.concat",
                 RankedTensorType::get(dims, elementOf(parts[0])), parts,
                 {builder.getNamedAttr(
                     "axis",
                     builder.getI32IntegerAttr(static_cast<int32_t>(*axis)))}));
  return success();
}

LogicalResult Importer::importSlice() {
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  ArrayRef<int64_t> dims = dimsOf(*in);
  int64_t rank = dims.size();
  std::vector<int64_t> starts, ends, axes, steps;
  if (graph.opset < 10) {
    starts = intsAttr("starts");
    ends = intsAttr("ends");
    axes = intsAttr("axes");
  } else {
    FailureOr<std::vector<int64_t>> s = intsInput(1, "starts"),
                                    e = intsInput(2, "ends");
    if (failed(s) || failed(e))
      return failure();
    starts = *s;
    ends = *e;
    if (hasInput(3)) {
      FailureOr<std::vector<int64_t>> a = intsInput(3, "axes");
      if (failed(a))
        return failure();
      axes = *a;
    }
    if (hasInput(4)) {
      FailureOr<std::vector<int64_t>> st = intsInput(4, "steps");
      if (failed(st))
        return failure();
      steps = *st;
    }
  }
  std::string error;
  if (!completeSliceOperands(starts, ends, axes, steps, error))
    return nodeError() << error, failure();
  SmallVector<int64_t> start(rank, 0), size(dims), step(rank, 1);
  for (size_t i = 0; i < starts.size(); ++i) {
    FailureOr<int64_t> axis = normalizeAxis(axes[i], rank);
    if (failed(axis))
      return failure();
    if (steps[i] < 1 || steps[i] > kMaxDim)
      return nodeError() << "slices with a step below 1 (here " << steps[i]
                         << ") are not supported",
             failure();
    int64_t dim = dims[*axis];
    auto clampIndex = [dim](int64_t index) {
      if (index < 0)
        index += dim;
      return std::clamp<int64_t>(index, 0, dim);
    };
    int64_t begin = clampIndex(starts[i]), end = clampIndex(ends[i]);
    start[*axis] = begin;
    step[*axis] = steps[i];
    // Elements begin, begin + step, ... below end.
    size[*axis] = std::max<int64_t>((end - begin + steps[i] - 1) / steps[i], 0);
  }
  // Unit steps: one slice. A step s on an axis: take count * s elements
  // from the start (padding the last group when the input ends inside
  // it), view them as [count, s] and keep column 0.
  SmallVector<int64_t> span(size);
  for (int64_t axis = 0; axis < rank; ++axis)
    if (step[axis] > 1)
      span[axis] = std::min(size[axis] * step[axis], dims[axis] - start[axis]);
  Value result = slice(*in, start, span);
  for (int64_t axis = 0; axis < rank; ++axis) {
    int64_t s = step[axis], count = size[axis];
    if (s == 1 || count == 0)
      continue;
    SmallVector<int64_t> current(dimsOf(result));
    if (current[axis] < count * s) {
      SmallVector<int64_t> padding(2 * rank, 0), padded(current);
      padding[2 * axis + 1] = count * s - current[axis];
      padded[axis] = count * s;
      Type element = elementOf(result);
      auto scalarType = RankedTensorType::get({1}, element);
      Value zero =
          emit("tosa.const", scalarType, {},
               {builder.getNamedAttr(
                   "values", DenseElementsAttr::get(
                                 scalarType, builder.getZeroAttr(element)))});
      result = emit("tosa.pad", RankedTensorType::get(padded, element),
                    {result, shapeValue(padding), zero});
      current = padded;
    }
    SmallVector<int64_t> grouped(current.begin(), current.begin() + axis);
    grouped.push_back(count);
    grouped.push_back(s);
    grouped.append(current.begin() + axis + 1, current.end());
    result = reshape(result, grouped);
    SmallVector<int64_t> first(grouped.size(), 0), kept(grouped);
    kept[axis + 1] = 1;
    result = slice(result, first, kept);
    current[axis] = count;
    result = reshape(result, current);
  }
  define(0, result);
  return success();
}

LogicalResult Importer::importSplit() {
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  ArrayRef<int64_t> dims = dimsOf(*in);
  FailureOr<int64_t> axis = normalizeAxis(intAttr("axis", 0), dims.size());
  if (failed(axis))
    return failure();
  std::vector<int64_t> sizes = intsAttr("split");
  if (graph.opset >= 13 && hasInput(1)) {
    FailureOr<std::vector<int64_t>> given = intsInput(1, "split");
    if (failed(given))
      return failure();
    sizes = *given;
  }
  size_t parts = current->outputs.size();
  if (sizes.empty()) {
    int64_t each = (dims[*axis] + parts - 1) / parts;
    for (size_t i = 0; i < parts; ++i)
      sizes.push_back(std::min<int64_t>(
          each, dims[*axis] - static_cast<int64_t>(i) * each));
  }
  bool sizesFit = llvm::all_of(
      sizes, [&](int64_t size) { return size >= 0 && size <= dims[*axis]; });
  if (sizes.size() != parts || !sizesFit ||
      std::accumulate(sizes.begin(), sizes.end(), int64_t{0}) != dims[*axis])
    return nodeError() << "split sizes do not add up to dim " << *axis << " ("
                       << dims[*axis] << ") over " << parts << " outputs",
           failure();
  int64_t offset = 0;
  for (size_t i = 0; i < parts; ++i) {
    SmallVector<int64_t> start(dims.size(), 0), size(dims);
    start[*axis] = offset;
    size[*axis] = sizes[i];
    define(i, slice(*in, start, size));
    offset += sizes[i];
  }
  return success();
}

LogicalResult Importer::importGather() {
  Entry *data = input(0), *indices = input(1);
  if (!data || !indices)
    return nodeError() << "needs data and indices", failure();
  int64_t rank = data->dims.size();
  FailureOr<int64_t> axis = normalizeAxis(intAttr("axis", 0), rank);
  if (failed(axis))
    return failure();
  std::vector<int64_t> out(data->dims.begin(), data->dims.begin() + *axis);
  llvm::append_range(out, indices->dims);
  out.insert(out.end(), data->dims.begin() + *axis + 1, data->dims.end());
  int64_t dim = data->dims[*axis];
  // Constant indices forming a contiguous run are a slice.
  if (indices->constant && indices->constant->hasValues &&
      indices->constant->isInteger()) {
    std::vector<int64_t> picked = indices->constant->ints;
    for (int64_t &index : picked) {
      if (index < -dim || index >= dim)
        return nodeError() << "index " << index << " is out of range for dim "
                           << dim,
               failure();
      if (index < 0)
        index += dim;
    }
    bool contiguous = !picked.empty();
    for (size_t i = 1; i < picked.size(); ++i)
      contiguous &= picked[i] == picked[0] + static_cast<int64_t>(i);
    if (contiguous) {
      SmallVector<int64_t> start(rank, 0),
          size(data->dims.begin(), data->dims.end());
      start[*axis] = picked.front();
      size[*axis] = picked.size();
      define(0, reshape(slice(materialize(*data), start, size), out));
      return success();
    }
  }
  // A lookup table (embedding): tosa.gather of rows.
  if (rank == 2 && *axis == 0) {
    int64_t count = product(indices->dims);
    Value table = reshape(materialize(*data), {1, dim, data->dims[1]});
    Value index = materialize(*indices);
    index = reshape(index, {1, count});
    if (elementOf(index) != builder.getI32Type())
      index = emit("tosa.cast",
                   RankedTensorType::get({1, count}, builder.getI32Type()),
                   {index});
    Value rows =
        emit("tosa.gather",
             RankedTensorType::get({1, count, data->dims[1]}, elementOf(table)),
             {table, index});
    define(0, reshape(rows, out));
    return success();
  }
  return nodeError() << "only constant contiguous indices or a rank-2 table "
                        "gathered along axis 0 are supported",
         failure();
}

LogicalResult Importer::importExpand() {
  FailureOr<Value> in = tensorInput(0);
  FailureOr<std::vector<int64_t>> shape = intsInput(1, "shape");
  if (failed(in) || failed(shape))
    return failure();
  std::vector<int64_t> outDims;
  if (!broadcastDims({dimsOf(*in).begin(), dimsOf(*in).end()}, *shape, outDims))
    return nodeError() << "the input does not broadcast to the shape",
           failure();
  std::vector<int64_t> *out = &outDims;
  SmallVector<int64_t> dims(out->size() - dimsOf(*in).size(), 1);
  llvm::append_range(dims, dimsOf(*in));
  Value value = reshape(*in, dims);
  SmallVector<int64_t> multiples;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] != (*out)[i] && dims[i] != 1)
      return nodeError() << "dim " << i << " (" << dims[i]
                         << ") does not broadcast to " << (*out)[i],
             failure();
    multiples.push_back(dims[i] == (*out)[i] ? 1 : (*out)[i]);
  }
  if (llvm::any_of(multiples, [](int64_t m) { return m != 1; }))
    value = emit("tosa.tile", RankedTensorType::get(*out, elementOf(value)),
                 {value, shapeValue(multiples)});
  define(0, value);
  return success();
}

LogicalResult Importer::importPad() {
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  std::string mode = stringAttr("mode", "constant");
  if (mode != "constant")
    return nodeError() << "pad mode '" << mode
                       << "' is not supported (only 'constant')",
           failure();
  int64_t rank = dimsOf(*in).size();
  std::vector<int64_t> pads = intsAttr("pads");
  double padValue = floatAttr("value", 0);
  if (graph.opset >= 11) {
    FailureOr<std::vector<int64_t>> given = intsInput(1, "pads");
    if (failed(given))
      return failure();
    pads = *given;
    if (hasInput(2)) {
      std::optional<double> value = scalarInput(2);
      if (!value)
        return nodeError() << "its constant_value must be a constant",
               failure();
      padValue = *value;
    }
    if (hasInput(3))
      return nodeError() << "the axes input is not supported", failure();
  }
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return nodeError() << "pads must have " << 2 * rank << " values", failure();
  SmallVector<int64_t> padding, dims;
  for (int64_t i = 0; i < rank; ++i) {
    if (pads[i] < 0 || pads[i + rank] < 0)
      return nodeError() << "negative pads are not supported", failure();
    if (pads[i] > kMaxDim || pads[i + rank] > kMaxDim)
      return nodeError() << "pads exceed 2^31", failure();
    padding.push_back(pads[i]);
    padding.push_back(pads[i + rank]);
    dims.push_back(dimsOf(*in)[i] + pads[i] + pads[i + rank]);
  }
  Type element = elementOf(*in);
  auto scalarType = RankedTensorType::get({1}, element);
  mlir::Attribute fill =
      isa<FloatType>(element)
          ? mlir::Attribute(builder.getFloatAttr(element, padValue))
          : mlir::Attribute(
                builder.getIntegerAttr(element, clampToInt64(padValue)));
  Value padConst =
      emit("tosa.const", scalarType, {},
           {builder.getNamedAttr("values",
                                 DenseElementsAttr::get(scalarType, fill))});
  define(0, emit("tosa.pad", RankedTensorType::get(dims, element),
                 {*in, shapeValue(padding), padConst}));
  return success();
}

LogicalResult Importer::importCast() {
  FailureOr<Value> in = tensorInput(0);
  if (failed(in))
    return failure();
  int32_t to = static_cast<int32_t>(intAttr("to", kFloat));
  Type target = elementTypeOf(to);
  if (elementOf(*in) == target) {
    define(0, *in);
    return success();
  }
  define(0,
         emit("tosa.cast", RankedTensorType::get(dimsOf(*in), target), {*in}));
  return success();
}

// --- Driver --------------------------------------------------------------

LogicalResult Importer::importNode() {
  const std::string &op = current->opType;
  if (!current->domain.empty() && current->domain != "ai.onnx")
    return nodeError() << "ops of domain '" << current->domain
                       << "' are not supported",
           failure();
  // Shape computations and constants are evaluated, not emitted.
  std::vector<const TensorData *> known;
  for (size_t i = 0; i < current->inputs.size(); ++i) {
    Entry *entry = input(i);
    known.push_back(entry && entry->constant ? entry->constant.get() : nullptr);
  }
  // Every value the importer holds has static dims (its own, not only
  // what ONNX's inference found).
  std::vector<ValueType> ownTypes(current->inputs.size());
  std::vector<const ValueType *> inputTypes;
  for (size_t i = 0; i < current->inputs.size(); ++i) {
    Entry *entry = input(i);
    if (!entry) {
      inputTypes.push_back(nullptr);
      continue;
    }
    ownTypes[i].elementType = entry->elementType;
    ownTypes[i].hasShape = true;
    ownTypes[i].dims = entry->dims;
    ownTypes[i].dimNames.assign(entry->dims.size(), "");
    inputTypes.push_back(&ownTypes[i]);
  }
  std::string foldError;
  FoldResult folded =
      foldNode(*current, graph.opset, known, inputTypes, foldError);
  if (!foldError.empty())
    return nodeError() << foldError, failure();
  if (folded.folded) {
    for (size_t i = 0; i < folded.outputs.size(); ++i)
      defineConstant(i, std::move(folded.outputs[i]));
    return success();
  }

  // Zero-sized tensors hold no work, and TOSA's shapes do not divide by
  // them: refuse them (Concat drops its empty inputs itself; Resize's
  // roi, scales and sizes may be empty placeholders).
  size_t inputsHoldingData = op == "Resize" ? 1 : current->inputs.size();
  if (op != "Concat")
    for (size_t i = 0; i < inputsHoldingData; ++i)
      if (Entry *entry = input(i);
          entry && llvm::is_contained(entry->dims, int64_t{0}))
        return nodeError() << "input '" << current->inputs[i]
                           << "' has a zero-sized dim; zero-sized tensors "
                              "are not supported",
               failure();
  if (op == "Conv")
    return importConv();
  if (op == "ConvTranspose")
    return importConvTranspose();
  if (op == "MatMul")
    return importMatMul();
  if (op == "Gemm")
    return importGemm();
  if (op == "Einsum")
    return importEinsum();
  if (op == "BatchNormalization")
    return importBatchNorm();
  if (op == "MaxPool" || op == "AveragePool")
    return importPool(op == "MaxPool", false);
  if (op == "GlobalAveragePool" || op == "GlobalMaxPool")
    return importPool(op == "GlobalMaxPool", true);
  if (op == "Softmax")
    return importSoftmax();
  if (op == "LayerNormalization")
    return importLayerNorm();
  if (op == "ReduceMean" || op == "ReduceSum" || op == "ReduceMax" ||
      op == "ReduceMin")
    return importReduce();
  if (op == "Resize" || op == "Upsample")
    return importResize();
  if (op == "Flatten" || op == "Reshape" || op == "Squeeze" ||
      op == "Unsqueeze")
    return importReshapeLike();
  if (op == "Transpose")
    return importTranspose();
  if (op == "Concat")
    return importConcat();
  if (op == "Slice")
    return importSlice();
  if (op == "Split")
    return importSplit();
  if (op == "Gather")
    return importGather();
  if (op == "Expand")
    return importExpand();
  if (op == "Pad")
    return importPad();
  if (op == "Cast")
    return importCast();
  if (op == "Identity" || op == "Dropout") {
    if (!input(0))
      return nodeError() << "input 0 is missing", failure();
    alias(0, 0);
    return success();
  }
  static const llvm::StringSet<> elementwise = {
      "Relu", "Clip",       "Sigmoid",  "HardSigmoid", "HardSwish", "Gelu",
      "Erf",  "Tanh",       "Exp",      "Log",         "Neg",       "Abs",
      "Sqrt", "Reciprocal", "Add",      "Sub",         "Mul",       "Div",
      "Pow",  "Max",        "Min",      "LeakyRelu",   "PRelu",     "Elu",
      "Selu", "Celu",       "Softplus", "Mish"};
  if (elementwise.contains(op))
    return importElementwise();
  return nodeError() << "op type '" << op << "' is not supported", failure();
}

OwningOpRef<ModuleOp> Importer::run() {
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());

  // The function's arguments: the graph's non-initializer inputs.
  SmallVector<Type> argumentTypes;
  bool inputsOk = true;
  for (const std::string &name : graph.inputs) {
    const ValueType &type = graph.types.at(name);
    if (type.isStatic() && tooLarge(type.dims)) {
      mlir::emitError(fileLoc) << "graph input '" << name
                               << "' has a dim over 2^31 or over 2^48 elements";
      inputsOk = false;
      continue;
    }
    if (!type.isStatic()) {
      InFlightDiagnostic diag = mlir::emitError(fileLoc);
      diag << "graph input '" << name << "' has no static shape";
      for (size_t i = 0; i < type.dimNames.size(); ++i)
        if (type.dims[i] < 0) {
          if (!type.dimNames[i].empty())
            diag << "; give its dim '" << type.dimNames[i]
                 << "' a value with --onnx-dim " << type.dimNames[i]
                 << "=VALUE";
          else
            diag << "; its dim " << i << " is unnamed and has no value";
          break;
        }
      inputsOk = false;
      continue;
    }
    argumentTypes.push_back(tensorType(type.dims, type.elementType));
  }
  if (!inputsOk)
    return nullptr;

  std::string functionName = llvm::sys::path::stem(fileName).str();
  for (char &ch : functionName)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_')
      ch = '_';
  if (functionName.empty() ||
      std::isdigit(static_cast<unsigned char>(functionName.front())))
    functionName = "model_" + functionName;
  auto function =
      func::FuncOp::create(builder, fileLoc, functionName,
                           builder.getFunctionType(argumentTypes, {}));
  Block *body = function.addEntryBlock();
  builder.setInsertionPointToEnd(body);
  for (auto [name, argument] : llvm::zip(graph.inputs, body->getArguments())) {
    Entry entry;
    entry.value = argument;
    entry.dims = graph.types.at(name).dims;
    entry.elementType = graph.types.at(name).elementType;
    values[name] = std::move(entry);
  }
  for (const auto &[name, tensor] : graph.initializers) {
    if (values.count(name))
      continue; // a graph input overrides its default
    if (tooLarge(tensor.dims)) {
      mlir::emitError(fileLoc) << "initializer '" << name
                               << "' has a dim over 2^31 or over 2^48 elements";
      return nullptr;
    }
    Entry entry;
    entry.dims = tensor.dims;
    entry.elementType = tensor.elementType;
    entry.constant = std::shared_ptr<const TensorData>(
        std::shared_ptr<void>(), &tensor); // owned by `graph`
    values[name] = std::move(entry);
  }

  std::vector<std::string> labels = labelNodes(graph);
  for (size_t index = 0; index < graph.nodes.size(); ++index) {
    current = &graph.nodes[index];
    loc = NameLoc::get(builder.getStringAttr(labels[index]), fileLoc);
    // Consumers of a failed node's outputs fail silently: one error per
    // cause.
    bool poisoned = llvm::any_of(current->inputs, [&](const std::string &in) {
      auto it = values.find(in);
      return !in.empty() && it != values.end() && it->second.poisoned;
    });
    bool missing = false;
    for (const std::string &in : current->inputs)
      if (!in.empty() && !values.count(in)) {
        nodeError() << "input '" << in << "' is not defined before the node";
        missing = true;
        break;
      }
    LogicalResult result = poisoned || missing ? failure() : importNode();
    if (succeeded(result))
      continue;
    if (!poisoned)
      skipped.push_back(current->name + " (" + current->opType + ")");
    // With --onnx-keep-going each output of the node becomes an argument
    // of the function (a placeholder, marked with the node's name) so the
    // rest imports; without, consumers are skipped quietly.
    for (const std::string &out : current->outputs) {
      auto it = graph.types.find(out);
      Entry entry;
      if (options.keepGoing && it != graph.types.end() &&
          it->second.isStatic()) {
        entry.dims = it->second.dims;
        entry.elementType = it->second.elementType;
        entry.value =
            body->addArgument(tensorType(entry.dims, entry.elementType), loc);
        placeholders.push_back(
            {entry.value, current->name + " (" + current->opType + ")"});
      } else {
        entry.poisoned = true;
      }
      values[out] = std::move(entry);
    }
  }
  loc = fileLoc;

  SmallVector<Value> results;
  for (const std::string &name : graph.outputs) {
    auto it = values.find(name);
    if (it == values.end() || it->second.poisoned)
      continue;
    results.push_back(materialize(it->second));
  }
  func::ReturnOp::create(builder, fileLoc, results);
  function.setFunctionType(builder.getFunctionType(
      body->getArgumentTypes(), ValueRange(results).getTypes()));
  for (const auto &[value, name] : placeholders)
    function.setArgAttr(cast<BlockArgument>(value).getArgNumber(),
                        "union.onnx_placeholder", builder.getStringAttr(name));

  if (nodeErrors && !options.keepGoing)
    return nullptr;
  if (!skipped.empty()) {
    SmallVector<mlir::Attribute> names;
    for (const std::string &name : skipped)
      names.push_back(builder.getStringAttr(name));
    (*module)->setAttr("union.onnx_skipped", builder.getArrayAttr(names));
  }
  if (failed(mlir::verify(*module)))
    return nullptr;
  return module;
}

} // namespace

OwningOpRef<ModuleOp> mlir::union_::importOnnx(llvm::StringRef bytes,
                                               llvm::StringRef fileName,
                                               const OnnxImportOptions &options,
                                               MLIRContext *context) {
  context->loadDialect<func::FuncDialect, tosa::TosaDialect>();
  ReadOptions readOptions;
  readOptions.dims = options.dims;
  readOptions.keepWeights = options.keepWeights;
  Graph graph;
  std::string error;
  if (!readOnnxModel(bytes.data(), bytes.size(), readOptions, graph, error)) {
    mlir::emitError(FileLineColLoc::get(context, fileName, 0, 0)) << error;
    return nullptr;
  }
  return Importer(graph, fileName, options, context).run();
}
