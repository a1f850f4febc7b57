//===- DecoupledMapper.cpp - Off-chip tiling first, then on-chip ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// In the spirit of Marvel: the off-chip part of a mapping (the tile the
// array's buffer holds, i.e. how the problem is cut for the accelerator)
// and the on-chip part (spatial factors, the PEs' tiles and the loop
// orders) are searched one after the other. Phase 1 samples the space
// uniformly (20% of the budget, no point twice) and ranks off-chip tilings by
// the best mapping seen with each; phase 2 anneals the on-chip part of the best
// few with their off-chip tiling held fixed (moves never change the array
// buffer's tile), halving the candidates after each round; a joint polish of
// the best spends what is left of the budget.
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/Annealing.h"

#include <algorithm>
#include <map>

using namespace mlir::union_;

namespace {

/// The storage level that fans out to the most instances (the PE array's
/// buffer), or the innermost level.
unsigned getArrayLevel(const std::vector<SpaceLevel> &levels) {
  unsigned best = levels.size() - 1;
  int64_t fanout = 1;
  for (unsigned l = 0; l + 1 < levels.size(); ++l)
    if (levels[l].fanoutBelow > fanout) {
      fanout = levels[l].fanoutBelow;
      best = l;
    }
  return best;
}

/// The polish refines the best mapping phase 2 found: it starts cool, so
/// it accepts only small losses and stays near that mapping. Starting as
/// hot as a fresh walk, it wandered off and found fewer optima (see
/// docs/Search.md, "Quality and speed"). Walks from fresh samples start
/// hot.
constexpr double kPolishTemperature = 0.05, kWalkTemperature = 0.5;

class DecoupledMapper : public Mapper {
public:
  llvm::StringRef getName() const override { return "decoupled"; }
  llvm::StringRef getDescription() const override {
    return "off-chip tiling first, then the on-chip dataflow (Marvel-like)";
  }

  SearchResult search(const ConstrainedMapSpace &space,
                      const MappingEvaluator &evaluator,
                      const SearchOptions &options) const override {
    const std::vector<SpaceLevel> &levels = space.getLevels();
    unsigned array = getArrayLevel(levels);
    uint64_t share = options.evaluationBudget ? getStreamBudget(options) : 2000;
    // On-chip moves: temporal and spatial factors at the array buffer and
    // below (moving a factor among them keeps the buffer's tile), every
    // order, bypass.
    MoveScope onChip;
    onChip.temporalLevels = ~((uint64_t(1) << array) - 1);
    onChip.spatialLevels = ~((uint64_t(1) << array) - 1);
    return runThreads(
        space, evaluator, options, [&](unsigned stream, ThreadSearch &search) {
          std::mt19937_64 random(options.seed * 0x9E3779B97F4A7C15ull + 2000 +
                                 stream);
          // Phase 1: rank off-chip tilings by their best sampled mapping.
          std::map<std::vector<int64_t>, std::pair<double, MapPoint>> tilings;
          uint64_t samples = std::max<uint64_t>(1, share / 5);
          // Samples already costed are not drawn again (small spaces would
          // otherwise spend the phase on repeats).
          for (uint64_t i = 0, draws = 0;
               i < samples && draws < 20 * samples && !search.stopped();
               ++draws) {
            MapPoint point = space.sample(random);
            bool repeat = false;
            std::optional<double> value = search.evaluateOnce(point, repeat);
            if (repeat)
              continue;
            ++i;
            if (!value)
              continue;
            std::vector<int64_t> tile = getTiles(point)[array];
            auto it = tilings.find(tile);
            if (it == tilings.end() || *value < it->second.first)
              tilings[tile] = {*value, std::move(point)};
          }
          std::vector<std::pair<double, MapPoint>> ranked;
          for (auto &entry : tilings)
            ranked.push_back(entry.second);
          std::sort(ranked.begin(), ranked.end(),
                    [](const auto &a, const auto &b) {
                      return a.first != b.first
                                 ? a.first < b.first
                                 : hashPoint(a.second) < hashPoint(b.second);
                    });
          // Phase 2: the on-chip dataflow of the best tilings, halving the
          // candidates after each round (successive halving).
          std::vector<std::pair<double, MapPoint>> candidates(
              ranked.begin(),
              ranked.begin() + std::min<size_t>(8, ranked.size()));
          uint64_t onChipBudget = share * 2 / 5;
          unsigned rounds = 0;
          for (size_t n = candidates.size(); n > 1; n /= 2)
            ++rounds;
          uint64_t perRound = onChipBudget / std::max(1u, rounds + 1);
          while (!candidates.empty() && !search.stopped()) {
            uint64_t steps =
                std::max<uint64_t>(1, perRound / candidates.size());
            for (auto &[value, point] : candidates) {
              if (search.stopped())
                break;
              auto walked = anneal(space, search, random, onChip, point, steps);
              if (walked && walked->second < value) {
                value = walked->second;
                point = std::move(walked->first);
              }
            }
            std::stable_sort(
                candidates.begin(), candidates.end(),
                [](const auto &a, const auto &b) { return a.first < b.first; });
            if (candidates.size() == 1)
              break;
            candidates.resize(candidates.size() / 2);
          }
          // Phase 3: a joint polish of the best mapping with the rest of
          // the budget; when its neighbourhood is spent, walks from fresh
          // samples (with restarts) use what is left.
          std::optional<MapPoint> start;
          if (!candidates.empty())
            start = candidates.front().second;
          while (!search.stopped()) {
            uint64_t before = search.getCalls();
            // No evaluation budget (a time limit): walks of the usual
            // length until the time is up.
            uint64_t left = !options.evaluationBudget ? share
                            : share > before          ? share - before
                                                      : 1;
            anneal(space, search, random, MoveScope(), start, left,
                   start ? kPolishTemperature : kWalkTemperature);
            if (search.getCalls() == before && !start && !search.stopped()) {
              search.stats.stopReason = kNothingNewToCost;
              break;
            }
            start.reset();
          }
        });
  }
};
} // namespace

namespace mlir::union_ {
std::unique_ptr<Mapper> createDecoupledMapper() {
  return std::make_unique<DecoupledMapper>();
}
} // namespace mlir::union_
