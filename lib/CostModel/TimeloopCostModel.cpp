//===- TimeloopCostModel.cpp - Timeloop as a Union cost model -------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/TimeloopCostModel.h"
#include "Union/Target/TimeloopTranslation.h"

#include <mutex>

using namespace mlir;
using namespace mlir::union_;

namespace {

std::mutex optionsMutex;
timeloop::RunOptions runOptions;

/// Costs the points of one op's map space with timeloop-model. The
/// problem, architecture and ERT are written once; each point only adds
/// its mapping. Holds no mutable state, so threads can share it.
class TimeloopEvaluator : public MappingEvaluator {
public:
  TimeloopEvaluator(std::vector<std::pair<std::string, std::string>> files,
                    TimeloopMappingWriter writer, unsigned numTensors,
                    std::vector<std::string> tensorNames,
                    timeloop::RunOptions options)
      : files(std::move(files)), writer(std::move(writer)),
        tensorNames(std::move(tensorNames)), options(std::move(options)) {
    (void)numTensors;
  }

  bool getDirectives(const MapPoint &point,
                     std::vector<timeloop::Directive> &directives,
                     std::string &why) const {
    std::vector<TimeloopLevelLoops> loops(point.temporal.size());
    for (auto [l, level] : llvm::enumerate(loops)) {
      level.temporal = point.temporal[l];
      level.spatial = point.spatial[l];
      level.temporalOrder = point.order[l];
      for (unsigned d = 0; d < level.spatial.size(); ++d)
        if (level.spatial[d] > 1)
          level.spatialOrder.push_back(d);
      for (auto [t, name] : llvm::enumerate(tensorNames))
        if (point.bypass[l] >> t & 1)
          level.bypass.push_back(name);
    }
    return writer.write(loops, directives, why);
  }

  bool isConformable(const MapPoint &point, std::string &why) const override {
    std::vector<timeloop::Directive> directives;
    return getDirectives(point, directives, why);
  }

  bool evaluate(const MapPoint &point, Cost &cost,
                CostFailure &failure) const override {
    std::vector<timeloop::Directive> directives;
    if (!getDirectives(point, directives, failure.reason)) {
      failure.kind = CostFailureKind::NotConformable;
      return false;
    }
    return evaluateDirectives(directives, cost, failure);
  }

  bool evaluateDirectives(const std::vector<timeloop::Directive> &directives,
                          Cost &cost, CostFailure &failure) const {
    auto inputs = files;
    inputs.push_back({"mapping.yaml", timeloop::writeMapping(directives)});
    timeloop::RunResult result;
    timeloop::RunFailure runFailure;
    if (!timeloop::runTimeloopModel(options, inputs, result, runFailure)) {
      failure.kind = runFailure.kind == timeloop::RunFailureKind::Rejected
                         ? CostFailureKind::Rejected
                         : CostFailureKind::EngineError;
      failure.reason =
          std::string(timeloop::stringifyRunFailureKind(runFailure.kind)) +
          ": " + runFailure.message;
      return false;
    }
    cost = getTimeloopCost(result.stats);
    return true;
  }

  const std::vector<std::pair<std::string, std::string>> &getFiles() const {
    return files;
  }
  const TimeloopMappingWriter &getWriter() const { return writer; }
  const std::vector<std::string> &getTensorNames() const { return tensorNames; }
  const timeloop::RunOptions &getOptions() const { return options; }

private:
  std::vector<std::pair<std::string, std::string>> files;
  TimeloopMappingWriter writer;
  std::vector<std::string> tensorNames;
  timeloop::RunOptions options;
};

class TimeloopCostModel : public CostModel {
public:
  StringRef getName() const override { return "timeloop"; }

  bool canEvaluate(MappableOpInterface op, std::string &why) const override {
    why = "the timeloop model costs loop-centric mappings (a `mapping` "
          "attribute and an `arch`)";
    return false;
  }

  FailureOr<Cost> evaluate(MappableOpInterface op) const override {
    op.emitError() << "the timeloop cost model needs a mapping and an "
                      "architecture";
    return failure();
  }

