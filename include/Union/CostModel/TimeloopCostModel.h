//===- TimeloopCostModel.h - Timeloop as a Union cost model -----*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The `timeloop` cost model: each mapping is exported as Timeloop v3.0.3
// YAML and costed by running timeloop-model on it (see docs/Timeloop.md).
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_TIMELOOPCOSTMODEL_H
#define UNION_COSTMODEL_TIMELOOPCOSTMODEL_H

#include "Union/CostModel/CostModel.h"
#include "Union/CostModel/Timeloop/TimeloopInputs.h"
#include "Union/CostModel/Timeloop/TimeloopRunner.h"
#include "Union/MapSpace/ConstrainedMapSpace.h"

namespace mlir::union_ {

/// Where timeloop-model is and how long it may run, for every `timeloop`
/// evaluation that follows (passes set it from their options; an empty
/// binary means $UNION_TIMELOOP_MODEL, then PATH).
void setTimeloopRunOptions(const timeloop::RunOptions &options);
timeloop::RunOptions getTimeloopRunOptions();

/// The Union cost of Timeloop's statistics: cycles, computes, the total
/// energy (the sum of the per-level energies Timeloop prints), utilization
/// (computes over arithmetic instances x cycles) and, per storage level and
/// data space, the reads, fills and updates of all instances.
Cost getTimeloopCost(const timeloop::Stats &stats);

std::unique_ptr<CostModel> createTimeloopCostModel();

struct TimeloopMapperOptions {
  std::string metric = "edp"; ///< edp, delay or energy
  uint64_t searchSize = 3000; ///< valid mappings to visit (all threads)
  unsigned threads = 1;
  unsigned timeoutSeconds = 3600;
};

/// Hands the op behind `evaluator` (a `timeloop` evaluator) to
/// timeloop-mapper (random-pruned), with the constraints of `space` that
/// Timeloop can express (bypass, spatial dims and mesh axes, minimum
/// utilization; `notPassed` names the others), and returns the best
/// mapping it reports as a point of `space`'s levels. False with `error`
/// set when the evaluator is not Timeloop's, the mapper is missing, fails
/// or finds nothing.
bool runTimeloopMapper(const MappingEvaluator &evaluator,
                       const ConstrainedMapSpace &space,
                       const TimeloopMapperOptions &options, MapPoint &best,
                       std::vector<timeloop::Directive> &directives,
                       std::vector<std::string> &notPassed, std::string &error);

/// Costs Timeloop directives (e.g. timeloop-mapper's, whose mesh axes a
/// MapPoint does not keep) with a `timeloop` evaluator's op.
bool evaluateTimeloopDirectives(const MappingEvaluator &evaluator,
                                const std::vector<timeloop::Directive> &d,
                                Cost &cost, CostFailure &failure);

} // namespace mlir::union_

#endif // UNION_COSTMODEL_TIMELOOPCOSTMODEL_H
