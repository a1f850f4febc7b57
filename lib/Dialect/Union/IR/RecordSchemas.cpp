//===- RecordSchemas.cpp - Schemas of the union.* records on ops ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Passes and importers leave records on ops as dictionaries: union.search
// (search statistics), union.timeloop (what a Timeloop import keeps for the
// way back), union.maestro_layer (a MAESTRO layer's declared shape),
// union.constraints and union.mapper_constraints (constraint lists),
// union.map_space and union.maestro_network. The verifier holds each one to
// its schema, so a hand-edited or stale record is an error naming the key
// instead of a surprise in a later pass.
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionAttrs.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

enum class Kind { String, Integer, Float, Bool, Array, Dict, Mapping };

/// A dictionary with `fields` (and, when `values` is set, any other key
/// whose value matches it), an array whose elements match `elements` (or,
/// positionally, `tuple`), or a scalar.
struct Schema {
  Kind kind;
  struct Field {
    const char *key;
    bool required;
    const Schema *schema;
  };
  std::vector<Field> fields = {};
  const Schema *values = nullptr;
  const Schema *elements = nullptr;
  std::vector<const Schema *> tuple = {};
};

const char *describe(Kind kind) {
  switch (kind) {
  case Kind::String:
    return "a string";
  case Kind::Integer:
    return "an integer";
  case Kind::Float:
    return "a float";
  case Kind::Bool:
    return "a bool";
  case Kind::Array:
    return "an array";
  case Kind::Dict:
    return "a dictionary";
  case Kind::Mapping:
    return "a #union.mapping";
  }
  return "?";
}

bool matchesKind(Attribute attr, Kind kind) {
  switch (kind) {
  case Kind::String:
    return isa<StringAttr>(attr);
  case Kind::Integer:
    return isa<IntegerAttr>(attr) &&
           !cast<IntegerAttr>(attr).getType().isInteger(1);
  case Kind::Float:
    return isa<FloatAttr>(attr);
  case Kind::Bool:
    return isa<BoolAttr>(attr);
  case Kind::Array:
    return isa<ArrayAttr>(attr);
  case Kind::Dict:
    return isa<DictionaryAttr>(attr);
  case Kind::Mapping:
    return isa<MappingAttr>(attr);
  }
  return false;
}

LogicalResult check(Operation *op, StringRef name, Attribute attr,
                    const Schema &schema, const std::string &path) {
  auto fail = [&]() {
    return op->emitError() << "record '" << name << "': " << path;
  };
  if (!matchesKind(attr, schema.kind))
    return fail() << " must be " << describe(schema.kind) << ", got " << attr;
  if (auto dict = dyn_cast<DictionaryAttr>(attr)) {
    for (const Schema::Field &field : schema.fields)
      if (field.required && !dict.get(field.key))
        return fail() << " lacks the key '" << field.key << "'";
    for (NamedAttribute entry : dict) {
      std::string entryPath = path + "." + entry.getName().str();
      const Schema *entrySchema = schema.values;
      for (const Schema::Field &field : schema.fields)
        if (entry.getName() == field.key)
          entrySchema = field.schema;
      if (!entrySchema)
        return fail() << " has an unknown key '" << entry.getName().str()
                      << "'";
      if (failed(check(op, name, entry.getValue(), *entrySchema, entryPath)))
        return failure();
    }
  }
  if (auto array = dyn_cast<ArrayAttr>(attr)) {
    if (!schema.tuple.empty() && array.size() != schema.tuple.size())
      return fail() << " must have " << schema.tuple.size() << " elements, got "
                    << array.size();
    for (auto [i, element] : llvm::enumerate(array)) {
      const Schema *elementSchema =
          schema.tuple.empty() ? schema.elements : schema.tuple[i];
      if (elementSchema && failed(check(op, name, element, *elementSchema,
                                        path + "[" + std::to_string(i) + "]")))
        return failure();
    }
  }
  return success();
}

const Schema kString{Kind::String};
const Schema kInteger{Kind::Integer};
const Schema kFloat{Kind::Float};
const Schema kBool{Kind::Bool};
const Schema kStrings{Kind::Array, {}, nullptr, &kString};
const Schema kStringPair{
    Kind::Array, {}, nullptr, nullptr, {&kString, &kString}};
const Schema kStringPairs{Kind::Array, {}, nullptr, &kStringPair};
const Schema kIntegersByName{Kind::Dict, {}, &kInteger};

// union.search: what union-search found and how.
const Schema kRejection{
    Kind::Dict, {{"reason", true, &kString}, {"count", true, &kInteger}}};
const Schema kTimePoint{Kind::Array, {}, nullptr, nullptr, {&kFloat, &kFloat}};
const Schema kMapping{Kind::Mapping};
const Schema kRanked{
    Kind::Dict, {{"objective", true, &kFloat}, {"mapping", true, &kMapping}}};
