//===- TimeloopTranslation.h - Timeloop YAML <-> union IR -------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Import: a Timeloop problem (and optionally architecture, ERT and mapping)
// becomes one `union.compute` op: the problem as a #union.problem, the
// storage hierarchy as a #union.arch (a #union.network wherever the
// instance count grows; energies per word from the ERT), the mapping as a
// #union.mapping. What Union does not model but Timeloop needs to get the
// same answer back (component classes and attributes, the container tree,
// coefficient names, mesh axes of spatial loops, ERT actions Union does not
// use) is kept in a `union.timeloop` dictionary on the op.
// Export: the inverse. Without a `union.timeloop` record (an op from linalg
// or TOSA with a JSON architecture), a tree is generated.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_TARGET_TIMELOOPTRANSLATION_H
#define UNION_TARGET_TIMELOOPTRANSLATION_H

#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Engine/Timeloop/TimeloopInputs.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <functional>

namespace mlir::union_ {

/// The op of `inputs` (it needs a problem); errors are emitted at `loc`.
/// `label` names the op.
FailureOr<ComputeOp> importTimeloop(const timeloop::Inputs &inputs,
                                    OpBuilder &builder, Location loc,
                                    StringRef label);

/// Reads Timeloop YAML files (name, text) into a module with one op;
/// warnings about Timeloop's silent pitfalls are emitted as warnings.
OwningOpRef<ModuleOp>
importTimeloopFiles(ArrayRef<std::pair<std::string, std::string>> files,
                    MLIRContext *context);

/// What to export.
struct TimeloopExportOptions {
  /// Write the op's constraints (union.constraints and
  /// union.mapper_constraints) as Timeloop architecture and map-space
  /// constraints.
  bool constraints = true;
};

/// The Timeloop inputs of `op`: problem, architecture and ERT (it needs an
/// arch), mapping when it has one. Errors are emitted at the op.
LogicalResult exportTimeloop(MappableOpInterface op, timeloop::Inputs &inputs,
                             const TimeloopExportOptions &options = {});

/// Same for an explicit `mapping` instead of the op's own.
LogicalResult exportTimeloop(MappableOpInterface op, MappingAttr mapping,
                             timeloop::Inputs &inputs,
                             const TimeloopExportOptions &options = {});

/// Timeloop's single-letter name of each dim of `op` (single-letter dims
/// keep theirs); an error at the op when there are too many dims.
FailureOr<std::vector<std::string>>
getTimeloopDimLetters(MappableOpInterface op);

/// The loops of one storage level: factors per dim, the dims of its
/// temporal and spatial loops outermost first, the tensors it bypasses.
struct TimeloopLevelLoops {
  std::vector<int64_t> temporal, spatial;
  std::vector<unsigned> temporalOrder, spatialOrder;
  std::vector<std::string> bypass;
};

/// Writes mappings of one op as Timeloop directives, from plain data, so
/// that cost-model evaluators can use it from many threads.
class TimeloopMappingWriter {
public:
  /// The writer for `op` (it needs an architecture).
  static FailureOr<TimeloopMappingWriter> get(MappableOpInterface op);
  /// Directives for `loops` (one per storage level, outermost first; every
  /// dim's factors multiply to its size): per level a temporal directive,
  /// a spatial one where it fans out (mesh X dims as recorded at import
  /// if they still fit, else the first split that fits) and a bypass one;
  /// an error saying why when Timeloop cannot express them.
  llvm::Expected<std::vector<timeloop::Directive>>
  write(const std::vector<TimeloopLevelLoops> &loops) const;

  const std::vector<std::string> &getLetters() const { return letters; }
  /// Storage level names, outermost first.
  std::vector<std::string> getLevelNames() const {
    std::vector<std::string> names;
    for (const Level &level : levels)
      names.push_back(level.name);
    return names;
  }

private:
  bool writeInto(const std::vector<TimeloopLevelLoops> &loops,
                 std::vector<timeloop::Directive> &out, std::string &why) const;

  struct Level {
    std::string name;
    int64_t fanout = 1, meshX = 1;
    std::optional<std::vector<std::string>> recordedX;
    /// The dims of the op's own spatial loops here, outermost first: a
    /// map-space point has no order among spatial loops, and Timeloop's
    /// mesh layout follows it.
    std::vector<unsigned> preferredSpatialOrder;
  };
  std::vector<std::string> letters, dimNames, tensors;
  std::vector<Level> levels;
};

/// The sections of `inputs` as separate YAML files (file name, text), in
/// the order timeloop-model is usually given them.
std::vector<std::pair<std::string, std::string>>
writeTimeloopFiles(const timeloop::Inputs &inputs);

/// Registers --import-timeloop and --export-timeloop for union-translate;
/// `extendRegistry`, when set, is applied to each translation's dialect
/// registry.
void registerTimeloopTranslations(
    std::function<void(DialectRegistry &)> extendRegistry = nullptr);

} // namespace mlir::union_

#endif // UNION_TARGET_TIMELOOPTRANSLATION_H
