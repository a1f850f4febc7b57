//===- TimeloopMapper.cpp - timeloop-mapper as a Union mapper -------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The `timeloop` mapper: hands the pruned space to Timeloop's own mapper
// (random-pruned) with the constraints Timeloop can express, and costs the
// best mapping it reports with the `timeloop` cost model's evaluator.
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/TimeloopCostModel.h"
#include "Union/Mapper/Mapper.h"

#include <chrono>

using namespace mlir;
using namespace mlir::union_;

namespace {

struct TimeloopMapperOptions {
  std::string metric = "edp"; ///< edp, delay or energy
  uint64_t searchSize = 3000; ///< valid mappings to visit (all threads)
  unsigned threads = 1;
  unsigned timeoutSeconds = 3600;
};

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

/// Hands the op behind `timeloopEvaluator` to timeloop-mapper
/// (random-pruned), with the constraints of `space` that Timeloop can
/// express (bypass, spatial dims and mesh axes, minimum utilization;
/// `notPassed` names the others), and returns the best mapping it reports
/// as a point of `space`'s levels. False with `error` set when the mapper
/// is missing, fails or finds nothing.
bool runTimeloopMapper(const TimeloopEvaluator *timeloopEvaluator,
                       const ConstrainedMapSpace &space,
                       const TimeloopMapperOptions &options, MapPoint &best,
                       std::vector<timeloop::Directive> &directives,
                       std::vector<std::string> &notPassed,
                       std::string &error) {
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
  auto outputs =
      timeloop::runTimeloopTool("timeloop-mapper", "UNION_TIMELOOP_MAPPER", run,
                                inputs, {"timeloop-mapper.map.yaml"});
  if (!outputs) {
    error = llvm::toString(outputs.takeError());
    return false;
  }
  auto mapText = outputs->find("timeloop-mapper.map.yaml");
  if (mapText == outputs->end() || mapText->second.empty()) {
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

class TimeloopMapper : public Mapper {
public:
  llvm::StringRef getName() const override { return "timeloop"; }
  llvm::StringRef getDescription() const override {
    return "timeloop-mapper (random-pruned) on the pruned space; needs "
           "cost-model=timeloop";
  }

  SearchResult search(const ConstrainedMapSpace &space,
                      const MappingEvaluator &evaluator,
                      const SearchOptions &options) const override {
    auto start = std::chrono::steady_clock::now();
    SearchResult result;
    TimeloopMapperOptions mapperOptions;
    mapperOptions.metric = options.objective == Objective::Latency  ? "delay"
                           : options.objective == Objective::Energy ? "energy"
                                                                    : "edp";
    if (options.evaluationBudget)
      mapperOptions.searchSize = options.evaluationBudget;
    mapperOptions.threads = options.threads;
    if (options.timeBudget > 0)
      mapperOptions.timeoutSeconds = unsigned(options.timeBudget + 0.999);
    MapPoint best;
    std::vector<timeloop::Directive> directives;
    std::vector<std::string> notPassed;
    std::string error;
    auto finish = [&] {
      result.stats.seconds = std::chrono::duration<double>(
                                 std::chrono::steady_clock::now() - start)
                                 .count();
      return result;
    };
    const auto *timeloopEvaluator = dyn_cast<TimeloopEvaluator>(&evaluator);
    if (!timeloopEvaluator) {
      result.stats.rejected["timeloop-mapper: the timeloop mapper needs "
                            "cost-model=timeloop"] += 1;
      return finish();
    }
    if (!runTimeloopMapper(timeloopEvaluator, space, mapperOptions, best,
                           directives, notPassed, error)) {
      result.stats.rejected["timeloop-mapper: " + error] += 1;
      return finish();
    }
    if (!space.contains(best)) {
      std::string broken;
      for (const Constraint &c : space.getConstraints())
        if (!satisfies(c, space.getProblem(), space.getLevels(), best))
          broken +=
              (broken.empty() ? "" : ", ") +
              describeConstraint(c, space.getProblem(), space.getLevels());
      result.stats
          .rejected["timeloop-mapper's best mapping breaks " +
                    (broken.empty() ? std::string("the space") : broken) +
                    " (Timeloop cannot express it)"] += 1;
      return finish();
    }
    // Timeloop's own directives keep its mesh axes, which the point does
    // not record.
    llvm::Expected<Cost> cost =
        timeloopEvaluator->evaluateDirectives(directives);
    if (!cost) {
      result.stats.rejected[llvm::toString(cost.takeError())] += 1;
      return finish();
    }
    result.stats.evaluated = 1;
    double objective = getObjectiveValue(options.objective, *cost);
    result.best.push_back({best, hashPoint(best), *cost, objective});
    result.stats.bestOverTime.push_back(
        {std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
             .count(),
         objective});
    return finish();
  }
};
} // namespace

namespace mlir::union_ {
std::unique_ptr<Mapper> createTimeloopMapper() {
  return std::make_unique<TimeloopMapper>();
}
} // namespace mlir::union_