const Schema kRejections{Kind::Array, {}, nullptr, &kRejection};
const Schema kBestOverTime{Kind::Array, {}, nullptr, &kTimePoint};
const Schema kTop{Kind::Array, {}, nullptr, &kRanked};
const Schema kSearch{Kind::Dict,
                     {{"mapper", true, &kString},
                      {"cost_model", true, &kString},
                      {"objective", true, &kString},
                      {"space", true, &kString},
                      {"evaluated", true, &kInteger},
                      {"rejected", true, &kInteger},
                      {"bounded", true, &kInteger},
                      {"exhausted", true, &kBool},
                      {"timed_out", true, &kBool},
                      {"stopped", false, &kString},
                      {"seconds", true, &kFloat},
                      {"seed", true, &kInteger},
                      {"threads", true, &kInteger},
                      {"streams", false, &kInteger},
                      {"rejections", true, &kRejections},
                      {"best_over_time", true, &kBestOverTime},
                      {"top", true, &kTop}}};

// union.maestro_layer: a MAESTRO layer's type and declared dimensions.
const Schema kMaestroLayer{Kind::Dict,
                           {{"type", true, &kString},
                            {"dimensions", true, &kIntegersByName},
                            {"stride", false, &kIntegersByName}}};

// union.timeloop: what a Timeloop import keeps for the way back.
const Schema kCoefficient{
    Kind::Array, {}, nullptr, nullptr, {&kString, &kInteger, &kInteger}};
const Schema kContainer{
    Kind::Array, {}, nullptr, nullptr, {&kString, &kStringPairs}};
const Schema kAction{
    Kind::Array, {}, nullptr, nullptr, {&kString, &kString, &kFloat}};
const Schema kActions{Kind::Array, {}, nullptr, &kAction};
const Schema kTimeloopLevel{Kind::Dict,
                            {{"written", true, &kString},
                             {"class", true, &kString},
                             {"path", true, &kStrings},
                             {"attributes", true, &kStringPairs},
                             {"block_size", false, &kInteger},
                             {"word_bits", true, &kInteger},
                             {"mesh_x", false, &kInteger},
                             {"energy", true, &kString},
                             {"table", false, &kString},
                             {"actions", false, &kActions},
                             {"update_energy", false, &kFloat}}};
const Schema kTerm{Kind::Array, {}, nullptr, &kString};
const Schema kRank{Kind::Array, {}, nullptr, &kTerm};
const Schema kProjection{Kind::Array, {}, nullptr, &kRank};
const Schema kCoefficients{Kind::Array, {}, nullptr, &kCoefficient};
const Schema kProjections{Kind::Dict, {}, &kProjection};
const Schema kContainers{Kind::Array, {}, nullptr, &kContainer};
const Schema kTimeloopLevels{Kind::Dict, {}, &kTimeloopLevel};
const Schema kSpatialX{Kind::Dict, {}, &kStrings};
const Schema kTimeloop{Kind::Dict,
                       {{"shape", true, &kString},
                        {"coefficients", true, &kCoefficients},
                        {"projections", true, &kProjections},
                        {"containers", true, &kContainers},
                        {"ert", true, &kBool},
                        {"levels", true, &kTimeloopLevels},
                        {"spatial_x", false, &kSpatialX}}};

} // namespace

LogicalResult UnionDialect::verifyOperationAttribute(Operation *op,
                                                     NamedAttribute attr) {
  StringRef name = attr.getName().getValue();
  const Schema *schema = nullptr;
  if (name == "union.search")
    schema = &kSearch;
  else if (name == "union.timeloop")
    schema = &kTimeloop;
  else if (name == "union.maestro_layer")
    schema = &kMaestroLayer;
  else if (name == "union.constraints" || name == "union.mapper_constraints") {
    auto list = dyn_cast<ArrayAttr>(attr.getValue());
    if (!list)
      return op->emitError("'")
             << name << "' must be an array of "
             << "#union.constraint attributes, got " << attr.getValue();
    for (Attribute element : list)
      if (!isa<ConstraintAttr>(element))
        return op->emitError("'")
               << name << "' must hold #union.constraint attributes, got "
               << element;
    return success();
  } else if (name == "union.maestro_network")
    schema = &kString;
  else if (name == "union.map_space") {
    if (!isa<MapSpaceAttr>(attr.getValue()))
      return op->emitError() << "record 'union.map_space' must be a "
                                "#union.map_space, got "
                             << attr.getValue();
    return success();
  } else {
    // Passes may store other records (union.arch, union.mapping, union.cost
    // on ops that map through an external model): typed attributes verify
    // themselves.
    return success();
  }
  return check(op, name, attr.getValue(), *schema, name.str());
}
