//===- MapSpaceAttrs.cpp - #union.constraint and #union.map_space ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionAttrs.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallString.h"

using namespace mlir;
using namespace mlir::union_;

FailureOr<llvm::APInt> mlir::union_::parseCount(AsmParser &parser) {
  llvm::APInt value;
  SMLoc loc = parser.getCurrentLocation();
  OptionalParseResult result = parser.parseOptionalInteger(value);
  if (!result.has_value())
    return parser.emitError(loc, "expected a count");
  if (failed(*result))
    return failure();
  if (value.isNegative() || value.getActiveBits() > 128)
    return parser.emitError(loc, "a count must be between 0 and 2^128 - 1");
  return value.zextOrTrunc(128);
}

llvm::hash_code mlir::union_::hash_value(const Count &count) {
  return llvm::hash_combine(count.low, count.high);
}

std::string mlir::union_::formatCount(const llvm::APInt &count) {
  llvm::SmallString<40> text;
  count.toStringUnsigned(text);
  return std::string(text);
}

//===----------------------------------------------------------------------===//
// ConstraintAttr
//===----------------------------------------------------------------------===//

LogicalResult
ConstraintAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       ir::ConstraintSource source, ir::ConstraintKind kind,
                       StringAttr level, ArrayAttr dims, ArrayAttr y,
                       StringAttr tensor, int64_t value, F64 fraction) {
  using K = ir::ConstraintKind;
  StringRef name = ir::stringifyConstraintKind(kind);
  bool needsLevel = kind == K::MeshAxes || kind == K::SpatialDims ||
                    kind == K::Stationary || kind == K::Order ||
                    kind == K::Keep || kind == K::Bypass ||
                    kind == K::TemporalDims || kind == K::SpatialFactor;
  // spatial_dims and temporal_dims may list no dim (nothing allowed).
  bool mayBeEmpty =
      kind == K::MeshAxes || kind == K::SpatialDims || kind == K::TemporalDims;
  bool takesDims = mayBeEmpty || kind == K::Order || kind == K::MaxTile ||
                   kind == K::MinTile || kind == K::Pad ||
                   kind == K::SpatialFactor;
  if (needsLevel && !level)
    return emitError() << "constraint '" << name << "' needs a level";
  if (level && level.getValue().empty())
    return emitError() << "constraint '" << name << "' has an empty level";
  if (!takesDims && dims)
    return emitError() << "constraint '" << name << "' takes no dims";
  if (takesDims && !mayBeEmpty && (!dims || dims.empty()))
    return emitError() << "constraint '" << name << "' needs dims";
  if (kind != K::MeshAxes && y)
    return emitError() << "only 'mesh_axes' takes y dims";
  if (kind == K::MeshAxes && !dims && !y)
    return emitError() << "constraint 'mesh_axes' needs dims or y";
  for (ArrayAttr list : {dims, y}) {
    if (!list)
      continue;
    llvm::DenseSet<Attribute> seen;
    for (Attribute dim : list) {
      if (!isa<StringAttr>(dim))
        return emitError() << "constraint '" << name
                           << "': dims must be strings, got " << dim;
      if (!seen.insert(dim).second)
        return emitError() << "constraint '" << name << "' repeats dim " << dim;
    }
  }
  bool takesTensor =
      kind == K::Stationary || kind == K::Keep || kind == K::Bypass;
  if (takesTensor != bool(tensor))
    return emitError() << "constraint '" << name
                       << (tensor ? "' takes no tensor" : "' needs a tensor");
  if (kind == K::Pad && dims && dims.size() != 1)
    return emitError() << "constraint 'pad' takes one dim";
  bool takesValue = kind == K::MaxTile || kind == K::MinTile ||
                    kind == K::Pad || kind == K::SpatialFactor ||
                    kind == K::MaxSpatialDims;
  if (takesValue && value < 1)
    return emitError() << "constraint '" << name
                       << "' needs a value of at least 1, got " << value;
  // A capacity rule's value, when given, is how many copies of the tiles
  // the level must hold (2: double buffering).
  if (kind == K::Capacity && value < 0)
    return emitError() << "constraint 'capacity': the number of copies must "
                          "not be negative, got "
                       << value;
  if (!takesValue && kind != K::Capacity && value != 0)
    return emitError() << "constraint '" << name << "' takes no value";
  if (kind == K::MinUtilization && !(fraction > 0 && fraction <= 1))
    return emitError() << "constraint 'min_utilization' needs a fraction in "
                          "(0, 1], got "
                       << double(fraction);
  if (kind != K::MinUtilization && fraction != 0)
    return emitError() << "constraint '" << name << "' takes no fraction";
  (void)source;
  return success();
}

//===----------------------------------------------------------------------===//
// MapSpaceAttr
//===----------------------------------------------------------------------===//

Attribute MapSpaceAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  FailureOr<llvm::APInt> unpruned, size;
  SmallVector<Count> removed;
  if (parser.parseLess() || parser.parseKeyword("unpruned") ||
      parser.parseEqual() || failed(unpruned = parseCount(parser)) ||
      parser.parseComma() || parser.parseKeyword("size") ||
      parser.parseEqual() || failed(size = parseCount(parser)) ||
      parser.parseComma() || parser.parseKeyword("removed") ||
      parser.parseEqual() ||
      parser.parseCommaSeparatedList(
          AsmParser::Delimiter::Square,
          [&] {
            FailureOr<llvm::APInt> count = parseCount(parser);
            if (failed(count))
              return failure();
            removed.push_back(Count::fromAPInt(*count));
            return success();
          }) ||
      parser.parseGreater())
    return {};
  return MapSpaceAttr::getChecked([&] { return parser.emitError(loc); },
                                  parser.getContext(), *unpruned, *size,
                                  ArrayRef<Count>(removed));
}

void MapSpaceAttr::print(AsmPrinter &printer) const {
  printer << "<unpruned = " << formatCount(getUnpruned())
          << ", size = " << formatCount(getSize()) << ", removed = [";
  llvm::interleaveComma(getRemoved(), printer, [&](const Count &count) {
    printer << formatCount(count.toAPInt());
  });
  printer << "]>";
}

LogicalResult MapSpaceAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   llvm::APInt unpruned, llvm::APInt size,
                                   ArrayRef<Count> removed) {
  // A count too large to hold (all ones) makes the sum unknowable.
  auto uncounted = [](const llvm::APInt &v) { return v.isAllOnes(); };
  if (uncounted(unpruned) || llvm::any_of(removed, [&](const Count &count) {
        return uncounted(count.toAPInt());
      }))
    return size.ult(unpruned) || uncounted(size)
               ? success()
               : (emitError() << "map space: size " << formatCount(size)
                              << " exceeds unpruned " << formatCount(unpruned),
                  failure());
  // The removals account exactly for the difference.
  llvm::APInt total = size.zext(129);
  for (const Count &count : removed)
    total += count.toAPInt().zext(129);
  if (size.ugt(unpruned) || total != unpruned.zext(129))
    return emitError() << "map space: size " << formatCount(size)
                       << " plus the removed points must equal unpruned "
                       << formatCount(unpruned);
  return success();
}
