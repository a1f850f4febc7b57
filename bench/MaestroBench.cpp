//===- MaestroBench.cpp - Evaluations per second of the MAESTRO engine ----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Google Benchmark over the curated MAESTRO cases: one benchmark per case
// (a whole network evaluation, parsing excluded) and one over all of them.
// items_per_second is layer evaluations per second.
//
//   build/bench/union-maestro-bench [--benchmark_filter=vgg16_conv3_2]
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroCommandLine.h"
#include "Union/Engine/Maestro/MaestroEngine.h"
#include "Union/Engine/Maestro/MaestroParser.h"

#include "llvm/Support/MemoryBuffer.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace mlir::union_::maestro;

namespace {

struct Case {
  std::string name;
  Network network;
  Hardware hardware;
};

std::vector<Case> loadCases(const std::string &path) {
  std::vector<Case> cases;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded())
      continue;
    std::vector<std::string> args = record["args"];
    auto commandLine = parseCommandLine(args);
    if (!commandLine) {
      llvm::consumeError(commandLine.takeError());
      continue;
    }
    std::string hwText = record["hw_file"].is_string()
                             ? record["hw_file"].get<std::string>()
                             : "";
    auto hardware = resolveHardware(
        *commandLine,
        [&](llvm::StringRef) -> llvm::Expected<std::string> { return hwText; });
    auto network =
        parseMappingFile(record["mapping_file"].get<std::string>(), "model.m");
    if (!hardware || !network) {
      llvm::consumeError(hardware.takeError());
      llvm::consumeError(network.takeError());
      continue;
    }
    std::string name = record["id"];
    if (llvm::StringRef(name).starts_with("curated-"))
      name = name.substr(8);
    cases.push_back({name, std::move(*network), *hardware});
  }
  return cases;
}

void evaluate(benchmark::State &state, const Case *c) {
  int64_t layers = 0;
  for (auto _ : state) {
    auto results = analyzeNetwork(c->network, c->hardware);
    if (!results) {
      state.SkipWithError(llvm::toString(results.takeError()).c_str());
      return;
    }
    benchmark::DoNotOptimize(results->front().runtime);
    layers += results->size();
  }
  state.SetItemsProcessed(layers);
}

void evaluateAll(benchmark::State &state, const std::vector<Case> *cases) {
  int64_t layers = 0;
  for (auto _ : state) {
    for (const Case &c : *cases) {
      auto results = analyzeNetwork(c.network, c.hardware);
      if (!results) {
        state.SkipWithError(llvm::toString(results.takeError()).c_str());
        return;
      }
      benchmark::DoNotOptimize(results->front().runtime);
      layers += results->size();
    }
  }
  state.SetItemsProcessed(layers);
}

} // namespace

int main(int argc, char **argv) {
  static std::vector<Case> cases = loadCases(UNION_CURATED_CASES);
  if (cases.empty()) {
    fprintf(stderr, "no curated cases in %s\n", UNION_CURATED_CASES);
    return 1;
  }
  benchmark::RegisterBenchmark("all_curated_cases", evaluateAll, &cases)
      ->Unit(benchmark::kMicrosecond);
  for (const Case &c : cases)
    benchmark::RegisterBenchmark(c.name.c_str(), evaluate, &c)
        ->Unit(benchmark::kMicrosecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
