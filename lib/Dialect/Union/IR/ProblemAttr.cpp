//===- ProblemAttr.cpp - #union.problem -----------------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Syntax:
//   #union.problem<dims = [n = 1, k = 8, p = 4, r = 3],
//                  tensors = [in[n, p + r as y] : read bits = 16, ...]>
// Index expressions are affine expressions over the dim names.
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionAttrs.h"

#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <limits>

using namespace mlir;
using namespace mlir::union_;

/// Affine-expression words that cannot double as dim names, plus the
/// keyword that names a coordinate.
static bool isReservedName(StringRef name) {
  return name == "mod" || name == "floordiv" || name == "ceildiv" ||
         name == "as" || name == "symbol";
}

static bool isIdentifier(StringRef name) {
  if (name.empty() || !(llvm::isAlpha(name[0]) || name[0] == '_'))
    return false;
  return llvm::all_of(name,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

//===----------------------------------------------------------------------===//
// Printing
//===----------------------------------------------------------------------===//

static void printExpr(llvm::raw_ostream &os, AffineExpr expr,
                      ArrayRef<DimSpec> dims) {
  switch (expr.getKind()) {
  case AffineExprKind::DimId: {
    unsigned position = cast<AffineDimExpr>(expr).getPosition();
    if (position < dims.size())
      os << dims[position].name.getValue();
    else
      os << "d" << position;
    return;
  }
  case AffineExprKind::SymbolId:
    os << "s" << cast<AffineSymbolExpr>(expr).getPosition();
    return;
  case AffineExprKind::Constant:
    os << cast<AffineConstantExpr>(expr).getValue();
    return;
  default:
    break;
  }
  auto binary = cast<AffineBinaryOpExpr>(expr);
  auto printOperand = [&](AffineExpr operand) {
    bool parens = operand.getKind() == AffineExprKind::Add;
    if (parens)
      os << "(";
    printExpr(os, operand, dims);
    if (parens)
      os << ")";
  };
  if (expr.getKind() == AffineExprKind::Add) {
    printExpr(os, binary.getLHS(), dims);
    os << " + ";
    printExpr(os, binary.getRHS(), dims);
    return;
  }
  const char *op = expr.getKind() == AffineExprKind::Mul        ? " * "
                   : expr.getKind() == AffineExprKind::FloorDiv ? " floordiv "
                   : expr.getKind() == AffineExprKind::CeilDiv  ? " ceildiv "
                                                                : " mod ";
  printOperand(binary.getLHS());
  os << op;
  printOperand(binary.getRHS());
}

void ProblemAttr::print(AsmPrinter &printer) const {
  ArrayRef<DimSpec> dims = getDims();
  printer << "<dims = [";
  llvm::interleaveComma(dims, printer, [&](const DimSpec &dim) {
    printer << dim.name.getValue() << " = " << dim.size;
  });
  printer << "], tensors = [";
  llvm::interleaveComma(getTensors(), printer, [&](const TensorSpec &tensor) {
    printer.printKeywordOrString(tensor.name.getValue());
    printer << "[";
    for (auto [i, expr] : llvm::enumerate(tensor.indexing.getResults())) {
      if (i)
        printer << ", ";
      printExpr(printer.getStream(), expr, dims);
      if (tensor.coords) {
        StringRef coord = cast<StringAttr>(tensor.coords[i]).getValue();
        if (!coord.empty()) {
          printer << " as ";
          printer.printKeywordOrString(coord);
        }
      }
    }
    printer << "] : " << stringifyTensorRole(tensor.role)
            << " bits = " << tensor.bits;
  });
  printer << "]>";
}

//===----------------------------------------------------------------------===//
// Parsing
//===----------------------------------------------------------------------===//

static ParseResult
parseTensor(AsmParser &parser,
            ArrayRef<std::pair<StringRef, AffineExpr>> dimNames,
            SmallVectorImpl<TensorSpec> &tensors) {
  MLIRContext *context = parser.getContext();
  std::string name;
  if (parser.parseKeywordOrString(&name))
    return failure();
  SmallVector<AffineExpr> exprs;
  SmallVector<Attribute> coords;
  bool anyCoord = false;
  auto parseIndex = [&]() -> ParseResult {
    AffineExpr expr;
    SMLoc exprLoc = parser.getCurrentLocation();
    if (parser.parseAffineExpr(dimNames, expr)) {
      // MLIR's message does not say which names were allowed.
      InFlightDiagnostic diag = parser.emitError(exprLoc)
                                << "index of tensor '" << name
                                << "' must be an affine expression of the "
                                   "dims (";
      llvm::interleaveComma(dimNames, diag,
                            [&](auto &entry) { diag << entry.first; });
      return diag << ")";
    }
    exprs.push_back(expr);
    std::string coord;
    if (succeeded(parser.parseOptionalKeyword("as"))) {
      if (parser.parseKeywordOrString(&coord))
        return failure();
      anyCoord = true;
    }
    coords.push_back(StringAttr::get(context, coord));
    return success();
  };
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseIndex,
                                     " in tensor index list"))
    return failure();
  StringRef roleName;
  SMLoc roleLoc = parser.getCurrentLocation();
  if (parser.parseColon() || parser.parseKeyword(&roleName))
    return failure();
  std::optional<TensorRole> role = symbolizeTensorRole(roleName);
  if (!role)
    return parser.emitError(roleLoc, "expected tensor role 'read' or "
                                     "'readwrite', got '")
           << roleName << "'";
  int64_t bits;
  if (parser.parseKeyword("bits") || parser.parseEqual() ||
      parser.parseInteger(bits))
    return failure();
  tensors.push_back(
      TensorSpec{StringAttr::get(context, name), *role,
                 AffineMap::get(dimNames.size(), 0, exprs, context), bits,
                 anyCoord ? ArrayAttr::get(context, coords) : ArrayAttr()});
  return success();
}

