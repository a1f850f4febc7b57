//===- Mapper.cpp - The mapper registry and objectives --------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/Mapper.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace mlir::union_;

Mapper::~Mapper() = default;

const char *mlir::union_::stringifyObjective(Objective objective) {
  switch (objective) {
  case Objective::Latency:
    return "latency";
  case Objective::Energy:
    return "energy";
  case Objective::EDP:
    return "edp";
  }
  return "?";
}

std::optional<Objective> mlir::union_::parseObjective(llvm::StringRef name) {
  if (name == "latency")
    return Objective::Latency;
  if (name == "energy")
    return Objective::Energy;
  if (name == "edp")
    return Objective::EDP;
  return std::nullopt;
}

double mlir::union_::getObjectiveValue(Objective objective, const Cost &cost) {
  switch (objective) {
  case Objective::Latency:
    return double(cost.cycles);
  case Objective::Energy:
    return cost.energy;
  case Objective::EDP:
    return double(cost.cycles) * cost.energy;
  }
  return 0;
}

unsigned mlir::union_::getNumStreams(const SearchOptions &options) {
  return std::max(1u, options.streams);
}

uint64_t mlir::union_::getStreamBudget(const SearchOptions &options) {
  uint64_t streams = getNumStreams(options);
  return options.evaluationBudget
             ? (options.evaluationBudget + streams - 1) / streams
             : 0;
}

uint64_t SearchStats::getRejectedCount() const {
  uint64_t total = 0;
  for (const auto &entry : rejected)
    total += entry.second;
  return total;
}
