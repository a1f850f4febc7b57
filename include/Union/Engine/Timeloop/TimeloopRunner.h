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

/// Why a Timeloop tool gave no result: the kind and a message.
class RunError : public llvm::ErrorInfo<RunError> {
public:
  static char ID;
  RunError(RunFailureKind kind, std::string message)
      : kind(kind), message(std::move(message)) {}
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;
  RunFailureKind getKind() const { return kind; }
  const std::string &getMessage() const { return message; }

private:
  RunFailureKind kind;
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

/// Runs `tool` (`options.binary`, else the environment variable `envVar`,
/// else the first on PATH) in a fresh temporary
/// directory holding `inputs`, with their names as arguments, under the
/// time limit; returns those of `outputNames` it wrote (name, text), or a
/// RunError.
llvm::Expected<std::map<std::string, std::string>> runTimeloopTool(
    llvm::StringRef tool, llvm::StringRef envVar, const RunOptions &options,
    const std::vector<std::pair<std::string, std::string>> &inputs,
    llvm::ArrayRef<std::string> outputNames, std::string *workDir = nullptr);

/// Writes `inputs` (file name, contents) into a fresh temporary directory,
/// runs timeloop-model there with the file names as arguments, in order,
/// and reads its outputs, or a RunError. `workDir`, if given, receives the
/// directory used (removed again before returning).
llvm::Expected<RunResult>
runTimeloopModel(const RunOptions &options,
                 const std::vector<std::pair<std::string, std::string>> &inputs,
                 std::string *workDir = nullptr);

} // namespace mlir::union_::timeloop

#endif // UNION_COSTMODEL_TIMELOOP_TIMELOOPRUNNER_H