Attribute ProblemAttr::parse(AsmParser &parser, Type) {
  MLIRContext *context = parser.getContext();
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<DimSpec> dims;
  auto parseDim = [&]() -> ParseResult {
    StringRef name;
    int64_t size;
    if (parser.parseKeyword(&name) || parser.parseEqual() ||
        parser.parseInteger(size))
      return failure();
    dims.push_back(DimSpec{StringAttr::get(context, name), size});
    return success();
  };
  if (parser.parseLess() || parser.parseKeyword("dims") ||
      parser.parseEqual() ||
      parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseDim,
                                     " in dim list"))
    return {};

  // Dim names become the identifiers of the index expressions. Reject
  // duplicates here: the expression parser would silently pick one.
  SmallVector<std::pair<StringRef, AffineExpr>> dimNames;
  llvm::StringSet<> seen;
  for (auto [i, dim] : llvm::enumerate(dims)) {
    if (!seen.insert(dim.name.getValue()).second) {
      parser.emitError(loc, "duplicate dim '") << dim.name.getValue() << "'";
      return {};
    }
    dimNames.emplace_back(dim.name.getValue(), getAffineDimExpr(i, context));
  }

  SmallVector<TensorSpec> tensors;
  if (parser.parseComma() || parser.parseKeyword("tensors") ||
      parser.parseEqual() ||
      parser.parseCommaSeparatedList(
          AsmParser::Delimiter::Square,
          [&]() { return parseTensor(parser, dimNames, tensors); },
          " in tensor list") ||
      parser.parseGreater())
    return {};
  auto emitError = [&]() { return parser.emitError(loc); };
  return ProblemAttr::getChecked(emitError, context, ArrayRef<DimSpec>(dims),
                                 ArrayRef<TensorSpec>(tensors));
}

//===----------------------------------------------------------------------===//
// Verification
//===----------------------------------------------------------------------===//

/// True when `expr` is a sum of non-negative multiples of dims plus a
/// non-negative constant: the only index form whose extent is monotonic.
static bool isNonNegativeLinear(AffineExpr expr) {
  switch (expr.getKind()) {
  case AffineExprKind::DimId:
    return true;
  case AffineExprKind::Constant:
    return cast<AffineConstantExpr>(expr).getValue() >= 0;
  case AffineExprKind::Add: {
    auto add = cast<AffineBinaryOpExpr>(expr);
    return isNonNegativeLinear(add.getLHS()) &&
           isNonNegativeLinear(add.getRHS());
  }
  case AffineExprKind::Mul: {
    auto mul = cast<AffineBinaryOpExpr>(expr);
    auto constant = dyn_cast<AffineConstantExpr>(mul.getRHS());
    AffineExpr other = mul.getLHS();
    if (!constant) {
      constant = dyn_cast<AffineConstantExpr>(mul.getLHS());
      other = mul.getRHS();
    }
    return constant && constant.getValue() >= 0 && isNonNegativeLinear(other);
  }
  default:
    return false;
  }
}

/// The largest value of a (verified) index expression, with every dim at
/// its last value; std::nullopt on 64-bit overflow.
static std::optional<int64_t> maxIndex(AffineExpr expr,
                                       ArrayRef<DimSpec> dims) {
  switch (expr.getKind()) {
  case AffineExprKind::DimId:
    return dims[cast<AffineDimExpr>(expr).getPosition()].size - 1;
  case AffineExprKind::Constant:
    return cast<AffineConstantExpr>(expr).getValue();
  case AffineExprKind::Add:
  case AffineExprKind::Mul: {
    auto binary = cast<AffineBinaryOpExpr>(expr);
    std::optional<int64_t> lhs = maxIndex(binary.getLHS(), dims);
    std::optional<int64_t> rhs = maxIndex(binary.getRHS(), dims);
    int64_t result;
    if (!lhs || !rhs ||
        (expr.getKind() == AffineExprKind::Add
             ? __builtin_add_overflow(*lhs, *rhs, &result)
             : __builtin_mul_overflow(*lhs, *rhs, &result)))
      return std::nullopt;
    return result;
  }
  default:
    return std::nullopt;
  }
}

