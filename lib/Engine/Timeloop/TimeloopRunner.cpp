//===- TimeloopRunner.cpp - Running timeloop-model safely -----------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Timeloop/TimeloopRunner.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace mlir::union_::timeloop;
namespace fs = llvm::sys::fs;

const char *
mlir::union_::timeloop::stringifyRunFailureKind(RunFailureKind kind) {
  switch (kind) {
  case RunFailureKind::MissingBinary:
    return "missing binary";
  case RunFailureKind::Timeout:
    return "timeout";
  case RunFailureKind::Rejected:
    return "rejected";
  case RunFailureKind::MalformedOutput:
    return "malformed output";
  case RunFailureKind::Io:
    return "i/o error";
  }
  return "?";
}

/// The tool to run: `option`, else $`envVar`, else the first on PATH;
/// std::nullopt with `searched` saying where it looked.
static std::optional<std::string> findTool(llvm::StringRef tool,
                                           llvm::StringRef envVar,
                                           llvm::StringRef option,
                                           std::string &searched) {
  auto executable = [](llvm::StringRef path) {
    return fs::exists(path) && fs::can_execute(path) && !fs::is_directory(path);
  };
  if (!option.empty()) {
    if (executable(option))
      return option.str();
    searched = "the given path '" + option.str() + "'";
    return std::nullopt;
  }
  if (std::optional<std::string> env = llvm::sys::Process::GetEnv(envVar)) {
    if (executable(*env))
      return *env;
    searched = "$" + envVar.str() + " ('" + *env + "')";
    return std::nullopt;
  }
  if (llvm::ErrorOr<std::string> found = llvm::sys::findProgramByName(tool))
    return *found;
  searched = "$" + envVar.str() + " (unset) and PATH";
  return std::nullopt;
}

