//===- CostSummaryTest.cpp - Bottleneck and energy per level --------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What union-report shows beside a cost, checked on every evaluated dev case
// of the Timeloop reference set against the figures real Timeloop v3.0.3
// recorded in summary.jsonl: the level that bounds the cycles (a storage
// level's bandwidth when its cycles exceed the arithmetic's, else compute)
// and the energy of each level, outermost first, then the MACs. Both the
// `timeloop` model (from timeloop-model's statistics) and the `loopnest`
// model (evaluating the same inputs) must say so.
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/LoopNestCostModel.h"
#include "Union/CostModel/TimeloopCostModel.h"
#include "Union/Engine/LoopNest/LoopNestModel.h"
#include "Union/Engine/LoopNest/TimeloopInputs.h"
#include "Union/Engine/Timeloop/TimeloopStats.h"

#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"
#include <nlohmann/json.hpp>

#include <fstream>

using namespace mlir::union_;
using json = nlohmann::json;

namespace {

std::string readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

/// The loop-nest cost of a case's own Timeloop inputs.
std::optional<Cost> costWithLoopNest(const std::string &dir) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const char *name :
       {"arch.yaml", "problem.yaml", "mapping.yaml", "ert.yaml"}) {
    std::string text = readFile(dir + "/" + name);
    if (!text.empty())
      files.push_back({name, text});
  }
  timeloop::Inputs inputs;
  std::vector<std::string> warnings;
  if (llvm::Error e = timeloop::readInputs(files, inputs, warnings)) {
    ADD_FAILURE() << llvm::toString(std::move(e));
    return std::nullopt;
  }
  auto problem = loopnest::getProblem(*inputs.problem);
  auto arch = loopnest::getArchitecture(*inputs.architecture,
                                        inputs.ert ? &*inputs.ert : nullptr);
  if (!problem || !arch) {
    ADD_FAILURE() << "cannot read the problem or architecture";
    llvm::consumeError(problem.takeError());
    llvm::consumeError(arch.takeError());
    return std::nullopt;
  }
  auto mapping = loopnest::getMapping(*inputs.mapping, *inputs.problem,
                                      *problem, arch->arch, dir);
  if (!mapping) {
    ADD_FAILURE() << llvm::toString(mapping.takeError());
    return std::nullopt;
  }
  auto result = loopnest::evaluate(*problem, arch->arch, *mapping);
  if (!result) {
    ADD_FAILURE() << llvm::toString(result.takeError());
    return std::nullopt;
  }
  return getLoopNestCost(*problem, *result, arch->arch.arithmetic.name);
}

TEST(CostSummary, BottleneckAndLevelEnergiesMatchTimeloop) {
  std::string dir =
      std::string(UNION_TEST_INPUTS_DIR) + "/Target/Timeloop/Inputs/dev";
  std::ifstream summary(dir + "/summary.jsonl");
  ASSERT_TRUE(summary.good());
  std::string line;
  unsigned checked = 0, bandwidthBound = 0;
  while (std::getline(summary, line)) {
    json c = json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(c.is_discarded());
    if (c["status"] != "ok")
      continue;
    std::string id = c["id"];
    SCOPED_TRACE(id);
    // From Timeloop's own figures: levels outermost first, then the MACs.
    const json &mac = c["arithmetic"];
    int64_t computeCycles = mac["cycles"].get<int64_t>();
    int64_t slowest = 0;
    std::vector<std::pair<std::string, double>> energies;
    for (const json &level : c["levels"]) {
      slowest = std::max(slowest, level["cycles"].get<int64_t>());
      energies.insert(energies.begin(), {level["name"].get<std::string>(),
                                         level["energy_pJ"].get<double>()});
    }
    energies.push_back(
        {mac["name"].get<std::string>(), mac["energy_pJ"].get<double>()});
    std::vector<std::string> expectedBottlenecks;
    if (slowest > computeCycles) {
      ++bandwidthBound;
      for (const json &level : c["levels"])
        if (level["cycles"].get<int64_t>() == slowest)
          expectedBottlenecks.push_back(level["name"].get<std::string>() +
                                        " bandwidth");
    } else {
      expectedBottlenecks.push_back("compute");
    }

    auto stats = timeloop::parseStats(
        readFile(dir + "/cases/" + id + "/timeloop-model.stats.txt"));
    ASSERT_TRUE(bool(stats)) << llvm::toString(stats.takeError());
    std::optional<Cost> loopNest = costWithLoopNest(dir + "/cases/" + id);
    ASSERT_TRUE(loopNest.has_value());
    for (const Cost &cost : {getTimeloopCost(*stats), *loopNest}) {
      EXPECT_TRUE(llvm::is_contained(expectedBottlenecks, cost.bottleneck))
          << cost.bottleneck;
      ASSERT_EQ(cost.levelEnergies.size(), energies.size());
      for (auto [got, want] : llvm::zip(cost.levelEnergies, energies)) {
        EXPECT_EQ(got.first, want.first);
        // Timeloop prints each data space's energy to 0.01 pJ.
        EXPECT_NEAR(got.second, want.second, 0.05) << want.first;
      }
    }
    ++checked;
  }
  EXPECT_EQ(checked, 74u);
  // Both answers occur in the set.
  EXPECT_GT(bandwidthBound, 0u);
  EXPECT_LT(bandwidthBound, checked);
}

} // namespace
