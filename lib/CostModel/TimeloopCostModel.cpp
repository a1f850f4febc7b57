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

std::vector<TimeloopLevelLoops>
mlir::union_::getTimeloopLoops(const MapPoint &point,
                               const std::vector<std::string> &tensorNames) {
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
  return loops;
}

llvm::Expected<std::vector<timeloop::Directive>>
TimeloopEvaluator::getDirectives(const MapPoint &point) const {
  return writer.write(getTimeloopLoops(point, tensorNames));
}

llvm::Error TimeloopEvaluator::checkConformable(const MapPoint &point) const {
  return getDirectives(point).takeError();
}

llvm::Expected<Cost> TimeloopEvaluator::evaluate(const MapPoint &point) const {
  auto directives = getDirectives(point);
  if (!directives)
    return makeCostError(CostFailureKind::NotConformable,
                         llvm::toString(directives.takeError()));
  return evaluateDirectives(*directives);
}

llvm::Expected<Cost> TimeloopEvaluator::evaluateDirectives(
    const std::vector<timeloop::Directive> &directives) const {
  auto inputs = files;
  inputs.push_back({"mapping.yaml", timeloop::writeMapping(directives)});
  llvm::Expected<timeloop::RunResult> result =
      timeloop::runTimeloopModel(options, inputs);
  if (!result) {
    CostFailureKind kind = CostFailureKind::EngineError;
    std::string message;
    llvm::handleAllErrors(
        result.takeError(),
        [&](const timeloop::RunError &error) {
          if (error.getKind() == timeloop::RunFailureKind::Rejected)
            kind = CostFailureKind::Rejected;
          message = static_cast<const llvm::ErrorInfoBase &>(error).message();
        },
        [&](const llvm::ErrorInfoBase &other) { message = other.message(); });
    return makeCostError(kind, message);
  }
  return getTimeloopCost(result->stats);
}

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

class TimeloopCostModel : public CostModel {
public:
  explicit TimeloopCostModel(timeloop::RunOptions options)
      : options(std::move(options)) {}

  StringRef getName() const override { return "timeloop"; }

  llvm::Error checkEvaluable(MappableOpInterface op) const override {
    return makeError("the timeloop model costs loop-centric mappings (a "
                     "`mapping` attribute and an `arch`)");
  }

  FailureOr<Cost> evaluate(MappableOpInterface op) const override {
    op.emitError() << "the timeloop cost model needs a mapping and an "
                      "architecture";
    return failure();
  }

  llvm::Expected<std::unique_ptr<MappingEvaluator>>
  getMappingEvaluator(MappableOpInterface op, const SpaceProblem &problem,
                      const std::vector<SpaceLevel> &levels) const override {
    llvm::Expected<TimeloopOpExport> exported =
        exportForEvaluation(op, problem);
    if (!exported)
      return exported.takeError();
    return std::unique_ptr<MappingEvaluator>(
        std::make_unique<TimeloopEvaluator>(
            writeTimeloopFiles(exported->inputs), std::move(exported->writer),
            std::move(exported->tensorNames), options));
  }

private:
  timeloop::RunOptions options;
};

} // namespace

llvm::Expected<TimeloopOpExport>
mlir::union_::exportForEvaluation(MappableOpInterface op,
                                  const SpaceProblem &problem) {
  if (!op.getArchAttr())
    return makeError("it has no architecture");
  // Diagnostics of the export become the reason.
  std::string diagnostics;
  ScopedDiagnosticHandler handler(op.getContext(), [&](Diagnostic &d) {
    diagnostics += (diagnostics.empty() ? "" : "; ") + d.str();
    return success();
  });
  timeloop::Inputs inputs;
  TimeloopExportOptions exportOptions;
  exportOptions.constraints = false;
  if (failed(exportTimeloop(op, MappingAttr(), inputs, exportOptions)))
    return makeError(diagnostics);
  FailureOr<TimeloopMappingWriter> writer = TimeloopMappingWriter::get(op);
  if (failed(writer))
    return makeError(diagnostics);
  // Mappings of a padded op tile the padded sizes, and Timeloop costs the
  // padded work.
  const std::vector<std::string> &letters = writer->getLetters();
  if (problem.getNumDims() != letters.size())
    return makeError("the map space's problem does not match the op's");
  for (auto [letter, size] : llvm::zip(letters, problem.dimSizes))
    inputs.problem->instance[letter] = size;
  std::vector<std::string> tensorNames;
  for (const TensorSpec &tensor : op.getProblemAttr().getTensors())
    tensorNames.push_back(tensor.name.str());
  return TimeloopOpExport{std::move(inputs), std::move(*writer),
                          std::move(tensorNames)};
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
  // Levels outermost first, then the arithmetic; the cycles are the
  // arithmetic's unless a level's bandwidth stretches them.
  int64_t computeCycles = 0;
  const timeloop::LevelStats *slowest = nullptr;
  for (const timeloop::LevelStats &level : llvm::reverse(stats.levels)) {
    if (level.isArithmetic) {
      computeCycles = level.cycles;
      continue;
    }
    cost.levelEnergies.push_back({level.name, level.energy});
    if (!slowest || level.cycles > slowest->cycles)
      slowest = &level;
  }
  for (const timeloop::LevelStats &level : stats.levels)
    if (level.isArithmetic)
      cost.levelEnergies.push_back({level.name, level.energy});
  cost.bottleneck = slowest && slowest->cycles > computeCycles
                        ? slowest->name + " bandwidth"
                        : std::string("compute");
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
