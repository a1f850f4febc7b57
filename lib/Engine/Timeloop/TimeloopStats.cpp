//===- TimeloopStats.cpp - Timeloop's statistics output -------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The file is line-oriented: "Level N" opens a level, "=== NAME ===" names
// it, SPECS / MAPPING / STATS sections hold "key : value" lines, a line
// ending in ':' opens a data space's stats, "Networks" ends the levels and
// "Summary Stats" opens the summary ("key: value" and "name = value").
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Timeloop/TimeloopStats.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir::union_::timeloop;
using llvm::StringRef;

const LevelStats *Stats::findLevel(StringRef name) const {
  for (const LevelStats &level : levels)
    if (level.name == name)
      return &level;
  return nullptr;
}

namespace {

class Parser {
public:
  explicit Parser(StringRef text) { text.split(lines, '\n'); }

  llvm::Expected<Stats> parse();

private:
  llvm::SmallVector<StringRef> lines;
  unsigned lineNumber = 0;
  Stats stats;

  llvm::Error error(const llvm::Twine &message) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "line " + llvm::Twine(lineNumber) + ": " +
                                       message);
  }
  /// The number at the start of `value` ("123", "0.98 pJ", "168 (14*12)");
  /// "-" reads as 0.
  llvm::Error number(StringRef key, StringRef value, double &out) const {
    value = value.trim();
    if (value.starts_with("-") && (value.size() == 1 || value[1] == ' ')) {
      out = 0;
      return llvm::Error::success();
    }
    StringRef head = value.split(' ').first;
    if (head.getAsDouble(out))
      return error("'" + key + "': expected a number, got '" + value + "'");
    return llvm::Error::success();
  }
  llvm::Error integer(StringRef key, StringRef value, int64_t &out) const {
    double parsed;
    if (llvm::Error e = number(key, value, parsed))
      return e;
    out = int64_t(parsed);
    if (double(out) != parsed)
      return error("'" + key + "': expected an integer, got '" + value.trim() +
                   "'");
    return llvm::Error::success();
  }

  llvm::Error levelLine(LevelStats &level, DataSpaceStats *space, StringRef key,
                        StringRef value);
  llvm::Error summaryLine(StringRef line);
};

llvm::Error Parser::levelLine(LevelStats &level, DataSpaceStats *space,
                              StringRef key, StringRef value) {
  if (space) {
    auto field =
        llvm::StringSwitch<int64_t *>(key)
            .Case("Partition size", &space->partitionSize)
            .Case("Utilized capacity", &space->utilizedCapacity)
            .Case("Utilized instances (max)", &space->utilizedInstances)
            .Case("Scalar reads (per-instance)", &space->reads)
            .Case("Scalar updates (per-instance)", &space->updates)
            .Case("Scalar fills (per-instance)", &space->fills)
            .Case("Temporal reductions (per-instance)",
                  &space->temporalReductions)
            .Default(nullptr);
    if (field)
      return integer(key, value, *field);
    auto energy =
        llvm::StringSwitch<double *>(key)
            .Case("Energy (per-scalar-access)", &space->energyPerScalarAccess)
            .Case("Energy (per-instance)", &space->energyPerInstance)
            .Case("Energy (total)", &space->energy)
            .Default(nullptr);
    if (energy)
      return number(key, value, *energy);
    return llvm::Error::success(); // bandwidths, address generations, ...
  }
  if (key == "Instances") {
    if (llvm::Error e = integer(key, value, level.instances))
      return e;
    auto [count, mesh] = value.trim().split('(');
    level.mesh = mesh.rtrim(')').str();
    return llvm::Error::success();
  }
  auto field = llvm::StringSwitch<int64_t *>(key)
                   .Case("Word bits", &level.wordBits)
                   .Case("Size", &level.size)
                   .Case("Block size", &level.blockSize)
                   .Case("Cycles", &level.cycles)
                   .Case("Utilized instances", &level.utilizedInstances)
                   .Case("Computes (total)", &level.computes)
                   .Default(nullptr);
  if (field)
    return integer(key, value, *field);
  auto real = llvm::StringSwitch<double *>(key)
                  .Case("Vector access energy", &level.vectorAccessEnergy)
                  .Case("Bandwidth throttling", &level.bandwidthThrottling)
                  .Case("Compute energy", &level.computeEnergy)
                  .Case("Energy (total)", &level.energy)
                  .Default(nullptr);
  if (real)
    return number(key, value, *real);
  return llvm::Error::success(); // technology, bandwidths, area, ...
}

