//===- AnnealingMapper.cpp - Simulated annealing over mappings ------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A heuristic search in the spirit of GAMMA's: instead of a population it
// walks the space with local moves (Neighborhood.h), accepting a worse
// mapping with probability exp(-delta / T) where delta is the relative
// (log) change of the objective and T cools geometrically over the
// thread's share of the budget; after a stretch without improvement it
// restarts from its best or from a fresh uniform sample.
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/Annealing.h"

#include <cmath>

using namespace mlir::union_;

std::optional<std::pair<MapPoint, double>>
mlir::union_::anneal(const ConstrainedMapSpace &space, ThreadSearch &search,
                     std::mt19937_64 &random, const MoveScope &scope,
                     std::optional<MapPoint> start, uint64_t steps,
                     double initialTemperature) {
  uint64_t repeats = 0;
  auto cost = [&](const MapPoint &p) -> std::optional<double> {
    bool repeat = false;
    std::optional<double> value = search.evaluateOnce(p, repeat);
    repeats = repeat ? repeats + 1 : 0;
    return value;
  };
  auto fresh = [&]() { return space.sample(random); };
  // A starting point the model can cost.
  std::optional<MapPoint> current = start;
  double currentValue = std::numeric_limits<double>::infinity();
  // Small spaces: uniform restarts may only find seen points.
  for (unsigned tries = 0; tries < 256 && !search.stopped(); ++tries) {
    if (!current)
      current = fresh();
    if (std::optional<double> v = cost(*current)) {
      currentValue = *v;
      break;
    }
    current.reset();
  }
  if (!current || !std::isfinite(currentValue))
    return std::nullopt;
  MapPoint best = *current;
  double bestValue = currentValue;
  const double finalTemperature = 0.002;
  uint64_t sinceImprovement = 0, patience = std::max<uint64_t>(50, steps / 20);
  MapPoint next; // reused: proposals copy into it without allocating
  for (uint64_t step = 0; (steps == 0 || step < steps) && !search.stopped();
       ++step) {
    double progress = steps ? double(step) / double(steps) : 0.5;
    double temperature =
        initialTemperature *
        std::pow(finalTemperature / initialTemperature, progress);
    if (!proposeNeighbor(space, *current, scope, random, next)) {
      current = best;
      currentValue = bestValue;
      continue;
    }
    std::optional<double> value = cost(next);
    // Nothing new nearby for long: the walk has seen its neighbourhood.
    if (search.stopped() || repeats > 20 * patience)
      break;
    if (!value)
      continue;
    double delta = std::log(*value) - std::log(currentValue);
    bool accept = delta <= 0 || std::uniform_real_distribution<double>(0, 1)(
                                    random) < std::exp(-delta / temperature);
    if (accept) {
      std::swap(*current, next);
      currentValue = *value;
    }
    if (currentValue < bestValue) {
      best = *current;
      bestValue = currentValue;
      sinceImprovement = 0;
    } else if (++sinceImprovement > patience) {
      sinceImprovement = 0;
      // Restart: mostly from the best, sometimes from anywhere.
      if (random() % 4 == 0 && !start) {
        MapPoint restart = fresh();
        if (std::optional<double> v = cost(restart)) {
          current = restart;
          currentValue = *v;
          continue;
        }
      }
      current = best;
      currentValue = bestValue;
    }
  }
  return std::make_pair(std::move(best), bestValue);
}

namespace {
class AnnealingMapper : public Mapper {
public:
  llvm::StringRef getName() const override { return "annealing"; }
  llvm::StringRef getDescription() const override {
    return "simulated annealing with local moves and restarts";
  }

  SearchResult search(const ConstrainedMapSpace &space,
                      const MappingEvaluator &evaluator,
                      const SearchOptions &options) const override {
    uint64_t share = getStreamBudget(options);
    return runThreads(
        space, evaluator, options, [&](unsigned stream, ThreadSearch &search) {
          std::mt19937_64 random(options.seed * 0x9E3779B97F4A7C15ull + 1000 +
                                 stream);
          while (!search.stopped()) {
            uint64_t before = search.getCalls();
            anneal(space, search, random, MoveScope(), std::nullopt, share);
            if (search.getCalls() == before && !search.stopped()) {
              search.stats.stopReason = kNothingNewToCost;
              break;
            }
          }
        });
  }
};
} // namespace

namespace mlir::union_ {
std::unique_ptr<Mapper> createAnnealingMapper() {
  return std::make_unique<AnnealingMapper>();
}
} // namespace mlir::union_
