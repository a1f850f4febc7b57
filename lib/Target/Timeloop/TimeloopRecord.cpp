//===- TimeloopRecord.cpp - The union.timeloop record on an op ------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TimeloopRecord.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlir::union_;

ArrayAttr record::stringsToAttr(const std::vector<std::string> &strings,
                                MLIRContext *context) {
  SmallVector<Attribute> attrs;
  for (const std::string &s : strings)
    attrs.push_back(StringAttr::get(context, s));
  return ArrayAttr::get(context, attrs);
}

std::vector<std::string> record::attrToStrings(Attribute attr) {
  std::vector<std::string> strings;
  if (auto array = dyn_cast_or_null<ArrayAttr>(attr))
    for (Attribute element : array)
      if (auto s = dyn_cast<StringAttr>(element))
        strings.push_back(s.str());
  return strings;
}

ArrayAttr record::pairsToAttr(const std::vector<timeloop::KeyValue> &pairs,
                              MLIRContext *context) {
  SmallVector<Attribute> attrs;
  for (const auto &[key, value] : pairs)
    attrs.push_back(ArrayAttr::get(context, {StringAttr::get(context, key),
                                             StringAttr::get(context, value)}));
  return ArrayAttr::get(context, attrs);
}

std::vector<timeloop::KeyValue> record::attrToPairs(Attribute attr) {
  std::vector<timeloop::KeyValue> pairs;
  if (auto array = dyn_cast_or_null<ArrayAttr>(attr))
    for (Attribute element : array) {
      std::vector<std::string> pair = attrToStrings(element);
      if (pair.size() == 2)
        pairs.push_back({pair[0], pair[1]});
    }
  return pairs;
}

ArrayAttr record::actionsToAttr(const std::vector<timeloop::Action> &actions,
                                MLIRContext *context) {
  Builder builder(context);
  SmallVector<Attribute> attrs;
  for (const timeloop::Action &action : actions)
    attrs.push_back(
        builder.getArrayAttr({builder.getStringAttr(action.name),
                              builder.getStringAttr(action.arguments),
                              builder.getF64FloatAttr(action.energy)}));
  return builder.getArrayAttr(attrs);
}

std::vector<timeloop::Action> record::attrToActions(Attribute attr) {
  std::vector<timeloop::Action> actions;
  if (auto array = dyn_cast_or_null<ArrayAttr>(attr))
    for (Attribute element : array) {
      auto fields = dyn_cast<ArrayAttr>(element);
      if (!fields || fields.size() != 3)
        continue;
      auto name = dyn_cast<StringAttr>(fields[0]);
      auto arguments = dyn_cast<StringAttr>(fields[1]);
      auto energy = dyn_cast<FloatAttr>(fields[2]);
      if (name && arguments && energy)
        actions.push_back(
            {name.str(), arguments.str(), energy.getValueAsDouble()});
    }
  return actions;
}

ArrayAttr record::projectionToAttr(
    const std::vector<std::vector<timeloop::ProjectionTerm>> &projection,
    MLIRContext *context) {
  SmallVector<Attribute> dims;
  for (const auto &terms : projection) {
    SmallVector<Attribute> termAttrs;
    for (const timeloop::ProjectionTerm &term : terms) {
      std::vector<std::string> parts = {term.dim};
      if (!term.coefficient.empty())
        parts.push_back(term.coefficient);
      termAttrs.push_back(stringsToAttr(parts, context));
    }
    dims.push_back(ArrayAttr::get(context, termAttrs));
  }
  return ArrayAttr::get(context, dims);
}

std::vector<std::vector<timeloop::ProjectionTerm>>
record::attrToProjection(Attribute attr) {
  std::vector<std::vector<timeloop::ProjectionTerm>> projection;
  if (auto array = dyn_cast_or_null<ArrayAttr>(attr))
    for (Attribute dim : array) {
      std::vector<timeloop::ProjectionTerm> terms;
      if (auto termArray = dyn_cast<ArrayAttr>(dim))
        for (Attribute term : termArray) {
          std::vector<std::string> parts = attrToStrings(term);
          if (parts.empty())
            continue;
          terms.push_back({parts[0], parts.size() > 1 ? parts[1] : ""});
        }
      projection.push_back(terms);
    }
  return projection;
}

int64_t record::getMeshXBelow(ArchitectureAttr arch, unsigned index) {
  int64_t meshX = 1;
  ArrayRef<Attribute> levels = arch.getLevels().getValue();
  for (unsigned i = index + 1; i < levels.size(); ++i) {
    auto network = dyn_cast<NetworkLevelAttr>(levels[i]);
    if (!network)
      break;
    meshX *= network.getMeshX() > 0 ? network.getMeshX() : network.getFanout();
  }
  return meshX;
}

std::string record::listDataSpaces(const timeloop::Problem &problem) {
  std::string names;
  for (const timeloop::DataSpace &space : problem.dataSpaces)
    names += (names.empty() ? "" : ", ") + space.name;
  return " (data spaces: " + names + ")";
}
