//===- TimeloopRunnerTest.cpp - Running timeloop-model and its failures ---===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The error paths of the runner, with stand-in scripts for timeloop-model
// (test/Target/Timeloop/Inputs/fake): a missing binary, a rejected mapping, a
// timeout and malformed output each give their typed failure, and the
// private directory is always removed. The stand-in "ok.sh" hands back a
// real statistics file, so the whole path is exercised too.
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Timeloop/TimeloopRunner.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

using namespace mlir::union_::timeloop;

namespace {

std::string inputs() {
  return std::string(UNION_TEST_INPUTS_DIR) + "/Target/Timeloop/Inputs/";
}

struct RunFailure {
  RunFailureKind kind = RunFailureKind::Io;
  std::string message;
};

RunFailure runFake(const std::string &script, unsigned timeout,
                   const std::string &firstInput = "arch") {
  RunOptions options;
  options.binary = inputs() + "fake/" + script;
  options.timeoutSeconds = timeout;
  std::string dir;
  llvm::Expected<RunResult> result =
      runTimeloopModel(options, {{"arch.yaml", firstInput}}, &dir);
  EXPECT_FALSE(bool(result));
  if (!dir.empty())
    EXPECT_FALSE(llvm::sys::fs::exists(dir)) << "left behind: " << dir;
  RunFailure failure;
  if (!result)
    llvm::handleAllErrors(result.takeError(), [&](const RunError &error) {
      failure = {error.getKind(), error.getMessage()};
    });
  return failure;
}

TEST(TimeloopRunner, RunsAndReadsTheStatistics) {
  std::string statsPath = inputs() +
                          "dev/cases/eyeriss_rs__attention_qk__mapper__builtin/"
                          "timeloop-model.stats.txt";
  auto buffer = llvm::MemoryBuffer::getFile(statsPath);
  ASSERT_TRUE(bool(buffer));
  RunOptions options;
  options.binary = inputs() + "fake/ok.sh";
  std::string dir;
  llvm::Expected<RunResult> run =
      runTimeloopModel(options,
                       {{"arch.yaml", (*buffer)->getBuffer().str()},
                        {"problem.yaml", "problem: {}\n"}},
                       &dir);
  ASSERT_TRUE(bool(run)) << llvm::toString(run.takeError());
  RunResult result = std::move(*run);
  EXPECT_FALSE(llvm::sys::fs::exists(dir));
  // The figures Timeloop printed for this case (its Summary Stats).
  EXPECT_EQ(result.stats.cycles, 131072);
  EXPECT_EQ(result.stats.computes, 12582912);
  EXPECT_EQ(result.mapText, "loop nest\n");
}

TEST(TimeloopRunner, MissingBinary) {
  RunFailure failure = runFake("no-such-timeloop-model", 5);
  EXPECT_EQ(failure.kind, RunFailureKind::MissingBinary);
  EXPECT_NE(failure.message.find("timeloop-model not found"), std::string::npos)
      << failure.message;
  EXPECT_NE(failure.message.find("no-such-timeloop-model"), std::string::npos);
}

TEST(TimeloopRunner, RejectedMappingCarriesTimeloopsMessage) {
  RunFailure failure = runFake("reject.sh", 10);
  EXPECT_EQ(failure.kind, RunFailureKind::Rejected);
  EXPECT_EQ(failure.message,
            "timeloop-model exited with status 1: ERROR: couldn't map level "
            "GLB: mapped tile size 12288 exceeds buffer capacity 8192");
}

TEST(TimeloopRunner, TimeoutStopsIt) {
  RunFailure failure = runFake("hang.sh", 1);
  EXPECT_EQ(failure.kind, RunFailureKind::Timeout);
  EXPECT_EQ(failure.message,
            "timeloop-model ran longer than 1 s and was stopped");
}

TEST(TimeloopRunner, MalformedOutput) {
  RunFailure failure = runFake("garbage.sh", 10);
  EXPECT_EQ(failure.kind, RunFailureKind::MalformedOutput);
  EXPECT_NE(failure.message.find("timeloop-model.stats.txt: the statistics "
                                 "end before their 'Summary Stats'"),
            std::string::npos)
      << failure.message;
}

} // namespace
