//===- TimeloopInputs.h - The loop-nest model's view of Timeloop files ----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Turns Timeloop v3.0.3 inputs (problem, architecture, ERT, mapping) into
// the loop-nest model's problem, architecture and mapping, resolving what
// timeloop-model resolves: meshes, per-action energies (the ERT, else its
// built-in energy model), mapping defaults. Mappings Timeloop refuses while
// parsing are RejectionErrors with Timeloop's message.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_LOOPNEST_TIMELOOPINPUTS_H
#define UNION_COSTMODEL_LOOPNEST_TIMELOOPINPUTS_H

#include "Union/Engine/LoopNest/LoopNestModel.h"
#include "Union/Engine/Timeloop/TimeloopInputs.h"

namespace mlir::union_::loopnest {

/// Where each per-action energy came from, as Timeloop prints it.
enum class EnergySource { Builtin, Ert, User };

struct TimeloopArchitecture {
  Architecture arch;
  std::vector<EnergySource> sources; ///< per storage level, innermost first
};

llvm::Expected<Problem> getProblem(const timeloop::Problem &problem);

/// The architecture with the energies of `ert` (none: the built-in model).
llvm::Expected<TimeloopArchitecture>
getArchitecture(const timeloop::Architecture &arch,
                const std::vector<timeloop::ErtTable> *ert);

/// Timeloop's built-in energy of one block access (pJ) at `level`.
double getBuiltinAccessEnergy(const StorageLevel &level);

/// The mapping of `directives` (read from `fileName`, for messages).
llvm::Expected<Mapping>
getMapping(const std::vector<timeloop::Directive> &directives,
           const timeloop::Problem &problem, const Problem &loopNestProblem,
           const Architecture &arch, llvm::StringRef fileName);

} // namespace mlir::union_::loopnest

#endif // UNION_COSTMODEL_LOOPNEST_TIMELOOPINPUTS_H