llvm::Error Parser::summaryLine(StringRef line) {
  StringRef trimmed = line.trim();
  if (trimmed.empty() || trimmed == "fJ/Compute" || trimmed.starts_with("---"))
    return llvm::Error::success();
  if (trimmed.contains(" = ") || trimmed.starts_with("Computes =")) {
    auto [name, value] = trimmed.rsplit('=');
    name = name.trim();
    double parsed;
    if (llvm::Error e = number(name, value, parsed))
      return e;
    if (name == "Computes") {
      stats.computes = int64_t(parsed);
    } else if (name == "Total") {
      stats.femtojoulesPerComputeTotal = parsed;
    } else {
      stats.femtojoulesPerCompute.push_back({name.str(), parsed});
    }
    return llvm::Error::success();
  }
  auto [key, value] = trimmed.split(':');
  key = key.trim();
  if (key == "Cycles")
    return integer(key, value, stats.cycles);
  auto real = llvm::StringSwitch<double *>(key)
                  .Case("GFLOPs (@1GHz)", &stats.gflops)
                  .Case("Utilization", &stats.utilization)
                  .Case("Energy", &stats.energyMicroJoules)
                  .Case("EDP(J*cycle)", &stats.edp)
                  .Default(nullptr);
  if (real)
    return number(key, value, *real);
  return llvm::Error::success(); // area
}

llvm::Expected<Stats> Parser::parse() {
  enum class Section {
    None,
    Levels,
    Networks,
    Summary
  } section = Section::None;
  LevelStats *level = nullptr;
  DataSpaceStats *space = nullptr;
  bool inLoopNest = false;
  for (StringRef raw : lines) {
    ++lineNumber;
    StringRef line = raw.rtrim("\r");
    StringRef trimmed = line.trim();
    if (trimmed == "Buffer and Arithmetic Levels") {
      section = Section::Levels;
      continue;
    }
    if (trimmed == "Networks") {
      section = Section::Networks;
      level = nullptr;
      continue;
    }
    if (trimmed == "Summary Stats") {
      section = Section::Summary;
      continue;
    }
    if (section == Section::Summary) {
      if (llvm::Error e = summaryLine(line))
        return std::move(e);
      continue;
    }
    if (section != Section::Levels)
      continue;
    if (trimmed.starts_with("Level ")) {
      unsigned index;
      if (trimmed.drop_front(6).getAsInteger(10, index))
        return error("expected 'Level <n>', got '" + trimmed + "'");
      stats.levels.emplace_back();
      level = &stats.levels.back();
      level->index = index;
      space = nullptr;
      inLoopNest = false;
      continue;
    }
    if (!level || trimmed.empty() || trimmed.starts_with("---"))
      continue;
    if (trimmed.starts_with("=== ") && trimmed.ends_with(" ===")) {
      level->name = trimmed.drop_front(4).drop_back(4).str();
      level->isArithmetic = level->index == 0;
      continue;
    }
    if (trimmed == "SPECS" || trimmed == "MAPPING" || trimmed == "STATS") {
      inLoopNest = false;
      space = nullptr;
      continue;
    }
    if (trimmed == "Loop nest:") {
      inLoopNest = true;
      continue;
    }
    if (inLoopNest && trimmed.starts_with("for ")) {
      level->loopNest.push_back(trimmed.str());
      continue;
    }
    inLoopNest = false;
    if (trimmed.ends_with(":") && !trimmed.contains(" : ")) {
      // A data space's block.
      level->dataSpaces.push_back({});
      space = &level->dataSpaces.back();
      space->name = trimmed.drop_back().str();
      continue;
    }
    auto [key, value] = trimmed.split(" : ");
    if (value.empty() && !trimmed.contains(" : "))
      continue; // a heading we do not use
    if (llvm::Error e = levelLine(*level, space, key.trim(), value))
      return std::move(e);
  }
  if (stats.levels.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "not a timeloop-model statistics file: no 'Level' sections");
  if (section != Section::Summary || !stats.cycles)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the statistics end before their "
                                   "'Summary Stats' (truncated output?)");
  // A storage level's energy is the sum over its data spaces.
  for (LevelStats &l : stats.levels)
    if (!l.isArithmetic)
      for (const DataSpaceStats &d : l.dataSpaces)
        l.energy += d.energy;
  return std::move(stats);
}

} // namespace

llvm::Expected<Stats> mlir::union_::timeloop::parseStats(StringRef text) {
  return Parser(text).parse();
}
