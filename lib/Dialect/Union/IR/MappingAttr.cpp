//===- MappingAttr.cpp - #union.mapping and #union.level_mapping ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Syntax:
//   #union.level_mapping<"L2" [k=4, spatial c=16] bypass [output]>
//   #union.mapping<["DRAM" [k=2], "L1" [c=64, r=3, s=3]]>
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionAttrs.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::union_;

//===----------------------------------------------------------------------===//
// LevelMappingAttr
//===----------------------------------------------------------------------===//

/// Parses `name [loops] (bypass [tensors])?` after any `<`.
static LevelMappingAttr parseLevelMappingBody(AsmParser &parser) {
  MLIRContext *context = parser.getContext();
  SMLoc loc = parser.getCurrentLocation();
  std::string level;
  if (parser.parseKeywordOrString(&level))
    return {};
  SmallVector<LoopSpec> loops;
  auto parseLoop = [&]() -> ParseResult {
    // `[spatial|temporal] dim=factor`; a dim may itself be called
    // "spatial", so the kind is only a kind when no `=` follows it.
    std::string first, dim;
    if (parser.parseKeywordOrString(&first))
      return failure();
    LoopKind kind = LoopKind::Temporal;
    if (failed(parser.parseOptionalEqual())) {
      std::optional<LoopKind> parsedKind = symbolizeLoopKind(first);
      if (!parsedKind)
        return parser.emitError(parser.getCurrentLocation(),
                                "expected '=' after loop dim '")
               << first << "'";
      kind = *parsedKind;
      if (parser.parseKeywordOrString(&dim) || parser.parseEqual())
        return failure();
    } else {
      dim = first;
    }
    int64_t factor;
    if (parser.parseInteger(factor))
      return failure();
    loops.push_back(LoopSpec{StringAttr::get(context, dim), factor, kind});
    return success();
  };
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseLoop,
                                     " in loop list"))
    return {};
  SmallVector<StringAttr> bypass;
  if (succeeded(parser.parseOptionalKeyword("bypass"))) {
    auto parseTensor = [&]() -> ParseResult {
      std::string tensor;
      if (parser.parseKeywordOrString(&tensor))
        return failure();
      bypass.push_back(StringAttr::get(context, tensor));
      return success();
    };
    if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square,
                                       parseTensor, " in bypass list"))
      return {};
  }
  auto emitError = [&]() { return parser.emitError(loc); };
  return LevelMappingAttr::getChecked(
      emitError, context, StringAttr::get(context, level),
      ArrayRef<LoopSpec>(loops), ArrayRef<StringAttr>(bypass));
}

static void printLevelMappingBody(AsmPrinter &printer,
                                  LevelMappingAttr mapping) {
  printer.printKeywordOrString(mapping.getLevel().getValue());
  printer << " [";
  llvm::interleaveComma(mapping.getLoops(), printer, [&](const LoopSpec &loop) {
    if (loop.kind == LoopKind::Spatial)
      printer << "spatial ";
    printer.printKeywordOrString(loop.dim.getValue());
    printer << "=" << loop.factor;
  });
  printer << "]";
  if (!mapping.getBypass().empty()) {
    printer << " bypass [";
    llvm::interleaveComma(mapping.getBypass(), printer, [&](StringAttr tensor) {
      printer.printKeywordOrString(tensor.getValue());
    });
    printer << "]";
  }
}

Attribute LevelMappingAttr::parse(AsmParser &parser, Type) {
  if (parser.parseLess())
    return {};
  LevelMappingAttr mapping = parseLevelMappingBody(parser);
  if (!mapping || parser.parseGreater())
    return {};
  return mapping;
}

void LevelMappingAttr::print(AsmPrinter &printer) const {
  printer << "<";
  printLevelMappingBody(printer, *this);
  printer << ">";
}

LogicalResult
LevelMappingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                         StringAttr level, ArrayRef<LoopSpec> loops,
                         ArrayRef<StringAttr> bypass) {
  if (!level || level.getValue().empty())
    return emitError() << "mapping level name must not be empty";
  // Timeloop's model: at most one temporal and one spatial loop per dim and
  // level.
  llvm::StringSet<> temporal, spatial;
  for (const LoopSpec &loop : loops) {
    StringRef dim = loop.dim ? loop.dim.getValue() : StringRef();
    if (dim.empty())
      return emitError() << "mapping level '" << level.getValue()
                         << "': loop dim must not be empty";
    if (loop.factor < 1)
      return emitError() << "mapping level '" << level.getValue()
                         << "': loop over '" << dim
                         << "' must have a positive factor, got "
                         << loop.factor;
    auto &seen = loop.kind == LoopKind::Spatial ? spatial : temporal;
    if (!seen.insert(dim).second)
      return emitError() << "mapping level '" << level.getValue()
                         << "' has two " << stringifyLoopKind(loop.kind)
                         << " loops over '" << dim << "'";
  }
  llvm::StringSet<> bypassed;
  for (StringAttr tensor : bypass) {
    if (!tensor || tensor.getValue().empty())
      return emitError() << "mapping level '" << level.getValue()
                         << "': bypassed tensor name must not be empty";
    if (!bypassed.insert(tensor.getValue()).second)
      return emitError() << "mapping level '" << level.getValue()
                         << "' bypasses '" << tensor.getValue() << "' twice";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// MappingAttr
//===----------------------------------------------------------------------===//

Attribute MappingAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<LevelMappingAttr> levels;
  auto parseLevel = [&]() -> ParseResult {
    LevelMappingAttr level = parseLevelMappingBody(parser);
    if (!level)
      return failure();
    levels.push_back(level);
    return success();
  };
  if (parser.parseLess() ||
      parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseLevel,
                                     " in mapping level list") ||
      parser.parseGreater())
    return {};
  auto emitError = [&]() { return parser.emitError(loc); };
  return MappingAttr::getChecked(emitError, parser.getContext(),
                                 ArrayRef<LevelMappingAttr>(levels));
}

void MappingAttr::print(AsmPrinter &printer) const {
  printer << "<[";
  llvm::interleaveComma(getLevels(), printer, [&](LevelMappingAttr level) {
    printLevelMappingBody(printer, level);
  });
  printer << "]>";
}

LogicalResult MappingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                  ArrayRef<LevelMappingAttr> levels) {
  if (levels.empty())
    return emitError() << "mapping must have at least one level";
  llvm::StringSet<> names;
  for (LevelMappingAttr level : levels) {
    if (!level)
      return emitError() << "mapping level must not be null";
    if (!names.insert(level.getLevel().getValue()).second)
      return emitError() << "mapping lists level '"
                         << level.getLevel().getValue() << "' twice";
  }
  return success();
}
