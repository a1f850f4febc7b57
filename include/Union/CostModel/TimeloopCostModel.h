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
// Its options (`cost-model-options`): timeloop-model=PATH,
// timeloop-mapper=PATH (for the timeloop mapper) and timeout=SECONDS.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_TIMELOOPCOSTMODEL_H
#define UNION_COSTMODEL_TIMELOOPCOSTMODEL_H

#include "Union/CostModel/CostModel.h"
#include "Union/Engine/Timeloop/TimeloopInputs.h"
#include "Union/Engine/Timeloop/TimeloopRunner.h"
#include "Union/Target/TimeloopTranslation.h"

namespace mlir::union_ {

/// The `timeloop` model configured by `options` (see above); binaries not
/// given are found through $UNION_TIMELOOP_MODEL / $UNION_TIMELOOP_MAPPER,
/// then PATH.
llvm::Expected<std::unique_ptr<CostModel>>
createTimeloopCostModel(llvm::StringRef options);

/// The Union cost of Timeloop's statistics: cycles, computes, the total
/// energy (the sum of the per-level energies Timeloop prints), utilization
/// (computes over arithmetic instances x cycles) and, per storage level and
/// data space, the reads, fills and updates of all instances.
Cost getTimeloopCost(const timeloop::Stats &stats);

/// An op as Timeloop inputs without a mapping (problem, architecture,
/// ERT) and the writer of its mappings' directives.
struct TimeloopOpExport {
  timeloop::Inputs inputs;
  TimeloopMappingWriter writer;
  std::vector<std::string> tensorNames; ///< in the problem's order
};
/// Exports `op` (it needs an arch) for costing the mappings of its map
/// space, whose `problem` has the padded sizes (`pad` constraints); the
/// export's diagnostics become the error.
llvm::Expected<TimeloopOpExport>
exportForEvaluation(MappableOpInterface op, const SpaceProblem &problem);

/// The loops of `point` per storage level (outermost first), as the
/// Timeloop mapping writer takes them.
std::vector<TimeloopLevelLoops>
getTimeloopLoops(const MapPoint &point,
                 const std::vector<std::string> &tensorNames);

/// Costs the mappings of one op with timeloop-model. The timeloop mapper
/// reaches it through llvm::dyn_cast to hand the op to timeloop-mapper.
class TimeloopEvaluator : public MappingEvaluator {
public:
  TimeloopEvaluator(std::vector<std::pair<std::string, std::string>> files,
                    TimeloopMappingWriter writer,
                    std::vector<std::string> tensorNames,
                    timeloop::RunOptions options);

  static char ID;
  const void *getClassID() const override { return &ID; }
  static bool classof(const MappingEvaluator *evaluator) {
    return evaluator->getClassID() == &ID;
  }

  llvm::Error checkConformable(const MapPoint &point) const override;
  llvm::Expected<Cost> evaluate(const MapPoint &point) const override;
  /// Costs Timeloop directives (e.g. timeloop-mapper's, whose mesh axes a
  /// MapPoint does not keep).
  llvm::Expected<Cost>
  evaluateDirectives(const std::vector<timeloop::Directive> &directives) const;

  /// The op's architecture, problem and ERT files.
  const std::vector<std::pair<std::string, std::string>> &getFiles() const {
    return files;
  }
  const TimeloopMappingWriter &getWriter() const { return writer; }
  const std::vector<std::string> &getTensorNames() const { return tensorNames; }
  const timeloop::RunOptions &getOptions() const { return options; }

private:
  llvm::Expected<std::vector<timeloop::Directive>>
  getDirectives(const MapPoint &point) const;

  std::vector<std::pair<std::string, std::string>> files;
  TimeloopMappingWriter writer;
  std::vector<std::string> tensorNames;
  timeloop::RunOptions options;
};

} // namespace mlir::union_

#endif // UNION_COSTMODEL_TIMELOOPCOSTMODEL_H
