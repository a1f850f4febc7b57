//===- TimeloopStatsTest.cpp - The stats parser on real Timeloop output ---===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Every evaluated dev case of the Timeloop reference set
// (test/Target/Timeloop/Inputs/dev, real Timeloop v3.0.3 output): the parsed
// statistics equal the figures recorded in its summary.jsonl, level by
// level and data space by data space.
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Timeloop/TimeloopStats.h"

#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"
#include <nlohmann/json.hpp>

#include <fstream>

using namespace mlir::union_::timeloop;
using json = nlohmann::json;

namespace {

std::string readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  return buffer ? (*buffer)->getBuffer().str() : std::string();
}

TEST(TimeloopStats, EveryDevCaseMatchesItsSummary) {
  std::string dir =
      std::string(UNION_TEST_INPUTS_DIR) + "/Target/Timeloop/Inputs/dev";
  std::ifstream summary(dir + "/summary.jsonl");
  ASSERT_TRUE(summary.good());
  std::string line;
  unsigned checked = 0;
  while (std::getline(summary, line)) {
    json c = json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(c.is_discarded());
    if (c["status"] != "ok")
      continue;
    std::string id = c["id"];
    SCOPED_TRACE(id);
    auto parsed = parseStats(
        readFile(dir + "/cases/" + id + "/timeloop-model.stats.txt"));
    ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
    const Stats &s = *parsed;
    EXPECT_EQ(s.cycles, c["cycles"].get<int64_t>());
    EXPECT_EQ(s.computes, c["macs"].get<int64_t>());
    EXPECT_DOUBLE_EQ(s.utilization, c["utilization"].get<double>());
    EXPECT_DOUBLE_EQ(s.energyMicroJoules, c["energy_summary_uJ"].get<double>());
    EXPECT_DOUBLE_EQ(s.femtojoulesPerComputeTotal,
                     c["fJ_per_compute_total"].get<double>());
    EXPECT_DOUBLE_EQ(s.gflops, c["gflops_at_1GHz"].get<double>());
    EXPECT_DOUBLE_EQ(s.edp, c["edp_J_cycle"].get<double>());
    // Each level's data-space energies are printed to 0.01 pJ.
    double energy = c["energy_total_pJ"].get<double>();
    EXPECT_NEAR(s.getEnergy(), energy, 0.01 * 4 * s.levels.size());
    // fJ/compute is printed to 0.01 fJ: the total agrees to half of that
    // per compute.
    EXPECT_NEAR(s.femtojoulesPerComputeTotal * double(s.computes) / 1000.0,
                energy, 0.005 * double(s.computes) / 1000.0 + 1e-6);
    for (auto &[name, value] : s.femtojoulesPerCompute)
      EXPECT_DOUBLE_EQ(value, c["fJ_per_compute"][name].get<double>()) << name;
    EXPECT_EQ(s.femtojoulesPerCompute.size() + 1, c["fJ_per_compute"].size());

    const json &a = c["arithmetic"];
    const LevelStats &mac = s.levels.front();
    EXPECT_TRUE(mac.isArithmetic);
    EXPECT_EQ(mac.name, a["name"].get<std::string>());
    EXPECT_EQ(mac.instances, a["instances"].get<int64_t>());
    EXPECT_EQ(mac.mesh, a["mesh"].get<std::string>());
    EXPECT_EQ(mac.utilizedInstances, a["utilized_instances"].get<int64_t>());
    EXPECT_EQ(mac.computes, a["computes"].get<int64_t>());
    EXPECT_EQ(mac.cycles, a["cycles"].get<int64_t>());
    EXPECT_DOUBLE_EQ(mac.energy, a["energy_pJ"].get<double>());
    EXPECT_DOUBLE_EQ(mac.computeEnergy, a["compute_energy_pJ"].get<double>());

    ASSERT_EQ(s.levels.size(), c["levels"].size() + 1);
    for (const json &l : c["levels"]) {
      std::string name = l["name"];
      SCOPED_TRACE(name);
      const LevelStats *level = s.findLevel(name);
      ASSERT_NE(level, nullptr);
      EXPECT_EQ(level->index, l["level"].get<unsigned>());
      EXPECT_EQ(level->instances, l["instances"].get<int64_t>());
      EXPECT_EQ(level->mesh, l["mesh"].get<std::string>());
      EXPECT_EQ(level->size,
                l["size_words"].is_null() ? 0 : l["size_words"].get<int64_t>());
      EXPECT_EQ(level->wordBits, l["word_bits"].get<int64_t>());
      EXPECT_EQ(level->blockSize, l["block_size"].get<int64_t>());
      EXPECT_DOUBLE_EQ(level->vectorAccessEnergy,
                       l["vector_access_energy_pJ"].get<double>());
      EXPECT_EQ(level->cycles, l["cycles"].get<int64_t>());
      EXPECT_DOUBLE_EQ(level->bandwidthThrottling,
                       l["bandwidth_throttling"].get<double>());
      EXPECT_EQ(level->loopNest,
                l["loop_nest"].get<std::vector<std::string>>());
      EXPECT_NEAR(level->energy, l["energy_pJ"].get<double>(), 0.05);
      ASSERT_EQ(level->dataSpaces.size(), l["data_spaces"].size());
      for (const DataSpaceStats &d : level->dataSpaces) {
        SCOPED_TRACE(d.name);
        const json &e = l["data_spaces"][d.name];
        ASSERT_FALSE(e.is_null());
        EXPECT_EQ(d.reads, e["reads"].get<int64_t>());
        EXPECT_EQ(d.fills, e["fills"].get<int64_t>());
        EXPECT_EQ(d.updates, e["updates"].get<int64_t>());
        EXPECT_EQ(d.utilizedInstances, e["utilized_instances"].get<int64_t>());
        EXPECT_EQ(d.utilizedCapacity, e["utilized_capacity"].get<int64_t>());
        EXPECT_EQ(d.partitionSize, e["partition_size"].get<int64_t>());
        EXPECT_EQ(d.temporalReductions,
                  e["temporal_reductions"].get<int64_t>());
        EXPECT_DOUBLE_EQ(d.energy, e["energy_pJ"].get<double>());
        EXPECT_DOUBLE_EQ(d.energyPerInstance,
                         e["energy_per_instance_pJ"].get<double>());
        EXPECT_DOUBLE_EQ(d.energyPerScalarAccess,
                         e["energy_per_scalar_access_pJ"].get<double>());
      }
    }
    ++checked;
  }
  EXPECT_EQ(checked, 74u); // every evaluated dev case
}

TEST(TimeloopStats, MalformedOutputIsAnError) {
  auto check = [](const std::string &text, const std::string &expected) {
    auto parsed = parseStats(text);
    ASSERT_FALSE(bool(parsed));
    std::string message = llvm::toString(parsed.takeError());
    EXPECT_NE(message.find(expected), std::string::npos) << message;
  };
  check("", "no 'Level' sections");
  check("Buffer and Arithmetic Levels\nLevel 0\n=== MAC ===\n",
        "end before their 'Summary Stats'");
  check("Buffer and Arithmetic Levels\nLevel x\n",
        "line 2: expected 'Level <n>'");
  check("Buffer and Arithmetic Levels\nLevel 0\n=== MAC ===\n  STATS\n"
        "    Cycles : lots\n",
        "line 5: 'Cycles': expected a number, got 'lots'");
}

} // namespace
