//===- TimeloopCostModel.cpp - Timeloop as a Union cost model -------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/TimeloopCostModel.h"
#include "Union/Target/TimeloopTranslation.h"

using namespace mlir;
using namespace mlir::union_;

char TimeloopEvaluator::ID = 0;

TimeloopEvaluator::TimeloopEvaluator(
    std::vector<std::pair<std::string, std::string>> files,
    TimeloopMappingWriter writer, std::vector<std::string> tensorNames,
    timeloop::RunOptions options)
    : files(std::move(files)), writer(std::move(writer)),
      tensorNames(std::move(tensorNames)), options(std::move(options)) {}

bool TimeloopEvaluator::getDirectives(
    const MapPoint &point, std::vector<timeloop::Directive> &directives,
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

bool TimeloopEvaluator::isConformable(const MapPoint &point,
                                      std::string &why) const {
  std::vector<timeloop::Directive> directives;
  return getDirectives(point, directives, why);
}

bool TimeloopEvaluator::evaluate(const MapPoint &point, Cost &cost,
                                 CostFailure &failure) const {
  std::vector<timeloop::Directive> directives;
  if (!getDirectives(point, directives, failure.reason)) {
    failure.kind = CostFailureKind::NotConformable;
    return false;
  }
  return evaluateDirectives(directives, cost, failure);
}

bool TimeloopEvaluator::evaluateDirectives(
    const std::vector<timeloop::Directive> &directives, Cost &cost,
    CostFailure &failure) const {
  auto inputs = files;
  inputs.push_back({"mapping.yaml", timeloop::writeMapping(directives)});
  timeloop::RunResult result;
  timeloop::RunFailure runFailure;
  if (!timeloop::runTimeloopModel(options, inputs, result, runFailure)) {
    failure.kind = runFailure.kind == timeloop::RunFailureKind::Rejected
                       ? CostFailureKind::Rejected
                       : CostFailureKind::EngineError;
    failure.reason =
        std::string(timeloop::stringifyRunFailureKind(runFailure.kind)) + ": " +
        runFailure.message;
    return false;
  }
  cost = getTimeloopCost(result.stats);
  return true;
}

namespace {

class TimeloopCostModel : public CostModel {
public:
  explicit TimeloopCostModel(timeloop::RunOptions options)
      : options(std::move(options)) {}

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
    return std::make_unique<TimeloopEvaluator>(writeTimeloopFiles(inputs),
                                               *writer, tensorNames, options);
  }

private:
  timeloop::RunOptions options;
};

} // namespace

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

llvm::Expected<std::unique_ptr<CostModel>>
mlir::union_::createTimeloopCostModel(llvm::StringRef text) {
  auto parsed =
      parsePluginOptions(text, {"timeloop-model", "timeloop-mapper", "timeout"},
                         "cost model 'timeloop'");
  if (!parsed)
    return parsed.takeError();
  timeloop::RunOptions options;
  for (const auto &[key, value] : *parsed) {
    if (key == "timeloop-model")
      options.binary = value;
    else if (key == "timeloop-mapper")
      options.mapperBinary = value;
    else if (llvm::StringRef(value).getAsInteger(10, options.timeoutSeconds) ||
             options.timeoutSeconds == 0)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "cost model 'timeloop': timeout must be a positive number of "
          "seconds, got '" +
              value + "'");
  }
  return std::make_unique<TimeloopCostModel>(std::move(options));
}
