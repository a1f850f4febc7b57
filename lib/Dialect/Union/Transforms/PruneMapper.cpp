//===- PruneMapper.cpp - Prune map spaces with the user's limits ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"
#include "Union/Dialect/Union/Transforms/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONPRUNEMAPPER
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {

struct PruneMapperPass
    : mlir::union_::impl::UnionPruneMapperBase<PruneMapperPass> {
  using Base::Base;

  /// Parses `[LEVEL:]D1+D2[=N]` into a constraint attribute.
  FailureOr<ConstraintAttr> parseOption(StringRef option, StringRef text,
                                        ir::ConstraintKind kind,
                                        bool needsLevel, bool takesValue) {
    MLIRContext *context = &getContext();
    auto fail = [&](StringRef expected) {
      return emitError(getOperation()->getLoc(), "union-prune-mapper: ")
             << option << " '" << text << "': expected " << expected;
    };
    StringRef expected =
        takesValue ? "[LEVEL:]DIM[+DIM...]=N" : "LEVEL:DIM[+DIM...]";
    StringRef level, rest = text;
    if (rest.contains(':'))
      std::tie(level, rest) = rest.split(':');
    if (needsLevel && level.empty())
      return fail(expected);
    int64_t value = 0;
    if (takesValue) {
      StringRef number;
      std::tie(rest, number) = rest.split('=');
      if (number.getAsInteger(10, value) || value < 1)
        return fail(expected);
    }
    SmallVector<Attribute> dims;
    SmallVector<StringRef> parts;
    if (!rest.empty())
      rest.split(parts, '+');
    for (StringRef part : parts) {
      part = part.trim();
      if (part.empty())
        return fail(expected);
      dims.push_back(StringAttr::get(context, part));
    }
    if (dims.empty() && kind != ir::ConstraintKind::SpatialDims)
      return fail(expected);
    auto attr = ConstraintAttr::getChecked(
        [&] { return emitError(getOperation()->getLoc()); }, context,
        ir::ConstraintSource::Mapper, kind,
        level.empty() ? StringAttr() : StringAttr::get(context, level),
        ArrayAttr::get(context, dims), ArrayAttr(), StringAttr(), value,
        F64(0.0));
    if (!attr)
      return failure();
    return attr;
  }

  void runOnOperation() override {
    SmallVector<ConstraintAttr> fromOptions;
    auto add = [&](const ListOption<std::string> &list, StringRef option,
                   ir::ConstraintKind kind, bool needsLevel, bool takesValue) {
      for (const std::string &text : list) {
        FailureOr<ConstraintAttr> attr =
            parseOption(option, text, kind, needsLevel, takesValue);
        if (failed(attr))
          return false;
        fromOptions.push_back(*attr);
      }
      return true;
    };
    if (!add(maxTile, "max-tile", ir::ConstraintKind::MaxTile, false, true) ||
        !add(minTile, "min-tile", ir::ConstraintKind::MinTile, false, true) ||
        !add(order, "order", ir::ConstraintKind::Order, true, false) ||
        !add(spatial, "spatial", ir::ConstraintKind::SpatialDims, true, false))
      return signalPassFailure();
    MLIRContext *context = &getContext();
    if (powerOfTwo)
      fromOptions.push_back(ConstraintAttr::get(
          context, ir::ConstraintSource::Mapper, ir::ConstraintKind::PowerOfTwo,
          StringAttr(), ArrayAttr(), ArrayAttr(), StringAttr(), int64_t(0),
          F64(0.0)));
    if (minUtilization != 0) {
      if (!(minUtilization > 0 && minUtilization <= 1)) {
        emitError(getOperation()->getLoc(), "union-prune-mapper: ")
            << "min-utilization must be in (0, 1], got "
            << llvm::formatv("{0}", double(minUtilization)).str();
        return signalPassFailure();
      }
      fromOptions.push_back(
          ConstraintAttr::get(context, ir::ConstraintSource::Mapper,
                              ir::ConstraintKind::MinUtilization, StringAttr(),
                              ArrayAttr(), ArrayAttr(), StringAttr(),
                              int64_t(0), F64(minUtilization.getValue())));
    }

    auto getAdded =
        [&](MappableOpInterface op,
            const OpSpace &space) -> FailureOr<std::vector<Constraint>> {
      // Constraints written in the IR (nearest enclosing op first), then
      // the options.
      SmallVector<ConstraintAttr> attrs;
      for (Operation *at = op; at; at = at->getParentOp()) {
        auto list = at->getAttrOfType<ArrayAttr>(kMapperConstraintsAttrName);
        if (!list)
          continue;
        for (Attribute element : list) {
          auto attr = dyn_cast<ConstraintAttr>(element);
          if (!attr)
            return at->emitError("'")
                   << kMapperConstraintsAttrName
                   << "' must hold #union.constraint attributes, got "
                   << element;
          attrs.push_back(attr);
        }
        break;
      }
      attrs.append(fromOptions);
      std::vector<Constraint> added;
      for (ConstraintAttr attr : attrs) {
        llvm::Expected<Constraint> c =
            getConstraint(attr, space.problem, space.levels);
        if (!c)
          return op.emitError("union-prune-mapper: constraint ")
                 << attr << ": " << llvm::toString(c.takeError());
        c->origin = "user";
        added.push_back(*c);
      }
      return added;
    };
    if (failed(runPruningPass(getOperation(), "union-prune-mapper", getAdded,
                              remarks, report, strict)))
      signalPassFailure();
  }
};
} // namespace
