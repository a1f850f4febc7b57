//===- UnionAttrs.cpp - Union dialect attributes --------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Attribute registration, shared parameter parsers, and the verifiers of
// the architecture and cost attributes. The problem, mapping and dataflow
// attributes have files of their own.
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionAttrs.h"
#include "Union/Dialect/Union/IR/ArchitectureConversion.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Support/NumberFormat.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <charconv>
#include <cmath>

using namespace mlir;
using namespace mlir::union_;

#include "Union/Dialect/Union/IR/UnionEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "Union/Dialect/Union/IR/UnionAttrs.cpp.inc"

void UnionDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "Union/Dialect/Union/IR/UnionAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Parameter helpers
//===----------------------------------------------------------------------===//

FailureOr<F64> mlir::union_::parseDouble(AsmParser &parser) {
  // Accept integers too: `bandwidth = 8` is what people write.
  bool negative = succeeded(parser.parseOptionalMinus());
  double sign = negative ? -1.0 : 1.0;
  int64_t integer;
  OptionalParseResult asInteger = parser.parseOptionalInteger(integer);
  if (asInteger.has_value()) {
    if (failed(*asInteger))
      return failure();
    return F64(sign * static_cast<double>(integer));
  }
  double value;
  if (parser.parseFloat(value))
    return failure();
  return F64(sign * value);
}

void mlir::union_::printDouble(AsmPrinter &printer, double value) {
  if (!std::isfinite(value)) {
    printer << value; // MLIR's own form (hex) round-trips inf and nan
    return;
  }
  std::string text = formatDouble(value);
  // Keep a float look so the value reads back as a float literal.
  if (text.find_first_of(".e") == std::string::npos)
    text += ".0";
  printer << text;
}

FailureOr<bool> mlir::union_::parseBool(AsmParser &parser) {
  if (succeeded(parser.parseOptionalKeyword("true")))
    return true;
  if (succeeded(parser.parseOptionalKeyword("false")))
    return false;
  return parser.emitError(parser.getCurrentLocation(),
                          "expected 'true' or 'false'");
}

llvm::hash_code mlir::union_::hash_value(const F64 &value) {
  return llvm::hash_value(llvm::bit_cast<uint64_t>(value.value));
}

llvm::hash_code mlir::union_::hash_value(const DimSpec &dim) {
  return llvm::hash_combine(dim.name, dim.size);
}

llvm::hash_code mlir::union_::hash_value(const TensorSpec &tensor) {
  return llvm::hash_combine(tensor.name, static_cast<int>(tensor.role),
                            tensor.indexing, tensor.bits, tensor.coords);
}

llvm::hash_code mlir::union_::hash_value(const LoopSpec &loop) {
  return llvm::hash_combine(loop.dim, loop.factor, static_cast<int>(loop.kind));
}

llvm::hash_code mlir::union_::hash_value(const Directive &directive) {
  return llvm::hash_combine(static_cast<int>(directive.kind), directive.size,
                            directive.offset, directive.dim);
}

//===----------------------------------------------------------------------===//
// ArchitectureAttr
//===----------------------------------------------------------------------===//

LogicalResult
ArchitectureAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                         StringRef name, ArrayAttr levels) {
  llvm::Expected<ArchitectureSpec> spec = getArchitectureSpec(name, levels);
  if (!spec)
    return emitError() << "invalid architecture: "
                       << llvm::toString(spec.takeError());
  if (llvm::Error validation = validateArchitecture(*spec))
    return emitError() << "invalid architecture: "
                       << llvm::toString(std::move(validation));
  return success();
}

StringRef ArchitectureAttr::getLevelName(Attribute level) {
  return llvm::TypeSwitch<Attribute, StringRef>(level)
      .Case<StorageLevelAttr, NetworkLevelAttr, ComputeLevelAttr>(
          [](auto attr) { return attr.getName(); })
      .Default([](Attribute) { return StringRef(); });
}

std::optional<unsigned> ArchitectureAttr::getLevelIndex(StringRef name) const {
  for (auto [i, level] : llvm::enumerate(getLevels()))
    if (getLevelName(level) == name)
      return i;
  return std::nullopt;
}

int64_t ArchitectureAttr::getInstances(unsigned index) const {
  int64_t instances = 1;
  for (Attribute level : getLevels().getValue().take_front(index))
    if (auto network = dyn_cast<NetworkLevelAttr>(level))
      instances *= network.getFanout();
  return instances;
}

int64_t ArchitectureAttr::getFanoutBelow(unsigned index) const {
  int64_t fanout = 1;
  for (Attribute level : getLevels().getValue().drop_front(index + 1)) {
    // A vector MAC's lanes are instances below the innermost storage.
    if (auto compute = dyn_cast<ComputeLevelAttr>(level))
      return fanout * compute.getVectorWidth();
    auto network = dyn_cast<NetworkLevelAttr>(level);
    if (!network)
      break;
    fanout *= network.getFanout();
  }
  return fanout;
}

//===----------------------------------------------------------------------===//
// CostAttr
//===----------------------------------------------------------------------===//

LogicalResult CostAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               StringRef model, int64_t cycles, int64_t macs,
                               F64 energy, F64 utilization,
                               DictionaryAttr breakdown, StringAttr bottleneck,
                               DictionaryAttr energies) {
  if (cycles < 0)
    return emitError() << "cost: cycles must be non-negative, got " << cycles;
  if (macs < 0)
    return emitError() << "cost: macs must be non-negative, got " << macs;
  if (!std::isfinite(energy) || energy < 0)
    return emitError() << "cost: energy must be a non-negative number, got "
                       << energy;
  if (!(utilization >= 0 && utilization <= 1))
    return emitError() << "cost: utilization must be between 0 and 1, got "
                       << utilization;
  // Named figures are numbers.
  for (auto [dict, what] : {std::make_pair(breakdown, "breakdown entry"),
                            std::make_pair(energies, "energy of level")})
    if (dict)
      for (NamedAttribute entry : dict)
        if (!isa<FloatAttr, IntegerAttr>(entry.getValue()))
          return emitError()
                 << "cost: " << what << " '" << entry.getName().getValue()
                 << "' must be a number";
  return success();
}
