//===- TimeloopImport.cpp - Timeloop inputs into a union op ---------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TimeloopRecord.h"

#include "Union/Arch/ArchitectureSpec.h"
#include "Union/Dialect/Union/IR/ArchitectureConversion.h"
#include "Union/Target/TimeloopTranslation.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mlir::union_;
using namespace mlir::union_::timeloop;

namespace {

class Importer {
public:
  Importer(const Inputs &inputs, OpBuilder &builder, Location loc)
      : inputs(inputs), builder(builder), context(builder.getContext()),
        loc(loc) {}

  FailureOr<ComputeOp> run(StringRef label);

private:
  const Inputs &inputs;
  OpBuilder &builder;
  MLIRContext *context;
  Location loc;
  SmallVector<NamedAttribute> record;

  /// `file:line: ` of a section item.
  /// An error at `line` of the file `section` came from.
  InFlightDiagnostic error(const std::string &section, int line) {
    auto it = inputs.origins.find(section);
    if (it == inputs.origins.end())
      return emitError(loc);
    return emitError(FileLineColLoc::get(context, it->second.first,
                                         line ? line : it->second.second, 1));
  }

  FailureOr<ProblemAttr> importProblem();
  FailureOr<ArchitectureAttr> importArchitecture(int64_t tensorBits);
  FailureOr<MappingAttr> importMapping(ArchitectureAttr arch);
  /// The mapper's architecture and map-space constraints as
  /// #union.constraint attributes (source mapper).
  FailureOr<ArrayAttr> importConstraints(ProblemAttr problem,
                                         ArchitectureAttr arch);
};

FailureOr<ProblemAttr> Importer::importProblem() {
  const Problem &problem = *inputs.problem;
  SmallVector<DimSpec> dims;
  for (const std::string &dim : problem.dims)
    dims.push_back({StringAttr::get(context, dim), problem.getBound(dim)});
  int64_t bits =
      inputs.architecture ? inputs.architecture->levels[0].wordBits : 16;
  SmallVector<TensorSpec> tensors;
  SmallVector<NamedAttribute> projections;
  for (const DataSpace &space : problem.dataSpaces) {
    SmallVector<AffineExpr> exprs;
    for (const auto &terms : space.projection) {
      AffineExpr sum = getAffineConstantExpr(0, context);
      for (const ProjectionTerm &term : terms) {
        int64_t coefficient = problem.getCoefficient(term.coefficient);
        if (coefficient < 0)
          return error("problem", 0)
                 << "coefficient '" << term.coefficient << "' of data space '"
                 << space.name << "' is negative (" << coefficient
                 << "); Union indexes tensors by non-negative sums";
        sum = sum + getAffineDimExpr(problem.findDim(term.dim), context) *
                        coefficient;
      }
      exprs.push_back(sum);
    }
    tensors.push_back(
        {StringAttr::get(context, space.name),
         space.readWrite ? TensorRole::ReadWrite : TensorRole::Read,
         AffineMap::get(dims.size(), 0, exprs, context), bits, ArrayAttr()});
    projections.push_back(builder.getNamedAttr(
        space.name, record::projectionToAttr(space.projection, context)));
  }
  auto emit = [&] { return emitError(loc); };
  ProblemAttr attr =
      ProblemAttr::getChecked(emit, context, ArrayRef(dims), ArrayRef(tensors));
  if (!attr)
    return failure();
  record.push_back(
      builder.getNamedAttr("shape", builder.getStringAttr(problem.shapeName)));
  SmallVector<Attribute> coefficients;
  for (const auto &[name, defaultValue] : problem.coefficients)
    coefficients.push_back(builder.getArrayAttr(
        {builder.getStringAttr(name), builder.getI64IntegerAttr(defaultValue),
         builder.getI64IntegerAttr(problem.getCoefficient(name))}));
  record.push_back(
      builder.getNamedAttr("coefficients", builder.getArrayAttr(coefficients)));
  record.push_back(builder.getNamedAttr(
      "projections", builder.getDictionaryAttr(projections)));
  return attr;
}

FailureOr<ArchitectureAttr> Importer::importArchitecture(int64_t tensorBits) {
  const Architecture &arch = *inputs.architecture;
  const std::vector<ErtTable> *ert = inputs.ert ? &*inputs.ert : nullptr;
  ArchitectureSpec spec;
  spec.name = "timeloop";
  std::vector<LevelSpec> &levels = spec.levels;
  SmallVector<NamedAttribute> levelRecords;
  for (auto [i, component] : llvm::enumerate(arch.levels)) {
    // A network wherever the instance count grows.
    if (i > 0) {
      const Component &outer = arch.levels[i - 1];
      if (component.instances % outer.instances != 0)
        return error("architecture", component.line)
               << "'" << component.name << "' has " << component.instances
               << " instances, not a multiple of the " << outer.instances
               << " of '" << outer.name << "' above it";
      int64_t fanout = component.instances / outer.instances;
      if (fanout > 1 || (component.meshX && outer.meshX &&
                         *component.meshX != *outer.meshX)) {
        int64_t meshX = 0;
        if (component.meshX) {
          int64_t outerX = outer.meshX.value_or(outer.instances);
          if (*component.meshX % outerX != 0 ||
              component.instances % *component.meshX != 0)
            return error("architecture", component.line)
                   << "meshX of '" << component.name << "' ("
                   << *component.meshX << ") must be a multiple of the meshX "
                   << "of '" << outer.name << "' (" << outerX
                   << ") and divide its instances (" << component.instances
                   << ")";
          meshX = *component.meshX / outerX;
          if (fanout % meshX != 0)
            return error("architecture", component.line)
                   << "the fan-out from '" << outer.name << "' to '"
                   << component.name << "' (" << fanout
                   << ") is not a whole number of mesh rows of " << meshX;
        }
        LevelSpec network;
        network.kind = LevelKind::Network;
        network.name = outer.name + "_to_" + component.name;
        network.fanout = fanout;
        network.meshX = meshX;
        levels.push_back(network);
      }
    }

    // Energies per word from the component's ERT table.
    const ErtTable *table = nullptr;
    if (ert)
      for (const ErtTable &candidate : *ert)
        if (getTableLevelName(candidate.name) == component.name) {
          table = &candidate;
          break;
        }
    std::optional<double> read, fill, update, compute;
    if (table) {
      read = resolveAction(*table, getReadActions());
      fill = resolveAction(*table, getFillActions());
      update = resolveAction(*table, getUpdateActions());
      compute = resolveAction(*table, getComputeActions());
    }
    bool fromErt = component.isStorage ? (read || fill) : compute.has_value();
    double block = component.blockSize;

    SmallVector<NamedAttribute> fields;
    fields.push_back(builder.getNamedAttr(
        "written", builder.getStringAttr(component.writtenName)));
    fields.push_back(builder.getNamedAttr(
        "class", builder.getStringAttr(component.className)));
    fields.push_back(builder.getNamedAttr(
        "path", record::stringsToAttr(component.path, context)));
    fields.push_back(builder.getNamedAttr(
        "attributes", record::pairsToAttr(component.attributes, context)));
    fields.push_back(builder.getNamedAttr(
        "word_bits", builder.getI64IntegerAttr(component.wordBits)));
    if (component.meshX)
      fields.push_back(builder.getNamedAttr(
          "mesh_x", builder.getI64IntegerAttr(*component.meshX)));
    fields.push_back(builder.getNamedAttr(
        "energy", builder.getStringAttr(fromErt ? "ert" : "builtin")));
    if (table) {
      fields.push_back(
          builder.getNamedAttr("table", builder.getStringAttr(table->name)));
      // Actions Union does not model, kept for the way back.
      std::vector<Action> others;
      for (const Action &action : table->actions) {
        auto in = [&](ArrayRef<StringRef> names) {
          return llvm::is_contained(names, action.name);
        };
        bool modelled =
            component.isStorage
                ? fromErt && (in(getReadActions()) || in(getFillActions()) ||
                              in(getUpdateActions()))
                : fromErt && in(getComputeActions());
        if (!modelled)
          others.push_back(action);
      }
      fields.push_back(builder.getNamedAttr(
          "actions", record::actionsToAttr(others, context)));
    }
    levelRecords.push_back(builder.getNamedAttr(
        component.name, builder.getDictionaryAttr(fields)));

    if (!component.isStorage) {
      LevelSpec mac;
      mac.kind = LevelKind::Compute;
      mac.name = component.name;
      mac.macEnergy = fromErt ? *compute : 0.0;
      levels.push_back(mac);
      continue;
    }
    double readEnergy = fromErt && read ? *read / block : 0;
    double writeEnergy = fromErt && fill ? *fill / block : 0;
    LevelSpec storage;
    storage.name = component.name;
    storage.capacity = component.capacity;
    storage.wordBits = component.wordBits;
    storage.readBandwidth = component.readBandwidth;
    storage.writeBandwidth = component.writeBandwidth;
    storage.readEnergy = readEnergy;
    storage.writeEnergy = writeEnergy;
    storage.blockSize = component.blockSize;
    if (fromErt && update && update != fill)
      storage.updateEnergy = *update / block;
    levels.push_back(storage);
  }
  if (llvm::Error invalid = validateArchitecture(spec))
    return emitError(loc) << "the Timeloop architecture has no Union form: "
                          << llvm::toString(std::move(invalid)),
           failure();
  ArchitectureAttr attr = getArchitectureAttr(context, spec);
  SmallVector<Attribute> containers;
  for (const Container &container : arch.containers)
    containers.push_back(builder.getArrayAttr(
        {builder.getStringAttr(container.name),
         record::pairsToAttr(container.attributes, context)}));
  record.push_back(
      builder.getNamedAttr("containers", builder.getArrayAttr(containers)));
  record.push_back(
      builder.getNamedAttr("levels", builder.getDictionaryAttr(levelRecords)));
  record.push_back(
      builder.getNamedAttr("ert", builder.getBoolAttr(ert != nullptr)));
  (void)tensorBits;
  return attr;
}

FailureOr<MappingAttr> Importer::importMapping(ArchitectureAttr archAttr) {
  const Problem &problem = *inputs.problem;
  const Architecture &arch = *inputs.architecture;
  unsigned numDims = problem.dims.size();
  struct LevelDirectives {
    const timeloop::Directive *temporal = nullptr, *spatial = nullptr,
                              *bypass = nullptr;
  };
  std::vector<LevelDirectives> perLevel(arch.levels.size());
  for (const timeloop::Directive &directive : *inputs.mapping) {
    int level = arch.findLevel(directive.target);
    if (level < 0) {
      std::string names;
      for (const Component &c : arch.levels)
        if (c.isStorage)
          names += (names.empty() ? "" : ", ") + c.name;
      bool isArithmetic = directive.target == arch.getArithmetic().name;
      return error("mapping", directive.line)
             << (isArithmetic
                     ? "the arithmetic level '" + directive.target +
                           "' cannot be a mapping target"
                     : "target storage level not found: " + directive.target)
             << " (storage levels: " << names << ")";
    }
    const timeloop::Directive *&slot =
        directive.type == "temporal"  ? perLevel[level].temporal
        : directive.type == "spatial" ? perLevel[level].spatial
                                      : perLevel[level].bypass;
    if (directive.type == "utilization")
      continue;
    if (slot)
      return error("mapping", directive.line)
             << "a second " << directive.type << " directive for level '"
             << directive.target << "' (the first is at line " << slot->line
             << ")";
    slot = &directive;
  }

  // Factors per level and dim, checked as Timeloop checks them.
  auto readFactors = [&](const timeloop::Directive *directive,
                         std::vector<int64_t> &factors) -> LogicalResult {
    factors.assign(numDims, 1);
    if (!directive)
      return success();
    for (const auto &[dim, factor] : directive->factors) {
      int d = problem.findDim(dim);
      if (d < 0)
        return error("mapping", directive->line)
               << "parsing factors: dimension " << dim
               << " not found in problem shape";
      factors[d] = factor == 0 ? problem.getBound(dim) : factor;
    }
    return success();
  };
  auto readPermutation = [&](const timeloop::Directive *directive,
                             std::vector<unsigned> &order) -> LogicalResult {
    order.clear();
    llvm::SmallVector<bool> seen(numDims, false);
    if (directive && directive->permutation) {
      for (char c : *directive->permutation) {
        int d = problem.findDim(std::string(1, c));
        if (d < 0)
          return error("mapping", directive->line)
                 << "permutation '" << *directive->permutation << "' names '"
                 << c
                 << "', which is not a dimension of the problem (Timeloop "
                    "v3.0.3 aborts on this)";
        if (seen[d])
          return error("mapping", directive->line)
                 << "permutation '" << *directive->permutation << "' names '"
                 << c << "' twice";
        seen[d] = true;
        order.push_back(d);
      }
    }
    // Timeloop pads a partial permutation with the other dims.
    for (unsigned d = 0; d < numDims; ++d)
      if (!seen[d])
        order.push_back(d);
    return success();
  };

  // Timeloop checks the factorization first.
  std::vector<int64_t> products(numDims, 1);
  for (auto [l, component] : llvm::enumerate(arch.levels)) {
    if (!component.isStorage)
      continue;
    std::vector<int64_t> temporal, spatial;
    if (failed(readFactors(perLevel[l].temporal, temporal)) ||
        failed(readFactors(perLevel[l].spatial, spatial)))
      return failure();
    for (unsigned d = 0; d < numDims; ++d)
      products[d] *= temporal[d] * spatial[d];
  }
  for (unsigned d = 0; d < numDims; ++d)
    if (products[d] != problem.getBound(problem.dims[d]))
      return error("mapping", 0)
             << "product of all factors of dimension " << problem.dims[d]
             << " is " << products[d]
             << ", which is not equal to the dimension size of the workload "
             << problem.getBound(problem.dims[d]);
  // Per storage level: its factors (temporal x spatial) and kept tensors,
  // for the capacity check below.
  struct Held {
    const Component *component;
    std::vector<int64_t> factors;
    std::vector<bool> kept;
    int line;
  };
  std::vector<Held> held;
  SmallVector<LevelMappingAttr> levelMappings;
  SmallVector<NamedAttribute> spatialX;
  unsigned numTensors = problem.dataSpaces.size();
  for (auto [l, component] : llvm::enumerate(arch.levels)) {
    if (!component.isStorage)
      continue;
    const LevelDirectives &directives = perLevel[l];
    std::vector<int64_t> temporal, spatial;
    std::vector<unsigned> temporalOrder, spatialOrder;
    if (failed(readFactors(directives.temporal, temporal)) ||
        failed(readFactors(directives.spatial, spatial)) ||
        failed(readPermutation(directives.temporal, temporalOrder)) ||
        failed(readPermutation(directives.spatial, spatialOrder)))
      return failure();
    std::optional<unsigned> levelIndex = archAttr.getLevelIndex(component.name);
    int64_t fanout = archAttr.getFanoutBelow(*levelIndex);
    int64_t spatialProduct = 1;
    for (int64_t f : spatial)
      spatialProduct *= f;
    if (directives.spatial && spatialProduct > 1 && fanout == 1)
      return error("mapping", directives.spatial->line)
             << "cannot find spatial tiling level associated with storage "
                "level "
             << component.name << ": the level below it has as many instances";
    if (spatialProduct > fanout)
      return error("mapping", directives.spatial->line)
             << "spatial factors at '" << component.name << "' multiply to "
             << spatialProduct << " but it fans out to " << fanout
             << " instances";
    // Mesh axes: the first `split` dims of the permutation go to X.
    SmallVector<Attribute> xDims;
    if (directives.spatial && spatialProduct > 1) {
      size_t split = directives.spatial->split.value_or(spatialOrder.size());
      int64_t x = 1, y = 1;
      for (auto [i, d] : llvm::enumerate(spatialOrder)) {
        (i < split ? x : y) *= spatial[d];
        if (i < split && spatial[d] > 1)
          xDims.push_back(builder.getStringAttr(problem.dims[d]));
      }
      int64_t meshX = record::getMeshXBelow(archAttr, *levelIndex);
      int64_t meshY = fanout / meshX;
      if (x > meshX || y > meshY)
        return error("mapping", directives.spatial->line)
               << "spatial factors at '" << component.name << "' need " << x
               << " instances along mesh X and " << y
               << " along Y, but it fans out to " << meshX << " x " << meshY
               << " (split " << split << " of permutation '"
               << directives.spatial->permutation.value_or("") << "')";
      spatialX.push_back(
          builder.getNamedAttr(component.name, builder.getArrayAttr(xDims)));
    }

    SmallVector<LoopSpec> loops;
    for (unsigned d : llvm::reverse(temporalOrder))
      if (temporal[d] > 1)
        loops.push_back({builder.getStringAttr(problem.dims[d]), temporal[d],
                         LoopKind::Temporal});
    for (unsigned d : llvm::reverse(spatialOrder))
      if (spatial[d] > 1)
        loops.push_back({builder.getStringAttr(problem.dims[d]), spatial[d],
                         LoopKind::Spatial});

    SmallVector<StringAttr> bypass;
    if (const timeloop::Directive *directive = directives.bypass) {
      llvm::StringSet<> kept;
      for (const std::string &name : directive->keep) {
        if (problem.findDataSpace(name) < 0)
          return error("mapping", directive->line)
                 << "keep at '" << component.name << "' names '" << name
                 << "', which is not a data space of the problem"
                 << record::listDataSpaces(problem);
        kept.insert(name);
      }
      for (const std::string &name : directive->bypass) {
        if (problem.findDataSpace(name) < 0)
          return error("mapping", directive->line)
                 << "bypass at '" << component.name << "' names '" << name
                 << "', which is not a data space of the problem"
                 << record::listDataSpaces(problem)
                 << " (Timeloop v3.0.3 aborts on this)";
        if (kept.contains(name))
          return error("mapping", directive->line)
                 << "'" << name << "' is both kept and bypassed at '"
                 << component.name << "'";
        bypass.push_back(builder.getStringAttr(name));
      }
      if (l == 0 && !bypass.empty())
        emitWarning(FileLineColLoc::get(
            context, inputs.origins.at("mapping").first, directive->line, 1))
            << "bypassing at the outermost level '" << component.name
            << "': Timeloop v3.0.3 accepts it, and the bypassed "
               "tensors then never reach or leave it";
    }
    Held level{&component, std::vector<int64_t>(numDims), {}, 0};
    for (unsigned d = 0; d < numDims; ++d)
      level.factors[d] = temporal[d] * spatial[d];
    for (const DataSpace &space : problem.dataSpaces)
      level.kept.push_back(!llvm::any_of(bypass, [&](StringAttr name) {
        return name.getValue() == space.name;
      }));
    level.line = directives.temporal ? directives.temporal->line : 0;
    held.push_back(level);
    (void)numTensors;
    levelMappings.push_back(LevelMappingAttr::get(
        context, builder.getStringAttr(component.name), loops, bypass));
  }
  // Each level holds the tiles of the loops at and below it.
  std::vector<int64_t> extents(numDims, 1);
  for (const Held &level : llvm::reverse(held)) {
    for (unsigned d = 0; d < numDims; ++d)
      extents[d] *= level.factors[d];
    if (level.component->capacity == 0)
      continue;
    int64_t words = 0;
    for (auto [t, space] : llvm::enumerate(problem.dataSpaces)) {
      if (!level.kept[t])
        continue;
      int64_t footprint = 1;
      for (const auto &terms : space.projection) {
        int64_t span = 1;
        for (const ProjectionTerm &term : terms)
          span += problem.getCoefficient(term.coefficient) *
                  (extents[problem.findDim(term.dim)] - 1);
        footprint *= span;
      }
      words += footprint;
    }
    if (words > level.component->capacity)
      return error("mapping", level.line)
             << "couldn't map level " << level.component->name
             << ": mapped tile size " << words << " exceeds buffer capacity "
             << level.component->capacity;
  }
  record.push_back(
      builder.getNamedAttr("spatial_x", builder.getDictionaryAttr(spatialX)));
  auto emit = [&] { return emitError(loc); };
  MappingAttr mapping =
      MappingAttr::getChecked(emit, context, ArrayRef(levelMappings));
  if (!mapping)
    return failure();
  return mapping;
}

FailureOr<ArrayAttr> Importer::importConstraints(ProblemAttr problem,
                                                 ArchitectureAttr arch) {
  SmallVector<Attribute> constraints;
  auto add = [&](ir::ConstraintKind kind, StringRef level, ArrayAttr dims,
                 ArrayAttr y, StringRef tensor, int64_t value,
                 double fraction) {
    constraints.push_back(ConstraintAttr::get(
        context, ir::ConstraintSource::Mapper, kind,
        level.empty() ? StringAttr() : builder.getStringAttr(level), dims, y,
        tensor.empty() ? StringAttr() : builder.getStringAttr(tensor), value,
        F64(fraction)));
  };
  auto names = [&](ArrayRef<std::string> list) {
    SmallVector<Attribute> attrs;
    for (const std::string &name : list)
      attrs.push_back(builder.getStringAttr(name));
    return builder.getArrayAttr(attrs);
  };
  std::vector<std::string> dimNames;
  for (const DimSpec &dim : problem.getDims())
    dimNames.push_back(dim.name.str());
  llvm::StringSet<> tensorNames;
  for (const TensorSpec &tensor : problem.getTensors())
    tensorNames.insert(tensor.name.getValue());

  auto importOne = [&](const timeloop::Directive &directive,
                       const std::string &section) -> LogicalResult {
    std::optional<unsigned> index = arch.getLevelIndex(directive.target);
    if (!index || !isa<StorageLevelAttr>(arch.getLevels()[*index]))
      return error(section, directive.line)
             << "constraint target '" << directive.target
             << "' is not a storage level of the architecture";
    StringRef level = directive.target;
    for (const auto &[dim, factor] : directive.factors)
      if (!llvm::is_contained(dimNames, dim))
        return error(section, directive.line)
               << "constraint factors: dimension " << dim
               << " not found in problem shape";
    if (directive.type == "bypass" || directive.type == "datatype") {
      for (const std::string &tensor :
           llvm::concat<const std::string>(directive.keep, directive.bypass))
        if (!tensorNames.contains(tensor))
          return error(section, directive.line)
                 << "constraint names data space '" << tensor
                 << "', which the problem does not have";
      for (const std::string &tensor : directive.keep)
        add(ir::ConstraintKind::Keep, level, {}, {}, tensor, 0, 0);
      for (const std::string &tensor : directive.bypass)
        add(ir::ConstraintKind::Bypass, level, {}, {}, tensor, 0, 0);
      return success();
    }
    if (directive.type == "utilization") {
      add(ir::ConstraintKind::MinUtilization, {}, {}, {}, {}, 0,
          directive.minUtilization.value_or(0));
      return success();
    }
    bool spatial = directive.type == "spatial";
    if (!spatial && directive.type != "temporal")
      return error(section, directive.line)
             << "constraint type '" << directive.type
             << "' is not supported (temporal, spatial, bypass, "
                "utilization are)";
    if (!spatial && directive.permutation)
      return error(section, directive.line)
             << "temporal permutation constraints are not supported yet";
    // Factors of 1 forbid a dim's loops; larger factors fix them.
    std::vector<std::string> allowed;
    for (const std::string &dim : dimNames) {
      auto it = llvm::find_if(directive.factors,
                              [&](const auto &f) { return f.first == dim; });
      if (it == directive.factors.end() || it->second != 1)
        allowed.push_back(dim);
      if (it == directive.factors.end() || it->second == 1)
        continue;
      if (!spatial || it->second < 1)
        return error(section, directive.line)
               << "constraint factor " << dim << "=" << it->second
               << " is not supported (only spatial factors may be fixed; "
                  "temporal ones only to 1)";
      add(ir::ConstraintKind::SpatialFactor, level, names({dim}), {}, {},
          it->second, 0);
    }
    add(spatial ? ir::ConstraintKind::SpatialDims
                : ir::ConstraintKind::TemporalDims,
        level, names(allowed), {}, {}, 0, 0);
    // permutation[0, split) along X, the rest along Y, where the level
    // feeds a 2-D array through one network.
    auto next = arch.getLevels().getValue().drop_front(*index + 1);
    auto network = next.empty() ? NetworkLevelAttr()
                                : dyn_cast<NetworkLevelAttr>(next.front());
    bool oneNetwork =
        network && (next.size() < 2 || !isa<NetworkLevelAttr>(next[1]));
    if (spatial && directive.permutation && directive.split && network &&
        oneNetwork && network.getMeshX() > 0) {
      std::vector<std::string> x, y;
      for (auto [i, letter] : llvm::enumerate(*directive.permutation)) {
        std::string dim(1, letter);
        if (!llvm::is_contained(dimNames, dim))
          return error(section, directive.line)
                 << "constraint permutation: dimension " << dim
                 << " not found in problem shape";
        (int64_t(i) < *directive.split ? x : y).push_back(dim);
      }
      add(ir::ConstraintKind::MeshAxes, level, names(x), names(y), {}, 0, 0);
    }
    return success();
  };
  for (const timeloop::Directive &directive : inputs.architectureConstraints)
    if (failed(importOne(directive, "architecture_constraints")))
      return failure();
  for (const timeloop::Directive &directive : inputs.mapspaceConstraints)
    if (failed(importOne(directive, "mapspace_constraints")))
      return failure();
  return builder.getArrayAttr(constraints);
}

FailureOr<ComputeOp> Importer::run(StringRef label) {
  if (!inputs.problem)
    return emitError(loc) << "no Timeloop problem given (a 'problem' "
                             "section in one of the files)",
           failure();
  FailureOr<ProblemAttr> problem = importProblem();
  if (failed(problem))
    return failure();
  ArchitectureAttr arch;
  if (inputs.architecture) {
    FailureOr<ArchitectureAttr> imported = importArchitecture(16);
    if (failed(imported))
      return failure();
    arch = *imported;
  }
  MappingAttr mapping;
  if (inputs.mapping) {
    if (!arch)
      return emitError(loc) << "a Timeloop mapping needs the architecture "
                               "it targets (an 'architecture' section)",
             failure();
    FailureOr<MappingAttr> imported = importMapping(arch);
    if (failed(imported))
      return failure();
    mapping = *imported;
  }
  auto op = ComputeOp::create(
      builder, loc, TypeRange(), builder.getStringAttr(label), ValueRange(),
      *problem, arch, mapping, DataflowAttr(), CostAttr());
  op->setAttr(record::kAttrName, builder.getDictionaryAttr(record));
  if (!inputs.architectureConstraints.empty() ||
      !inputs.mapspaceConstraints.empty()) {
    if (!arch) {
      op->erase();
      return emitError(loc) << "Timeloop constraints need the architecture "
                               "they constrain (an 'architecture' section)",
             failure();
    }
    FailureOr<ArrayAttr> constraints = importConstraints(*problem, arch);
    if (failed(constraints)) {
      op->erase();
      return failure();
    }
    op->setAttr(kMapperConstraintsAttrName, *constraints);
  }
  if (failed(op.verify())) {
    op->erase();
    return failure();
  }
  return op;
}

} // namespace

