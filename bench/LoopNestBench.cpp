//===- LoopNestBench.cpp - Speed of the loop-nest engine ------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// One evaluation of a mapping with the loop-nest engine, on reference cases
// of the Timeloop set (inputs read once, outside the timed loop):
//   - a ResNet-50 3x3 layer, row stationary, on Eyeriss (the goal:
//     at most 5 us);
//   - every evaluated dev case, one after the other.
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/LoopNest/LoopNestModel.h"
#include "Union/Engine/LoopNest/TimeloopInputs.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

using namespace mlir::union_;
using namespace mlir::union_::loopnest;

namespace {

struct Case {
  Problem problem;
  Architecture arch;
  Mapping mapping;
};

Case loadCase(const std::string &dir, bool withErt) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const char *name :
       {"arch.yaml", "problem.yaml", "mapping.yaml", "ert.yaml"}) {
    if (!withErt && std::string(name) == "ert.yaml")
      continue;
    auto buffer = llvm::MemoryBuffer::getFile(dir + "/" + name);
    if (!buffer) {
      if (std::string(name) == "ert.yaml")
        continue;
      llvm::errs() << "cannot read " << dir << "/" << name << "\n";
      std::exit(1);
    }
    files.push_back({name, (*buffer)->getBuffer().str()});
  }
  timeloop::Inputs inputs;
  std::vector<std::string> warnings;
  if (llvm::Error e = timeloop::readInputs(files, inputs, warnings)) {
    llvm::errs() << llvm::toString(std::move(e)) << "\n";
    std::exit(1);
  }
  Case c;
  auto problem = getProblem(*inputs.problem);
  auto arch = getArchitecture(*inputs.architecture,
                              inputs.ert ? &*inputs.ert : nullptr);
  if (!problem || !arch) {
    llvm::consumeError(problem.takeError());
    llvm::consumeError(arch.takeError());
    llvm::errs() << "bad case " << dir << "\n";
    std::exit(1);
  }
  c.problem = *problem;
  c.arch = arch->arch;
  auto mapping =
      getMapping(*inputs.mapping, *inputs.problem, c.problem, c.arch, dir);
  if (!mapping) {
    llvm::errs() << llvm::toString(mapping.takeError()) << "\n";
    std::exit(1);
  }
  c.mapping = *mapping;
  return c;
}

const std::string kDev = UNION_TIMELOOP_DEV_CASES;

/// Evaluates the mapping of one dev case over and over.
void evaluateCase(benchmark::State &state, const std::string &id) {
  Case c = loadCase(kDev + "/" + id, true);
  for (auto _ : state) {
    auto result = evaluate(c.problem, c.arch, c.mapping);
    if (!result) {
      state.SkipWithError(llvm::toString(result.takeError()).c_str());
      return;
    }
    benchmark::DoNotOptimize(result->energy);
  }
}

void resnet50Res4On3x3Eyeriss(benchmark::State &state) {
  evaluateCase(state, "eyeriss_rs__resnet50_res4_3x3__hand-rs__ert");
}
BENCHMARK(resnet50Res4On3x3Eyeriss)->Unit(benchmark::kMicrosecond);

void resnet50Res4MapperOnEyeriss(benchmark::State &state) {
  evaluateCase(state, "eyeriss_rs__resnet50_res4_3x3__mapper__ert");
}
BENCHMARK(resnet50Res4MapperOnEyeriss)->Unit(benchmark::kMicrosecond);

void allDevCases(benchmark::State &state) {
  std::vector<Case> cases;
  std::ifstream summary(kDev + "/../summary.jsonl");
  std::string line;
  while (std::getline(summary, line)) {
    if (line.find("\"status\": \"ok\"") == std::string::npos)
      continue;
    size_t start = line.find("\"id\": \"") + 7;
    std::string id = line.substr(start, line.find('"', start) - start);
    cases.push_back(loadCase(kDev + "/" + id, true));
  }
  for (auto _ : state)
    for (const Case &c : cases) {
      auto result = evaluate(c.problem, c.arch, c.mapping);
      if (!result) {
        state.SkipWithError(llvm::toString(result.takeError()).c_str());
        return;
      }
      benchmark::DoNotOptimize(result->energy);
    }
  state.counters["cases"] = static_cast<double>(cases.size());
}
BENCHMARK(allDevCases)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
