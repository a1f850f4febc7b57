//===- LoopNestCostModel.cpp - The loop-nest model as a cost model --------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/LoopNestCostModel.h"
#include "Union/CostModel/TimeloopCostModel.h"
#include "Union/Engine/LoopNest/TimeloopInputs.h"
#include "Union/Target/TimeloopTranslation.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Costs map-space points of one op: each point's Timeloop directives are
/// read into a loop-nest mapping and evaluated.
class LoopNestEvaluator : public MappingEvaluator {
public:
  LoopNestEvaluator(timeloop::Inputs inputs, TimeloopMappingWriter writer,
                    std::vector<std::string> tensorNames,
                    loopnest::Problem problem, loopnest::Architecture arch)
      : inputs(std::move(inputs)), writer(std::move(writer)),
        tensorNames(std::move(tensorNames)), problem(std::move(problem)),
        arch(std::move(arch)) {}

  llvm::Error checkConformable(const MapPoint &point) const override {
    return getMapping(point).takeError();
  }

  llvm::Expected<Cost> evaluate(const MapPoint &point) const override {
    llvm::Expected<loopnest::Mapping> mapping = getMapping(point);
    if (!mapping)
      return toCostError(mapping.takeError());
    llvm::Expected<loopnest::Result> result =
        loopnest::evaluate(problem, arch, *mapping);
    if (!result)
      return toCostError(result.takeError());
    return getLoopNestCost(problem, *result, arch.arithmetic.name);
  }

  /// Timeloop's cycles are at least the compute cycles (the product of the
  /// temporal factors; bandwidth throttling only adds), and its energy at
  /// least the MACs' (storage and network energies are non-negative).
  std::optional<Cost> getLowerBound(const MapPoint &point) const override {
    Cost bound;
    double cycles = 1, computes = 1;
    for (unsigned l = 0; l < point.temporal.size(); ++l)
      for (unsigned d = 0; d < point.temporal[l].size(); ++d) {
        cycles *= double(point.temporal[l][d]);
        computes *= double(point.temporal[l][d] * point.spatial[l][d]);
      }
    bound.cycles = int64_t(cycles);
    bound.energy = computes * arch.arithmetic.computeEnergy;
    return bound;
  }

private:
  llvm::Expected<loopnest::Mapping> getMapping(const MapPoint &point) const {
    auto directives = writer.write(getTimeloopLoops(point, tensorNames));
    if (!directives)
      return directives.takeError();
    return loopnest::getMapping(*directives, *inputs.problem, problem, arch,
                                "mapping");
  }

  /// Timeloop's rejections are the model's; the rest are mappings it
  /// cannot express.
  static llvm::Error toCostError(llvm::Error error) {
    CostFailureKind kind = CostFailureKind::NotConformable;
    std::string message;
    llvm::handleAllErrors(
        std::move(error),
        [&](const loopnest::RejectionError &rejection) {
          if (rejection.getKind() != loopnest::RejectionKind::Malformed)
            kind = CostFailureKind::Rejected;
          message = rejection.getMessage();
        },
        [&](const llvm::ErrorInfoBase &other) { message = other.message(); });
    return makeCostError(kind, message);
  }

  timeloop::Inputs inputs;
  TimeloopMappingWriter writer;
  std::vector<std::string> tensorNames;
  loopnest::Problem problem;
  loopnest::Architecture arch;
};

class LoopNestCostModel : public CostModel {
public:
  StringRef getName() const override { return "loopnest"; }

  llvm::Error checkEvaluable(MappableOpInterface op) const override {
    return makeError("the loopnest model costs loop-centric mappings (a "
                     "`mapping` attribute and an `arch`)");
  }

  FailureOr<Cost> evaluate(MappableOpInterface op) const override {
    return op.emitError()
           << "the loopnest cost model needs a mapping and an architecture";
  }

  llvm::Expected<std::unique_ptr<MappingEvaluator>>
  getMappingEvaluator(MappableOpInterface op, const SpaceProblem &problem,
                      const std::vector<SpaceLevel> &levels) const override {
    llvm::Expected<TimeloopOpExport> exported =
        exportForEvaluation(op, problem);
    if (!exported)
      return exported.takeError();
    timeloop::Inputs &inputs = exported->inputs;
    auto loopNestProblem = loopnest::getProblem(*inputs.problem);
    if (!loopNestProblem)
      return loopNestProblem.takeError();
    auto arch = loopnest::getArchitecture(*inputs.architecture,
                                          inputs.ert ? &*inputs.ert : nullptr);
    if (!arch)
      return arch.takeError();
    return std::unique_ptr<MappingEvaluator>(
        std::make_unique<LoopNestEvaluator>(
            std::move(inputs), std::move(exported->writer),
            std::move(exported->tensorNames), std::move(*loopNestProblem),
            std::move(arch->arch)));
  }
};

} // namespace

Cost mlir::union_::getLoopNestCost(const loopnest::Problem &problem,
                                   const loopnest::Result &result,
                                   llvm::StringRef arithmeticName) {
  Cost cost;
  cost.cycles = result.cycles;
  cost.macs = result.computes;
  cost.energy = result.energy;
  cost.utilization = result.utilization;
  for (const loopnest::LevelResult &level : llvm::reverse(result.levels)) {
    for (auto [t, tensor] : llvm::enumerate(level.tensors)) {
      if (tensor.utilizedInstances == 0)
        continue;
      std::string prefix = level.name + "." + problem.tensors[t].name + ".";
      double n = static_cast<double>(tensor.utilizedInstances);
      cost.breakdown.push_back({prefix + "reads", tensor.reads * n});
      cost.breakdown.push_back({prefix + "fills", tensor.fills * n});
      cost.breakdown.push_back({prefix + "updates", tensor.updates * n});
    }
    cost.breakdown.push_back({level.name + ".energy", level.energy});
    // The words one instance holds, as Timeloop's capacity rule sums them.
    int64_t held = 0;
    for (const loopnest::TensorLevelResult &tensor : level.tensors)
      held += tensor.utilizedCapacity;
    if (held > 0)
      cost.breakdown.push_back({level.name + ".capacity_needed", double(held)});
  }
  cost.breakdown.push_back(
      {arithmeticName.str() + ".energy", result.macEnergy});
  // Timeloop's cycles are the compute cycles unless a level's bandwidth
  // stretches them.
  cost.bottleneck = result.bottleneck < 0
                        ? std::string("compute")
                        : result.levels[result.bottleneck].name + " bandwidth";
  for (const loopnest::LevelResult &level : llvm::reverse(result.levels))
    cost.levelEnergies.push_back({level.name, level.energy});
  cost.levelEnergies.push_back({arithmeticName.str(), result.macEnergy});
  return cost;
}

llvm::Expected<std::unique_ptr<CostModel>>
mlir::union_::createLoopNestCostModel(llvm::StringRef options) {
  auto parsed = parsePluginOptions(options, {}, "cost model 'loopnest'");
  if (!parsed)
    return parsed.takeError();
  return std::make_unique<LoopNestCostModel>();
}