  std::unique_ptr<MappingEvaluator>
  getMappingEvaluator(MappableOpInterface op, const SpaceProblem &problem,
                      const std::vector<SpaceLevel> &levels,
                      std::string &why) const override {
    if (!op.getArchAttr()) {
      why = "it has no architecture";
      return nullptr;
    }
    // Diagnostics of the export become the reason.
    std::string diagnostics;
    ScopedDiagnosticHandler handler(op.getContext(), [&](Diagnostic &d) {
      diagnostics += (diagnostics.empty() ? "" : "; ") + d.str();
      return success();
    });
    timeloop::Inputs inputs;
    TimeloopExportOptions exportOptions;
    exportOptions.constraints = false;
    if (failed(exportTimeloop(op, MappingAttr(), inputs, exportOptions))) {
      why = diagnostics;
      return nullptr;
    }
    FailureOr<TimeloopMappingWriter> writer = TimeloopMappingWriter::get(op);
    if (failed(writer)) {
      why = diagnostics;
      return nullptr;
    }
    std::vector<std::string> tensorNames;
    for (const SpaceTensor &tensor : problem.tensors)
      tensorNames.push_back(tensor.name);
    return std::make_unique<TimeloopEvaluator>(
        writeTimeloopFiles(inputs), *writer, problem.tensors.size(),
        tensorNames, getTimeloopRunOptions());
  }
};

} // namespace

void mlir::union_::setTimeloopRunOptions(const timeloop::RunOptions &options) {
  std::lock_guard<std::mutex> lock(optionsMutex);
  runOptions = options;
}

timeloop::RunOptions mlir::union_::getTimeloopRunOptions() {
  std::lock_guard<std::mutex> lock(optionsMutex);
  return runOptions;
}

Cost mlir::union_::getTimeloopCost(const timeloop::Stats &stats) {
  Cost cost;
  cost.cycles = stats.cycles;
  cost.macs = stats.computes;
  cost.energy = stats.getEnergy();
  int64_t instances = 0;
  for (const timeloop::LevelStats &level : stats.levels)
    if (level.isArithmetic)
      instances = level.instances;
  if (instances > 0 && stats.cycles > 0)
    cost.utilization =
        double(stats.computes) / (double(instances) * double(stats.cycles));
  // Outermost level first, as Union lists levels.
  for (const timeloop::LevelStats &level : llvm::reverse(stats.levels)) {
    if (level.isArithmetic)
      continue;
    for (const timeloop::DataSpaceStats &space : level.dataSpaces) {
      std::string prefix = level.name + "." + space.name + ".";
      double n = space.utilizedInstances;
      cost.breakdown.push_back({prefix + "reads", space.reads * n});
      cost.breakdown.push_back({prefix + "fills", space.fills * n});
      cost.breakdown.push_back({prefix + "updates", space.updates * n});
    }
    cost.breakdown.push_back({level.name + ".energy", level.energy});
  }
  for (const timeloop::LevelStats &level : stats.levels)
    if (level.isArithmetic)
      cost.breakdown.push_back({level.name + ".energy", level.energy});
  return cost;
}

std::unique_ptr<CostModel> mlir::union_::createTimeloopCostModel() {
  return std::make_unique<TimeloopCostModel>();
}

//===----------------------------------------------------------------------===//
// timeloop-mapper
//===----------------------------------------------------------------------===//

