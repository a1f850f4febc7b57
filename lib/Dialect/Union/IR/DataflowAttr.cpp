//===- DataflowAttr.cpp - #union.dataflow ---------------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Syntax:
//   #union.dataflow<[spatial_map(1, 1) k, temporal_map(3, 1) "Y'",
//                    cluster(2), spatial_map(1, 1) c]>
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionAttrs.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::union_;

Attribute DataflowAttr::parse(AsmParser &parser, Type) {
  MLIRContext *context = parser.getContext();
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<Directive> directives;
  auto parseDirective = [&]() -> ParseResult {
    StringRef kindName;
    SMLoc kindLoc = parser.getCurrentLocation();
    if (parser.parseKeyword(&kindName))
      return failure();
    std::optional<DirectiveKind> kind = symbolizeDirectiveKind(kindName);
    if (!kind)
      return parser.emitError(kindLoc, "expected 'temporal_map', "
                                       "'spatial_map' or 'cluster', got '")
             << kindName << "'";
    Directive directive{*kind, 0, 0, StringAttr()};
    if (parser.parseLParen() || parser.parseInteger(directive.size))
      return failure();
    if (*kind == DirectiveKind::Cluster) {
      directive.offset = 1;
      if (parser.parseRParen())
        return failure();
    } else {
      std::string dim;
      if (parser.parseComma() || parser.parseInteger(directive.offset) ||
          parser.parseRParen() || parser.parseKeywordOrString(&dim))
        return failure();
      directive.dim = StringAttr::get(context, dim);
    }
    directives.push_back(directive);
    return success();
  };
  if (parser.parseLess() ||
      parser.parseCommaSeparatedList(AsmParser::Delimiter::Square,
                                     parseDirective, " in directive list") ||
      parser.parseGreater())
    return {};
  auto emitError = [&]() { return parser.emitError(loc); };
  return DataflowAttr::getChecked(emitError, context,
                                  ArrayRef<Directive>(directives));
}

void DataflowAttr::print(AsmPrinter &printer) const {
  printer << "<[";
  llvm::interleaveComma(getDirectives(), printer, [&](const Directive &d) {
    printer << stringifyDirectiveKind(d.kind) << "(" << d.size;
    if (d.kind == DirectiveKind::Cluster) {
      printer << ")";
      return;
    }
    printer << ", " << d.offset << ") ";
    printer.printKeywordOrString(d.dim.getValue());
  });
  printer << "]>";
}

LogicalResult DataflowAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   ArrayRef<Directive> directives) {
  if (directives.empty())
    return emitError() << "dataflow must have at least one directive";
  unsigned level = 0;
  unsigned spatialMaps = 0;
  llvm::StringSet<> dims;
  auto closeLevel = [&]() -> LogicalResult {
    // MAESTRO stops on a cluster level with no or more than two spatial
    // maps; catch it here, where the user can see which level.
    if (spatialMaps == 0)
      return emitError() << "dataflow level " << level << " has no spatial_map";
    if (spatialMaps > 2)
      return emitError() << "dataflow level " << level << " has " << spatialMaps
                         << " spatial_maps; at most 2 allowed";
    ++level;
    spatialMaps = 0;
    dims.clear();
    return success();
  };
  for (auto [i, d] : llvm::enumerate(directives)) {
    if (d.size < 1)
      return emitError() << "dataflow directive #" << i << " ("
                         << stringifyDirectiveKind(d.kind)
                         << ") must have a positive size, got " << d.size;
    if (d.kind == DirectiveKind::Cluster) {
      if (failed(closeLevel()))
        return failure();
      continue;
    }
    if (d.offset < 1)
      return emitError() << "dataflow directive #" << i << " ("
                         << stringifyDirectiveKind(d.kind)
                         << ") must have a positive offset, got " << d.offset;
    if (!d.dim || d.dim.getValue().empty())
      return emitError() << "dataflow directive #" << i << " must name a dim";
    if (!dims.insert(d.dim.getValue()).second)
      return emitError() << "dataflow level " << level << " maps '"
                         << d.dim.getValue() << "' twice";
    if (d.kind == DirectiveKind::SpatialMap)
      ++spatialMaps;
  }
  return closeLevel();
}

unsigned DataflowAttr::getNumLevels() const {
  return 1 + llvm::count_if(getDirectives(), [](const Directive &d) {
           return d.kind == DirectiveKind::Cluster;
         });
}
