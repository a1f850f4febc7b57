//===- SearchState.cpp - Shared bookkeeping of a mapper's threads ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/SearchState.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

using namespace mlir::union_;

SearchBudget::SearchBudget(const SearchOptions &options)
    : timeLimit(options.timeBudget), start(std::chrono::steady_clock::now()) {}

double SearchBudget::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

bool SearchBudget::isTimeUp() {
  if (timeUp.load(std::memory_order_relaxed))
    return true;
  if (timeLimit > 0 && elapsed() >= timeLimit) {
    timeUp.store(true);
    return true;
  }
  return false;
}

bool SearchBudget::claim() { return !isTimeUp(); }

namespace {
bool ranksBefore(const RankedMapping &a, const RankedMapping &b) {
  return a.objective != b.objective ? a.objective < b.objective : a.key < b.key;
}
} // namespace

ThreadSearch::ThreadSearch(const ConstrainedMapSpace &,
                           const MappingEvaluator &evaluator,
                           const SearchOptions &options, SearchBudget &budget)
    : evaluator(evaluator), options(options), budget(budget) {}

double ThreadSearch::getBest() const {
  return top.empty() ? std::numeric_limits<double>::infinity()
                     : top.front().objective;
}

std::optional<double> ThreadSearch::evaluate(const MapPoint &point) {
  // Each stream owns an equal share of the evaluation budget, so which
  // points a stream sees depends neither on the others' speed nor on the
  // threads they run on.
  uint64_t evaluations = stats.evaluated + stats.getRejectedCount();
  uint64_t share = getStreamBudget(options);
  // The clock is read before every evaluation (tens of nanoseconds), so a
  // time limit holds however slow the cost model is.
  if ((share && evaluations >= share) || !budget.claim()) {
    isStopped = true;
    return std::nullopt;
  }
  llvm::Expected<Cost> cost = evaluator.evaluate(point);
  if (!cost) {
    ++stats.rejected[llvm::toString(cost.takeError())];
    return std::nullopt;
  }
  ++stats.evaluated;
  double value = getObjectiveValue(options.objective, *cost);
  RankedMapping ranked{point, hashPoint(point), std::move(*cost), value};
  bool improves = value < getBest();
  if (top.size() < options.topK || ranksBefore(ranked, top.back())) {
    auto it = std::upper_bound(top.begin(), top.end(), ranked, ranksBefore);
    top.insert(it, std::move(ranked));
    if (top.size() > options.topK)
      top.pop_back();
  }
  if (improves)
    stats.bestOverTime.push_back({budget.elapsed(), value});
  return value;
}

std::optional<double> ThreadSearch::evaluateOnce(const MapPoint &point,
                                                 bool &repeat) {
  uint64_t key = hashPoint(point);
  auto it = seen.find(key);
  repeat = it != seen.end();
  if (repeat) {
    if (std::isinf(it->second))
      return std::nullopt;
    return it->second;
  }
  std::optional<double> value = evaluate(point);
  // A point left uncosted because the budget ended is not remembered.
  if (!isStopped)
    seen[key] = value ? *value : std::numeric_limits<double>::infinity();
  return value;
}

SearchResult mlir::union_::runThreads(
    const ConstrainedMapSpace &space, const MappingEvaluator &evaluator,
    const SearchOptions &options,
    const std::function<void(unsigned, ThreadSearch &)> &body) {
  SearchBudget budget(options);
  unsigned streams = getNumStreams(options);
  unsigned threads = std::min(std::max(1u, options.threads), streams);
  std::vector<ThreadSearch> searches;
  searches.reserve(streams);
  for (unsigned s = 0; s < streams; ++s)
    searches.emplace_back(space, evaluator, options, budget);
  // Threads take the streams in turn; a stream's work depends only on its
  // index and the seed.
  std::atomic<unsigned> nextStream{0};
  auto worker = [&] {
    for (unsigned s; (s = nextStream.fetch_add(1)) < streams;)
      body(s, searches[s]);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(worker);
  worker();
  for (std::thread &thread : pool)
    thread.join();
  SearchResult result;
  std::vector<std::pair<double, double>> trace;
  for (ThreadSearch &search : searches) {
    result.stats.evaluated += search.stats.evaluated;
    result.stats.bounded += search.stats.bounded;
    if (result.stats.stopReason.empty())
      result.stats.stopReason = search.stats.stopReason;
    for (const auto &[reason, count] : search.stats.rejected)
      result.stats.rejected[reason] += count;
    result.best.insert(result.best.end(), search.top.begin(), search.top.end());
    trace.insert(trace.end(), search.stats.bestOverTime.begin(),
                 search.stats.bestOverTime.end());
  }
  std::sort(result.best.begin(), result.best.end(), ranksBefore);
  // A mapping found by two threads counts once.
  result.best.erase(
      std::unique(result.best.begin(), result.best.end(),
                  [](const RankedMapping &a, const RankedMapping &b) {
                    return a.key == b.key;
                  }),
      result.best.end());
  if (result.best.size() > options.topK)
    result.best.resize(options.topK);
  std::sort(trace.begin(), trace.end());
  double best = std::numeric_limits<double>::infinity();
  for (auto [seconds, value] : trace)
    if (value < best) {
      best = value;
      result.stats.bestOverTime.push_back({seconds, value});
    }
  result.stats.seconds = budget.elapsed();
  result.stats.timedOut = budget.timedOut();
  return result;
}
