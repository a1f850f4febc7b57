//===- TimeloopMapper.cpp - Search with timeloop-mapper -------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The `timeloop` mapper hands the pruned space to Timeloop's own mapper
// and costs the mapping it returns with the cost model (which must be
// `timeloop`), so its figures are timeloop-model's.
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/TimeloopCostModel.h"
#include "Union/Mapper/Mapper.h"

#include <chrono>

using namespace mlir::union_;

namespace {
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
    if (!runTimeloopMapper(evaluator, space, mapperOptions, best, directives,
                           notPassed, error)) {
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
    Cost cost;
    CostFailure failure;
    // Timeloop's own directives keep its mesh axes, which the point does
    // not record.
    if (!evaluateTimeloopDirectives(evaluator, directives, cost, failure)) {
      result.stats
          .rejected[std::string(stringifyCostFailureKind(failure.kind)) + ": " +
                    failure.reason] += 1;
      return finish();
    }
    result.stats.evaluated = 1;
    double objective = getObjectiveValue(options.objective, cost);
    result.best.push_back({best, hashPoint(best), cost, objective});
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