namespace {

/// The constraints of a space Timeloop's mapper can take.
void getMapperConstraints(const ConstrainedMapSpace &space,
                          const TimeloopMappingWriter &writer,
                          const std::vector<std::string> &tensors,
                          std::vector<timeloop::Directive> &architecture,
                          std::vector<timeloop::Directive> &mapspace,
                          std::vector<std::string> &notPassed) {
  const SpaceProblem &problem = space.getProblem();
  const std::vector<SpaceLevel> &levels = space.getLevels();
  const std::vector<std::string> &letters = writer.getLetters();
  std::vector<std::string> names = writer.getLevelNames();
  unsigned numDims = problem.getNumDims();
  auto levelsOf = [&](const Constraint &c) {
    std::vector<unsigned> list;
    for (unsigned l = 0; l < levels.size(); ++l)
      if (c.level < 0 || unsigned(c.level) == l)
        list.push_back(l);
    return list;
  };
  for (const Constraint &c : space.getConstraints()) {
    switch (c.kind) {
    case ConstraintKind::Placement:
    case ConstraintKind::MinimalBypass:
      for (unsigned l : levelsOf(c)) {
        timeloop::Directive d;
        d.target = names[l];
        d.type = "bypass";
        for (auto [t, name] : llvm::enumerate(tensors)) {
          bool holdable = levels[l].holdableTensors >> t & 1;
          if (!holdable && l > 0)
            d.bypass.push_back(name);
          else if (c.kind == ConstraintKind::MinimalBypass)
            d.keep.push_back(name);
        }
        if (!d.bypass.empty() || !d.keep.empty())
          architecture.push_back(d);
      }
      break;
    case ConstraintKind::SpatialDims:
    case ConstraintKind::MeshAxes:
      for (unsigned l : levelsOf(c)) {
        if (levels[l].fanoutBelow <= 1)
          continue;
        timeloop::Directive d;
        d.target = names[l];
        d.type = "spatial";
        uint64_t allowed = c.dims | c.dimsY;
        for (unsigned dim = 0; dim < numDims; ++dim)
          if (!(allowed >> dim & 1))
            d.factors.push_back({letters[dim], 1});
        if (c.kind == ConstraintKind::MeshAxes) {
          std::string permutation;
          int64_t split = 0;
          for (unsigned dim = 0; dim < numDims; ++dim)
            if (c.dims >> dim & 1) {
              permutation += letters[dim];
              ++split;
            }
          for (unsigned dim = 0; dim < numDims; ++dim)
            if (c.dimsY >> dim & 1)
              permutation += letters[dim];
          d.permutation = permutation;
          d.split = split;
        }
        architecture.push_back(d);
      }
      break;
    case ConstraintKind::MinUtilization: {
      // Timeloop takes it at the innermost storage level only, over all
      // MACs: the product of the fractions is the closest equivalent.
      timeloop::Directive d;
      d.target = names.back();
      d.type = "utilization";
      d.minUtilization = c.fraction;
      mapspace.push_back(d);
      break;
    }
    case ConstraintKind::Fanout:
    case ConstraintKind::Mesh:
    case ConstraintKind::Capacity:
    case ConstraintKind::UnitDims:
    case ConstraintKind::UnitLoops:
    case ConstraintKind::Pad:
      break; // Timeloop enforces or needs these itself.
    default:
      notPassed.push_back(describeConstraint(c, problem, levels));
      break;
    }
  }
}

} // namespace

