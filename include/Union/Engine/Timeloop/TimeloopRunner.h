//===- TimeloopRunner.h - Running timeloop-model safely ---------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Runs `timeloop-model` on a set of input files in a private temporary
// directory with a time limit, reads its statistics back and removes the
// directory. Every way it can go wrong is a typed failure that names the
// cause, with Timeloop's own message when it gave one.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_TIMELOOP_TIMELOOPRUNNER_H
#define UNION_COSTMODEL_TIMELOOP_TIMELOOPRUNNER_H

#include "Union/Engine/Timeloop/TimeloopStats.h"

#include <map>
#include <optional>

namespace mlir::union_::timeloop {

enum class RunFailureKind {
  MissingBinary,   ///< no timeloop-model where we looked
  Timeout,         ///< it ran longer than allowed and was killed
  Rejected,        ///< it exited with an error (e.g. an invalid mapping)
  MalformedOutput, ///< its statistics could not be read
  Io,              ///< the temporary directory or a file failed
};
const char *stringifyRunFailureKind(RunFailureKind kind);

struct RunFailure {
  RunFailureKind kind = RunFailureKind::Io;
  std::string message;
};

struct RunOptions {
  /// The binary to run; empty: $UNION_TIMELOOP_MODEL, then PATH.
  std::string binary;
  unsigned timeoutSeconds = 60;
  /// timeloop-mapper; empty: $UNION_TIMELOOP_MAPPER, then PATH.
  std::string mapperBinary;
};

struct RunResult {
  Stats stats;
  std::string mapText; ///< timeloop-model.map.txt
};

/// The timeloop-model to run: `option`, else $UNION_TIMELOOP_MODEL, else
/// the first on PATH; std::nullopt with `searched` saying where it looked.
std::optional<std::string> findTimeloopModel(llvm::StringRef option,
                                             std::string &searched);

/// Like findTimeloopModel for any Timeloop tool and environment variable.
std::optional<std::string> findTimeloopTool(llvm::StringRef tool,
                                            llvm::StringRef envVar,
                                            llvm::StringRef option,
                                            std::string &searched);

/// Runs `tool` (found as findTimeloopTool says) in a fresh temporary
/// directory holding `inputs`, with their names as arguments, under the
/// time limit; `outputs` receives those of `outputNames` it wrote.
bool runTimeloopTool(
    llvm::StringRef tool, llvm::StringRef envVar, const RunOptions &options,
    const std::vector<std::pair<std::string, std::string>> &inputs,
    llvm::ArrayRef<std::string> outputNames,
    std::map<std::string, std::string> &outputs, RunFailure &failure,
    std::string *workDir = nullptr);

/// Writes `inputs` (file name, contents) into a fresh temporary directory,
/// runs timeloop-model there with the file names as arguments, in order,
/// and reads its outputs. `workDir`, if given, receives the directory used
/// (removed again before returning).
bool runTimeloopModel(
    const RunOptions &options,
    const std::vector<std::pair<std::string, std::string>> &inputs,
    RunResult &result, RunFailure &failure, std::string *workDir = nullptr);

} // namespace mlir::union_::timeloop

#endif // UNION_COSTMODEL_TIMELOOP_TIMELOOPRUNNER_H
