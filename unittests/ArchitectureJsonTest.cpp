//===- ArchitectureJsonTest.cpp - Architecture JSON loader tests ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Arch/ArchitectureJson.h"

#include "gtest/gtest.h"

using namespace mlir::union_;

namespace {

/// The error text of a parse that must fail.
std::string errorOf(llvm::StringRef text) {
  auto spec = parseArchitectureJson(text);
  if (spec)
    return "<no error>";
  return llvm::toString(spec.takeError());
}

constexpr const char *kTiny = R"({
  "name": "tiny",
  "levels": [
    {"kind": "storage", "name": "DRAM", "read_energy": 200},
    {"kind": "storage", "name": "L2", "capacity": 4096, "word_bits": 8},
    {"kind": "network", "name": "NoC", "fanout": 16, "mesh_x": 4,
     "bandwidth": 8, "latency": 2, "multicast": false},
    {"kind": "storage", "name": "L1", "capacity": 64,
     "tensors": ["input", "weight"]},
    {"kind": "compute", "name": "MAC", "vector_width": 4, "mac_energy": 0.5}
  ]
})";

TEST(ArchitectureJson, ReadsEveryField) {
  auto spec = parseArchitectureJson(kTiny);
  ASSERT_TRUE(bool(spec)) << llvm::toString(spec.takeError());
  EXPECT_EQ(spec->name, "tiny");
  ASSERT_EQ(spec->levels.size(), 5u);
  EXPECT_EQ(spec->levels[0].kind, LevelKind::Storage);
  EXPECT_EQ(spec->levels[0].capacity, 0); // absent: unbounded
  EXPECT_EQ(spec->levels[0].readEnergy, 200.0);
  EXPECT_EQ(spec->levels[1].capacity, 4096);
  EXPECT_EQ(spec->levels[1].wordBits, 8);
  const LevelSpec &noc = spec->levels[2];
  EXPECT_EQ(noc.kind, LevelKind::Network);
  EXPECT_EQ(noc.fanout, 16);
  EXPECT_EQ(noc.meshX, 4);
  EXPECT_EQ(noc.bandwidth, 8.0);
  EXPECT_EQ(noc.latency, 2);
  EXPECT_FALSE(noc.multicast);
  EXPECT_TRUE(noc.reduction); // default
  ASSERT_TRUE(spec->levels[3].tensors.has_value());
  EXPECT_EQ(spec->levels[3].tensors->size(), 2u);
  EXPECT_EQ(spec->levels[4].vectorWidth, 4);
  EXPECT_EQ(spec->levels[4].macEnergy, 0.5);
  EXPECT_EQ(spec->getNumComputeUnits(), 16);
}

TEST(ArchitectureJson, PrintsWhatItReads) {
  auto spec = parseArchitectureJson(kTiny);
  ASSERT_TRUE(bool(spec));
  std::string text = printArchitectureJson(*spec);
  auto again = parseArchitectureJson(text);
  ASSERT_TRUE(bool(again)) << llvm::toString(again.takeError());
  EXPECT_EQ(printArchitectureJson(*again), text);
  EXPECT_EQ(again->levels[2].meshX, 4);
  EXPECT_FALSE(again->levels[2].multicast);
}

TEST(ArchitectureJson, NamesThePathOfABadValue) {
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "storage", "name": "DRAM"},
      {"kind": "storage", "name": "L2"},
      {"kind": "storage", "name": "L1", "capacity": -4},
      {"kind": "compute", "name": "MAC"}]})"),
            "levels[2].capacity: expected a positive integer, got -4");
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "storage", "name": "DRAM"},
      {"kind": "network", "name": "N", "fanout": "many"},
      {"kind": "compute", "name": "MAC"}]})"),
            "levels[1].fanout: expected a positive integer, got \"many\"");
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "storage", "name": "DRAM", "read_energy": -1.5},
      {"kind": "compute", "name": "MAC"}]})"),
            "levels[0].read_energy: expected a non-negative number, got -1.5");
}

TEST(ArchitectureJson, RejectsUnknownKeysAndKinds) {
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "storage", "name": "DRAM", "capacty": 4},
      {"kind": "compute", "name": "MAC"}]})"),
            "levels[0].capacty: unknown key");
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "cache", "name": "DRAM"},
      {"kind": "compute", "name": "MAC"}]})"),
            "levels[0].kind: expected \"storage\", \"network\" or "
            "\"compute\", got \"cache\"");
  EXPECT_EQ(errorOf(R"({"name": "a", "levles": []})"), "levles: unknown key");
}

TEST(ArchitectureJson, RejectsInconsistentHierarchies) {
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "network", "name": "N", "fanout": 4},
      {"kind": "compute", "name": "MAC"}]})"),
            "levels[0]: the outermost level must be a storage level, got a "
            "network level");
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "storage", "name": "DRAM"},
      {"kind": "compute", "name": "MAC"},
      {"kind": "storage", "name": "L1"}]})"),
            "levels[1]: a compute level must be the innermost level");
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "storage", "name": "X"},
      {"kind": "storage", "name": "X"},
      {"kind": "compute", "name": "MAC"}]})"),
            "levels[1].name: duplicate level name 'X' (also levels[0])");
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "storage", "name": "DRAM"},
      {"kind": "network", "name": "N", "fanout": 12, "mesh_x": 5},
      {"kind": "compute", "name": "MAC"}]})"),
            "levels[1].mesh_x: mesh width 5 does not divide fanout 12");
  EXPECT_EQ(errorOf(R"({"name": "a", "levels": [
      {"kind": "storage", "name": "DRAM"}]})"),
            "levels: expected at least a storage and a compute level, got 1 "
            "level(s)");
}

TEST(ArchitectureJson, ReportsSyntaxErrorsWithLineAndColumn) {
  std::string error = errorOf("{\n  \"name\": \"a\",\n  \"levels\": [,]\n}");
  EXPECT_EQ(error.rfind("3:14: invalid JSON:", 0), 0u) << error;
  EXPECT_EQ(errorOf("[1, 2]"),
            "expected a JSON object at the top level, got [1,2]");
  EXPECT_EQ(errorOf("").rfind("1:1: invalid JSON:", 0), 0u) << errorOf("");
}

TEST(ArchitectureJson, ReportsMissingFiles) {
  auto spec = loadArchitectureFile("/nonexistent/arch.json");
  ASSERT_FALSE(bool(spec));
  std::string error = llvm::toString(spec.takeError());
  EXPECT_EQ(error.rfind("/nonexistent/arch.json: cannot read architecture "
                        "file:",
                        0),
            0u)
      << error;
}

TEST(ArchitectureJson, BundledPresetsLoad) {
  for (const char *name :
       {"maestro-256", "eyeriss", "nvdla", "shidiannao", "tpu"}) {
    std::string path =
        std::string(UNION_EXAMPLES_DIR) + "/arch/" + name + ".json";
    auto spec = loadArchitectureFile(path);
    ASSERT_TRUE(bool(spec)) << llvm::toString(spec.takeError());
    EXPECT_FALSE(spec->description.empty()) << path;
  }
}

} // namespace