FailureOr<ComputeOp> mlir::union_::importTimeloop(const Inputs &inputs,
                                                  OpBuilder &builder,
                                                  Location loc,
                                                  StringRef label) {
  return Importer(inputs, builder, loc).run(label);
}

OwningOpRef<ModuleOp> mlir::union_::importTimeloopFiles(
    ArrayRef<std::pair<std::string, std::string>> files, MLIRContext *context) {
  context->loadDialect<UnionDialect>();
  Location loc =
      files.empty()
          ? UnknownLoc::get(context)
          : Location(FileLineColLoc::get(context, files[0].first, 1, 1));
  Inputs inputs;
  std::vector<std::string> warnings;
  // The reader's messages start with `file:line: `; point there.
  auto locate = [&](StringRef message, StringRef &rest) -> Location {
    for (const auto &[name, text] : files) {
      StringRef tail = message;
      unsigned line;
      if (tail.consume_front(name) && tail.consume_front(":")) {
        auto [number, after] = tail.split(": ");
        if (!number.getAsInteger(10, line)) {
          rest = after;
          return FileLineColLoc::get(context, name, line, 1);
        }
      }
    }
    rest = message;
    return loc;
  };
  if (llvm::Error error = readInputs(files, inputs, warnings)) {
    std::string message = llvm::toString(std::move(error));
    StringRef rest;
    Location at = locate(message, rest);
    emitError(at) << rest;
    return {};
  }
  for (const std::string &warning : warnings) {
    StringRef rest;
    Location at = locate(warning, rest);
    rest.consume_front("warning: ");
    emitWarning(at) << rest;
  }
  OwningOpRef<ModuleOp> module(ModuleOp::create(loc));
  OpBuilder builder(context);
  builder.setInsertionPointToEnd(module->getBody());
  std::string label = inputs.problem && !inputs.problem->shapeName.empty()
                          ? inputs.problem->shapeName
                          : "timeloop";
  if (failed(importTimeloop(inputs, builder, loc, label)))
    return {};
  return module;
}
