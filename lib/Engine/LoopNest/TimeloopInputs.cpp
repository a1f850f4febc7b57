//===- TimeloopInputs.cpp - The loop-nest model's view of Timeloop files --===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Section numbers refer to docs/LoopNest.md: §1.2 for the architecture
// attributes and meshes, §5 and §6 for energies, §1.3 for the mapping.
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/LoopNest/TimeloopInputs.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdlib>

using namespace mlir::union_;
using namespace mlir::union_::loopnest;

static llvm::Error invalid(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static llvm::Error malformed(const llvm::Twine &message) {
  return llvm::make_error<RejectionError>(RejectionKind::Malformed,
                                          message.str());
}

llvm::Expected<Problem>
mlir::union_::loopnest::getProblem(const timeloop::Problem &problem) {
  Problem result;
  for (const std::string &dim : problem.dims) {
    result.dimNames.push_back(dim);
    result.bounds.push_back(problem.getBound(dim));
  }
  for (const timeloop::DataSpace &space : problem.dataSpaces) {
    Tensor tensor;
    tensor.name = space.name;
    tensor.readWrite = space.readWrite;
    for (const auto &terms : space.projection) {
      std::vector<Term> rank;
      for (const timeloop::ProjectionTerm &term : terms) {
        int dim = problem.findDim(term.dim);
        if (dim < 0)
          return invalid("data space " + space.name +
                         " is indexed by unknown dimension " + term.dim);
        int64_t coefficient = term.coefficient.empty()
                                  ? 1
                                  : problem.getCoefficient(term.coefficient);
        rank.push_back({static_cast<unsigned>(dim), coefficient});
      }
      tensor.ranks.push_back(std::move(rank));
    }
    result.tensors.push_back(std::move(tensor));
  }
  return result;
}

namespace {

std::optional<std::string>
findAttribute(const timeloop::Component &component,
              std::initializer_list<llvm::StringRef> names) {
  for (llvm::StringRef name : names)
    for (const timeloop::KeyValue &entry : component.attributes)
      if (entry.first == name)
        return entry.second;
  return std::nullopt;
}

llvm::Expected<std::optional<double>>
numberAttribute(const timeloop::Component &component,
                std::initializer_list<llvm::StringRef> names) {
  std::optional<std::string> text = findAttribute(component, names);
  if (!text)
    return std::nullopt;
  char *end = nullptr;
  double value = std::strtod(text->c_str(), &end);
  if (text->empty() || *end != '\0' || !std::isfinite(value))
    return invalid(component.name + ": attribute " + *names.begin() +
                   " is not a number: '" + *text + "'");
  return std::optional<double>(value);
}

/// §1.2: meshY from meshX, or meshX from meshY, or all along X.
llvm::Error resolveMesh(const timeloop::Component &component, int64_t instances,
                        int64_t &meshX, int64_t &meshY) {
  auto meshYAttr = numberAttribute(component, {"meshY"});
  if (!meshYAttr)
    return meshYAttr.takeError();
  std::optional<int64_t> x = component.meshX, y;
  if (!x) {
    auto meshXAttr = numberAttribute(component, {"meshX"});
    if (!meshXAttr)
      return meshXAttr.takeError();
    if (*meshXAttr)
      x = static_cast<int64_t>(**meshXAttr);
  }
  if (*meshYAttr)
    y = static_cast<int64_t>(**meshYAttr);
  if (x && *x < 1)
    return invalid(component.name + ": meshX must be positive");
  if (y && *y < 1)
    return invalid(component.name + ": meshY must be positive");
  if (x && !y)
    y = instances / *x;
  else if (y && !x)
    x = instances / *y;
  else if (!x && !y) {
    x = instances;
    y = 1;
  }
  meshX = *x;
  meshY = *y;
  if (meshX * meshY != instances)
    return invalid(component.name + ": mesh " + llvm::Twine(meshX) + "x" +
                   llvm::Twine(meshY) + " does not match its " +
                   llvm::Twine(instances) + " instances");
  return llvm::Error::success();
}

const timeloop::ErtTable *findTable(const std::vector<timeloop::ErtTable> *ert,
                                    const timeloop::Component &component) {
  if (!ert)
    return nullptr;
  for (const timeloop::ErtTable &table : *ert)
    if (timeloop::getTableLevelName(table.name) == component.name)
      return &table;
  return nullptr;
}

llvm::Expected<int64_t> wordBitsOf(const timeloop::Component &component) {
  auto alias = numberAttribute(component, {"word_width", "datawidth"});
  if (!alias)
    return alias.takeError();
  // `word-bits` is read into the component itself and wins.
  bool explicitWordBits = component.wordBits != 16;
  if (*alias && !explicitWordBits)
    return static_cast<int64_t>(**alias);
  return component.wordBits;
}

llvm::Expected<StorageLevel>
getStorageLevel(const timeloop::Component &component) {
  StorageLevel level;
  level.name = component.name;
  level.instances = component.instances;
  if (llvm::Error e =
          resolveMesh(component, level.instances, level.meshX, level.meshY))
    return std::move(e);
  auto wordBits = wordBitsOf(component);
  if (!wordBits)
    return wordBits.takeError();
  level.wordBits = *wordBits;
  level.blockSize = component.blockSize;
  auto number = [&](std::initializer_list<llvm::StringRef> names,
                    double &out) -> llvm::Error {
    auto value = numberAttribute(component, names);
    if (!value)
      return value.takeError();
    if (*value)
      out = **value;
    return llvm::Error::success();
  };
  double width = 0, clusterSize = 1, sizeKB = 0, bandwidth = 0, blockAlias = 0;
  if (llvm::Error e =
          number({"width", "memory_width", "data_storage_width"}, width))
    return std::move(e);
  if (llvm::Error e = number({"block_size", "n_words"}, blockAlias))
    return std::move(e);
  if (blockAlias > 0)
    level.blockSize = static_cast<int64_t>(blockAlias);
  // A width without a block size sets the block size.
  if (width > 0 && level.blockSize == 1 && width >= level.wordBits)
    level.blockSize = static_cast<int64_t>(width) / level.wordBits;
  if (llvm::Error e = number({"cluster-size"}, clusterSize))
    return std::move(e);
  level.clusterSize = static_cast<int64_t>(clusterSize);
  level.size = component.capacity;
  if (level.size == 0) {
    double aliasDepth = 0;
    if (llvm::Error e =
            number({"memory_depth", "data_storage_depth"}, aliasDepth))
      return std::move(e);
    if (llvm::Error e = number({"sizeKB"}, sizeKB))
      return std::move(e);
    if (aliasDepth > 0)
      level.size = static_cast<int64_t>(aliasDepth) * level.blockSize;
    else if (sizeKB > 0)
      level.size = static_cast<int64_t>(sizeKB * 8192 / level.wordBits);
  }
  if (llvm::Error e = number({"multiple-buffering"}, level.multipleBuffering))
    return std::move(e);
  if (llvm::Error e = number({"min-utilization"}, level.minUtilization))
    return std::move(e);
  level.readBandwidth = component.readBandwidth;
  level.writeBandwidth = component.writeBandwidth;
  if (llvm::Error e = number({"shared_bandwidth"}, level.sharedBandwidth))
    return std::move(e);
  if (llvm::Error e = number({"bandwidth"}, bandwidth))
    return std::move(e);
  if (bandwidth > 0) {
    if (level.readBandwidth == 0)
      level.readBandwidth = bandwidth / 2;
    if (level.writeBandwidth == 0)
      level.writeBandwidth = bandwidth / 2;
  }
  std::optional<std::string> technology =
      findAttribute(component, {"technology"});
  level.isDram = llvm::StringRef(component.className).contains("DRAM") ||
                 (technology && *technology == "DRAM");
  return level;
}

} // namespace

double
mlir::union_::loopnest::getBuiltinAccessEnergy(const StorageLevel &level) {
  double bits = static_cast<double>(level.wordBits * level.blockSize);
  if (level.isDram)
    return 200.0 * bits / 16.0;
  if (level.size == 0)
    return 0;
  double width = bits * static_cast<double>(level.clusterSize);
  double rows =
      static_cast<double>((level.size + level.blockSize - 1) / level.blockSize);
  double kib = width * rows / 8192.0;
  double scale = 1.0 + (5.0 / 99.5) * (kib - 0.5);
  return scale * width / 16.0 / static_cast<double>(level.clusterSize);
}

llvm::Expected<TimeloopArchitecture> mlir::union_::loopnest::getArchitecture(
    const timeloop::Architecture &arch,
    const std::vector<timeloop::ErtTable> *ert) {
  TimeloopArchitecture result;
  if (arch.levels.size() < 2 || arch.getArithmetic().isStorage)
    return invalid("the architecture needs storage levels and an arithmetic "
                   "level");
  for (size_t i = arch.levels.size() - 1; i-- > 0;) {
    const timeloop::Component &component = arch.levels[i];
    auto level = getStorageLevel(component);
    if (!level)
      return level.takeError();
    double builtin = getBuiltinAccessEnergy(*level);
    level->energy = {builtin, builtin, builtin};
    EnergySource source = EnergySource::Builtin;
    auto user = numberAttribute(component, {"vector-access-energy"});
    if (!user)
      return user.takeError();
    if (*user) {
      level->energy = {**user, **user, **user};
      source = EnergySource::User;
    } else if (const timeloop::ErtTable *table = findTable(ert, component)) {
      // Families the table lacks keep the built-in energy [Q8].
      source = EnergySource::Ert;
      if (auto e = timeloop::resolveAction(*table, timeloop::getReadActions()))
        level->energy.read = *e;
      if (auto e = timeloop::resolveAction(*table, timeloop::getFillActions()))
        level->energy.fill = *e;
      // `update` is not among the names Timeloop looks up [Q7].
      if (auto e =
              timeloop::resolveAction(*table, timeloop::getUpdateActions()))
        level->energy.update = *e;
    }
    result.arch.levels.push_back(std::move(*level));
    result.sources.push_back(source);
  }
  const timeloop::Component &mac = arch.getArithmetic();
  Arithmetic &arithmetic = result.arch.arithmetic;
  arithmetic.name = mac.name;
  arithmetic.instances = mac.instances;
  if (llvm::Error e =
          resolveMesh(mac, mac.instances, arithmetic.meshX, arithmetic.meshY))
    return std::move(e);
  auto wordBits = wordBitsOf(mac);
  if (!wordBits)
    return wordBits.takeError();
  auto energy = numberAttribute(mac, {"energy"});
  if (!energy)
    return energy.takeError();
  arithmetic.computeEnergy = static_cast<double>(*wordBits * *wordBits) / 256.0;
  if (*energy)
    arithmetic.computeEnergy = **energy;
  if (const timeloop::ErtTable *table = findTable(ert, mac))
    if (auto e = timeloop::resolveAction(*table, timeloop::getComputeActions()))
      arithmetic.computeEnergy = *e;
  if (llvm::Error e = validate(result.arch))
    return std::move(e);
  return result;
}

llvm::Expected<Mapping> mlir::union_::loopnest::getMapping(
    const std::vector<timeloop::Directive> &directives,
    const timeloop::Problem &problem, const Problem &loopNestProblem,
    const Architecture &arch, llvm::StringRef fileName) {
  auto where = [&](const timeloop::Directive &directive) {
    return (fileName + ":" + llvm::Twine(directive.line) + ": ").str();
  };
  unsigned numDims = loopNestProblem.bounds.size();
  unsigned numLevels = arch.levels.size();
  Mapping mapping;
  mapping.levels.resize(numLevels);
  std::vector<unsigned> problemOrder;
  for (unsigned d = 0; d < numDims; ++d)
    problemOrder.push_back(d);
  for (LevelMapping &lm : mapping.levels) {
    lm.temporalFactors.assign(numDims, 1);
    lm.spatialFactors.assign(numDims, 1);
    lm.temporalOrder = problemOrder;
    lm.spatialOrder = problemOrder;
    lm.spatialSplit = numDims;
    lm.keep.assign(loopNestProblem.tensors.size(), true);
  }
  for (const timeloop::Directive &directive : directives) {
    if (directive.type == "utilization")
      continue;
    int index = -1;
    for (unsigned i = 0; i < numLevels; ++i)
      if (arch.levels[i].name == directive.target)
        index = i;
    if (index < 0)
      return malformed("target storage level not found: " + directive.target);
    LevelMapping &lm = mapping.levels[index];
    if (directive.type == "bypass" || directive.type == "datatype") {
      for (auto [names, keep] : {std::make_pair(&directive.keep, true),
                                 std::make_pair(&directive.bypass, false)})
        for (const std::string &name : *names) {
          int tensor = problem.findDataSpace(name);
          if (tensor < 0)
            return malformed(where(directive) + "level " + directive.target +
                             " keeps or bypasses '" + name +
                             "', which is not a data space of the problem "
                             "(Timeloop aborts with map::at)");
          lm.keep[tensor] = keep;
        }
      continue;
    }
    bool spatial = directive.type == "spatial";
    if (!spatial && directive.type != "temporal")
      return malformed(where(directive) + "unknown directive type '" +
                       directive.type + "'");
    if (spatial && arch.getFanoutX(index) * arch.getFanoutY(index) == 1)
      return malformed(
          "cannot find spatial tiling level associated with storage level " +
          directive.target +
          ". This is because the number of instances of the next-inner "
          "level is the same as this level, which means there cannot be a "
          "spatial fanout.");
    std::vector<int64_t> &factors =
        spatial ? lm.spatialFactors : lm.temporalFactors;
    std::string written;
    for (const auto &[dim, factor] : directive.factors)
      written +=
          (written.empty() ? "" : " ") + dim + "=" + std::to_string(factor);
    for (const auto &[dim, factor] : directive.factors) {
      int d = problem.findDim(dim);
      if (d < 0)
        return malformed("parsing factors: " + written + ": dimension " + dim +
                         " not found in problem shape.");
      if (factor < 1)
        return malformed(where(directive) + "the factor of " + dim + " at " +
                         directive.target +
                         " must be positive (residual factors are not "
                         "modelled)");
      factors[d] = factor;
    }
    std::vector<unsigned> &order = spatial ? lm.spatialOrder : lm.temporalOrder;
    if (directive.permutation) {
      std::vector<bool> seen(numDims, false);
      order.clear();
      for (char c : *directive.permutation) {
        int d = problem.findDim(std::string(1, c));
        if (d < 0)
          return malformed(where(directive) + "the permutation '" +
                           *directive.permutation + "' of " + directive.target +
                           " names '" + std::string(1, c) +
                           "', which is not a dimension of the problem "
                           "(Timeloop aborts with map::at)");
        if (!seen[d])
          order.push_back(d);
        seen[d] = true;
      }
      for (unsigned d = 0; d < numDims; ++d)
        if (!seen[d])
          order.push_back(d);
    }
    if (spatial && directive.split)
      lm.spatialSplit = static_cast<unsigned>(
          std::max<int64_t>(0, std::min<int64_t>(*directive.split, numDims)));
  }
  return mapping;
}