bool mlir::union_::runTimeloopMapper(
    const MappingEvaluator &evaluator, const ConstrainedMapSpace &space,
    const TimeloopMapperOptions &options, MapPoint &best,
    std::vector<timeloop::Directive> &directives,
    std::vector<std::string> &notPassed, std::string &error) {
  const auto *timeloopEvaluator =
      dynamic_cast<const TimeloopEvaluator *>(&evaluator);
  if (!timeloopEvaluator) {
    error = "the timeloop mapper needs cost-model=timeloop";
    return false;
  }
  const TimeloopMappingWriter &writer = timeloopEvaluator->getWriter();
  std::vector<timeloop::Directive> architecture, mapspace;
  getMapperConstraints(space, writer, timeloopEvaluator->getTensorNames(),
                       architecture, mapspace, notPassed);
  auto inputs = timeloopEvaluator->getFiles();
  if (!architecture.empty() || !mapspace.empty())
    inputs.push_back({"constraints.yaml",
                      timeloop::writeConstraints(architecture, mapspace)});
  std::string mapperYaml =
      "mapper:\n  algorithm: random-pruned\n  optimization-metrics: [" +
      options.metric + "]\n  num-threads: " + std::to_string(options.threads) +
      "\n  search-size: " + std::to_string(options.searchSize) +
      "\n  victory-condition: 0\n  timeout: 20000\n"
      "  max-permutations-per-if-visit: 8\n  sync-interval: 0\n";
  inputs.push_back({"mapper.yaml", mapperYaml});

  timeloop::RunOptions run = timeloopEvaluator->getOptions();
  run.binary = run.mapperBinary;
  run.timeoutSeconds = options.timeoutSeconds;
  std::map<std::string, std::string> outputs;
  timeloop::RunFailure failure;
  if (!timeloop::runTimeloopTool("timeloop-mapper", "UNION_TIMELOOP_MAPPER",
                                 run, inputs, {"timeloop-mapper.map.yaml"},
                                 outputs, failure)) {
    error = std::string(timeloop::stringifyRunFailureKind(failure.kind)) +
            ": " + failure.message;
    return false;
  }
  auto mapText = outputs.find("timeloop-mapper.map.yaml");
  if (mapText == outputs.end() || mapText->second.empty()) {
    error = "timeloop-mapper found no valid mapping (it wrote no "
            "timeloop-mapper.map.yaml)";
    return false;
  }
  timeloop::Inputs read;
  std::vector<std::string> warnings;
  if (llvm::Error e = timeloop::readInputs(
          {{"timeloop-mapper.map.yaml", mapText->second}}, read, warnings)) {
    error = llvm::toString(std::move(e));
    return false;
  }
  if (!read.mapping) {
    error = "timeloop-mapper.map.yaml holds no mapping";
    return false;
  }

  directives = *read.mapping;
  // The directives as a point of the space.
  const SpaceProblem &problem = space.getProblem();
  unsigned numDims = problem.getNumDims();
  std::vector<std::string> names = writer.getLevelNames();
  const std::vector<std::string> &letters = writer.getLetters();
  std::vector<std::string> orders(names.size());
  best.temporal.assign(names.size(), std::vector<int64_t>(numDims, 1));
  best.spatial.assign(names.size(), std::vector<int64_t>(numDims, 1));
  best.bypass.assign(names.size(), 0);
  for (const timeloop::Directive &d : *read.mapping) {
    auto level = llvm::find(names, d.target);
    if (level == names.end()) {
      error =
          "timeloop-mapper's mapping names unknown level '" + d.target + "'";
      return false;
    }
    unsigned l = level - names.begin();
    for (const auto &[letter, factor] : d.factors) {
      auto dim = llvm::find(letters, letter);
      if (dim == letters.end())
        continue;
      (d.type == "spatial" ? best.spatial
                           : best.temporal)[l][dim - letters.begin()] =
          factor == 0 ? problem.dimSizes[dim - letters.begin()] : factor;
    }
    if (d.type == "temporal" && d.permutation)
      orders[l] = *d.permutation;
    if (d.type == "bypass")
      for (auto [t, name] :
           llvm::enumerate(timeloopEvaluator->getTensorNames()))
        if (llvm::is_contained(d.bypass, name))
          best.bypass[l] |= uint32_t(1) << t;
  }
  // Loops with one iteration go last, in the space's canonical order.
  best.order.assign(names.size(), {});
  for (unsigned l = 0; l < names.size(); ++l) {
    std::vector<unsigned> &order = best.order[l];
    for (char c : llvm::reverse(orders[l])) {
      auto dim = llvm::find(letters, std::string(1, c));
      if (dim != letters.end() && best.temporal[l][dim - letters.begin()] > 1)
        order.push_back(dim - letters.begin());
    }
    std::vector<unsigned> unit;
    for (unsigned d = 0; d < numDims; ++d)
      if (!llvm::is_contained(order, d))
        unit.push_back(d);
    llvm::stable_sort(unit, [&](unsigned a, unsigned b) {
      return std::make_pair(problem.dimSizes[a] == 1, a) <
             std::make_pair(problem.dimSizes[b] == 1, b);
    });
    order.insert(order.end(), unit.begin(), unit.end());
  }
  return true;
}

bool mlir::union_::evaluateTimeloopDirectives(
    const MappingEvaluator &evaluator,
    const std::vector<timeloop::Directive> &directives, Cost &cost,
    CostFailure &failure) {
  const auto *timeloopEvaluator =
      dynamic_cast<const TimeloopEvaluator *>(&evaluator);
  if (!timeloopEvaluator) {
    failure = {CostFailureKind::NotConformable,
               "Timeloop directives need the timeloop cost model"};
    return false;
  }
  return timeloopEvaluator->evaluateDirectives(directives, cost, failure);
}