LogicalResult ProblemAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                  ArrayRef<DimSpec> dims,
                                  ArrayRef<TensorSpec> tensors) {
  if (dims.empty())
    return emitError() << "problem must have at least one dim";
  llvm::StringSet<> dimNames;
  for (const DimSpec &dim : dims) {
    StringRef name = dim.name ? dim.name.getValue() : StringRef();
    if (!isIdentifier(name) || isReservedName(name))
      return emitError() << "invalid dim name '" << name
                         << "': expected an identifier other than mod, "
                            "floordiv, ceildiv, as and symbol";
    if (!dimNames.insert(name).second)
      return emitError() << "duplicate dim '" << name << "'";
    if (dim.size <= 0)
      return emitError() << "dim '" << name
                         << "' must have a positive size, got " << dim.size;
  }
  // Every count derived from the problem fits in 64 bits.
  int64_t macs = 1;
  for (const DimSpec &dim : dims)
    if (__builtin_mul_overflow(macs, dim.size, &macs))
      return emitError() << "problem has more than 2^63 iterations (the "
                            "product of its dim sizes)";
  if (tensors.empty())
    return emitError() << "problem must have at least one tensor";
  llvm::StringSet<> tensorNames;
  bool hasOutput = false;
  for (const TensorSpec &tensor : tensors) {
    StringRef name = tensor.name ? tensor.name.getValue() : StringRef();
    if (name.empty())
      return emitError() << "tensor name must not be empty";
    if (!tensorNames.insert(name).second)
      return emitError() << "duplicate tensor '" << name << "'";
    if (!tensor.indexing || tensor.indexing.getNumDims() != dims.size() ||
        tensor.indexing.getNumSymbols() != 0)
      return emitError() << "tensor '" << name
                         << "' must be indexed by the problem's " << dims.size()
                         << " dims and no symbols";
    for (auto [i, expr] : llvm::enumerate(tensor.indexing.getResults())) {
      if (!isNonNegativeLinear(expr))
        return emitError() << "tensor '" << name << "' index #" << i
                           << " must be a sum of non-negative multiples of "
                              "dims plus a non-negative constant";
      std::optional<int64_t> largest = maxIndex(expr, dims);
      if (!largest || *largest == std::numeric_limits<int64_t>::max())
        return emitError() << "tensor '" << name << "' index #" << i
                           << " reaches values beyond 2^63";
    }
    if (tensor.bits <= 0)
      return emitError() << "tensor '" << name
                         << "' must have a positive element width, got "
                         << tensor.bits;
    if (tensor.coords) {
      if (tensor.coords.size() != tensor.indexing.getNumResults())
        return emitError() << "tensor '" << name
                           << "' names a different number of coordinates "
                              "than it has indices";
      for (Attribute coord : tensor.coords) {
        auto str = dyn_cast<StringAttr>(coord);
        if (!str)
          return emitError()
                 << "tensor '" << name << "' coordinate names must be strings";
        if (!str.getValue().empty() && dimNames.contains(str.getValue()))
          return emitError() << "tensor '" << name << "' coordinate '"
                             << str.getValue() << "' clashes with a dim name";
      }
    }
    hasOutput |= tensor.role == TensorRole::ReadWrite;
  }
  if (!hasOutput)
    return emitError() << "problem must have a 'readwrite' (output) tensor";
  return success();
}

//===----------------------------------------------------------------------===//
// Queries
//===----------------------------------------------------------------------===//

std::optional<unsigned> ProblemAttr::getDimIndex(StringRef name) const {
  for (auto [i, dim] : llvm::enumerate(getDims()))
    if (dim.name.getValue() == name)
      return i;
  return std::nullopt;
}

int64_t ProblemAttr::getDimSize(StringRef name) const {
  std::optional<unsigned> index = getDimIndex(name);
  return index ? getDims()[*index].size : 0;
}

const TensorSpec *ProblemAttr::getTensor(StringRef name) const {
  for (const TensorSpec &tensor : getTensors())
    if (tensor.name.getValue() == name)
      return &tensor;
  return nullptr;
}

uint64_t ProblemAttr::getMacs() const {
  uint64_t macs = 1;
  for (const DimSpec &dim : getDims())
    macs *= static_cast<uint64_t>(dim.size);
  return macs;
}

SmallVector<int64_t> ProblemAttr::getTensorExtents(unsigned tensor) const {
  // Index expressions are monotonic and bounded (verified), so the largest
  // index is reached with every dim at its last value.
  SmallVector<int64_t> extents;
  for (AffineExpr expr : getTensors()[tensor].indexing.getResults())
    extents.push_back(maxIndex(expr, getDims()).value_or(-1) + 1);
  return extents;
}

bool ProblemAttr::isKnownIndexName(StringRef name) const {
  if (getDimIndex(name))
    return true;
  for (const TensorSpec &tensor : getTensors())
    if (tensor.coords)
      for (Attribute coord : tensor.coords)
        if (cast<StringAttr>(coord).getValue() == name)
          return true;
  return false;
}