namespace {
std::string readText(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// The last lines of a text, for error messages.
std::string tail(llvm::StringRef text, unsigned lines = 5) {
  llvm::SmallVector<llvm::StringRef> all;
  text.trim().split(all, '\n');
  size_t first = all.size() > lines ? all.size() - lines : 0;
  return llvm::join(llvm::ArrayRef(all).drop_front(first), " | ");
}
} // namespace

namespace {
struct RunFailure {
  RunFailureKind kind = RunFailureKind::Io;
  std::string message;
};
} // namespace

static bool
runTool(llvm::StringRef tool, llvm::StringRef envVar, const RunOptions &options,
        const std::vector<std::pair<std::string, std::string>> &inputs,
        llvm::ArrayRef<std::string> outputNames,
        std::map<std::string, std::string> &outputs, RunFailure &failure,
        std::string *workDir) {
  std::string searched;
  std::optional<std::string> binary =
      findTool(tool, envVar, options.binary, searched);
  if (!binary) {
    failure = {RunFailureKind::MissingBinary,
               tool.str() + " not found (looked at " + searched +
                   "); install Timeloop or give its path"};
    return false;
  }
  llvm::SmallString<128> dir;
  if (std::error_code ec = fs::createUniqueDirectory("union-timeloop", dir)) {
    failure = {RunFailureKind::Io,
               "cannot create a temporary directory: " + ec.message()};
    return false;
  }
  if (workDir)
    *workDir = std::string(dir);
  // Whatever happens next, the directory goes away.
  struct Cleanup {
    llvm::SmallString<128> &dir;
    ~Cleanup() { fs::remove_directories(dir); }
  } cleanup{dir};

  std::string command =
      "cd '" + std::string(dir) + "' && exec '" + *binary + "'";
  for (const auto &[name, contents] : inputs) {
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, name);
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    if (ec) {
      failure = {RunFailureKind::Io,
                 "cannot write '" + std::string(path) + "': " + ec.message()};
      return false;
    }
    os << contents;
    command += " '" + name + "'";
  }
  llvm::SmallString<128> errPath(dir), outPath(dir);
  llvm::sys::path::append(errPath, "stderr.txt");
  llvm::sys::path::append(outPath, "stdout.txt");
  llvm::ErrorOr<std::string> shell = llvm::sys::findProgramByName("sh");
  if (!shell) {
    failure = {RunFailureKind::Io, "no 'sh' to run " + tool.str() + " with"};
    return false;
  }
  std::optional<llvm::StringRef> redirects[] = {
      llvm::StringRef(""), llvm::StringRef(outPath), llvm::StringRef(errPath)};
  std::string errorMessage;
  bool executionFailed = false;
  auto start = std::chrono::steady_clock::now();
  int status = llvm::sys::ExecuteAndWait(
      *shell, {*shell, "-c", command}, std::nullopt, redirects,
      options.timeoutSeconds, 0, &errorMessage, &executionFailed);
  if (executionFailed) {
    failure = {RunFailureKind::Io,
               "cannot run " + tool.str() + ": " + errorMessage};
    return false;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  // -2 is a crash or the time limit.
  if (status == -2 && options.timeoutSeconds &&
      seconds >= options.timeoutSeconds - 0.5) {
    failure = {RunFailureKind::Timeout,
               tool.str() + " ran longer than " +
                   std::to_string(options.timeoutSeconds) +
                   " s and was stopped"};
    return false;
  }
  if (status == -2) {
    std::string said = tail(readText(errPath));
    failure = {RunFailureKind::Rejected,
               tool.str() + " crashed" +
                   (said.empty() ? std::string() : ": " + said)};
    return false;
  }
  if (status != 0) {
    std::string said = tail(readText(errPath) + "\n" + readText(outPath));
    failure = {RunFailureKind::Rejected,
               tool.str() + " exited with status " + std::to_string(status) +
                   (said.empty() ? std::string() : ": " + said)};
    return false;
  }
  for (const std::string &name : outputNames) {
    llvm::SmallString<128> path(dir);
    llvm::sys::path::append(path, name);
    if (fs::exists(path))
      outputs[name] = readText(path);
  }
  return true;
}

static bool
runModel(const RunOptions &options,
         const std::vector<std::pair<std::string, std::string>> &inputs,
         RunResult &result, RunFailure &failure, std::string *workDir) {
  std::map<std::string, std::string> outputs;
  if (!runTool("timeloop-model", "UNION_TIMELOOP_MODEL", options, inputs,
               {"timeloop-model.stats.txt", "timeloop-model.map.txt"}, outputs,
               failure, workDir))
    return false;
  auto statsText = outputs.find("timeloop-model.stats.txt");
  if (statsText == outputs.end()) {
    failure = {RunFailureKind::MalformedOutput,
               "timeloop-model wrote no timeloop-model.stats.txt"};
    return false;
  }
  llvm::Expected<Stats> stats = parseStats(statsText->second);
  if (!stats) {
    failure = {RunFailureKind::MalformedOutput,
               "timeloop-model.stats.txt: " +
                   llvm::toString(stats.takeError())};
    return false;
  }
  result.stats = std::move(*stats);
  result.mapText = outputs["timeloop-model.map.txt"];
  return true;
}

char RunError::ID = 0;

void RunError::log(llvm::raw_ostream &os) const {
  os << stringifyRunFailureKind(kind) << ": " << message;
}

std::error_code RunError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

llvm::Expected<std::map<std::string, std::string>>
mlir::union_::timeloop::runTimeloopTool(
    llvm::StringRef tool, llvm::StringRef envVar, const RunOptions &options,
    const std::vector<std::pair<std::string, std::string>> &inputs,
    llvm::ArrayRef<std::string> outputNames, std::string *workDir) {
  std::map<std::string, std::string> outputs;
  RunFailure failure;
  if (!runTool(tool, envVar, options, inputs, outputNames, outputs, failure,
               workDir))
    return llvm::make_error<RunError>(failure.kind, failure.message);
  return outputs;
}

llvm::Expected<RunResult> mlir::union_::timeloop::runTimeloopModel(
    const RunOptions &options,
    const std::vector<std::pair<std::string, std::string>> &inputs,
    std::string *workDir) {
  RunResult result;
  RunFailure failure;
  if (!runModel(options, inputs, result, failure, workDir))
    return llvm::make_error<RunError>(failure.kind, failure.message);
  return result;
}
