//===- SearchState.h - Shared bookkeeping of a mapper's threads -*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Each search stream keeps its own top-k, counters and best-so-far trace
// (no locks in the hot loop); the budget is shared through atomics and
// the streams' results merge deterministically at the end.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_MAPPER_SEARCHSTATE_H
#define UNION_MAPPER_SEARCHSTATE_H

#include "Union/Mapper/Mapper.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <unordered_map>

namespace mlir::union_ {

class SearchBudget {
public:
  explicit SearchBudget(const SearchOptions &options);
  /// False when time is up (evaluation budgets are per stream, see
  /// ThreadSearch::evaluate).
  bool claim();
  bool isTimeUp();
  double elapsed() const;
  bool timedOut() const { return timeUp.load(); }

private:
  double timeLimit;
  std::chrono::steady_clock::time_point start;
  std::atomic<uint64_t> used{0};
  std::atomic<bool> timeUp{false};
};

/// One stream's view of a search (see runThreads).
class ThreadSearch {
public:
  ThreadSearch(const ConstrainedMapSpace &space,
               const MappingEvaluator &evaluator, const SearchOptions &options,
               SearchBudget &budget);
  /// Costs `point` within the budget. Returns its objective, or
  /// std::nullopt when the budget is spent (`stopped()`) or the model
  /// rejected it.
  std::optional<double> evaluate(const MapPoint &point);
  /// evaluate() through `seen`: a point this stream costed before is looked
  /// up (without budget; `repeat` says so) instead of costed again.
  std::optional<double> evaluateOnce(const MapPoint &point, bool &repeat);
  /// Records a point skipped by a bound.
  /// A point bounded away without costing it; stops the stream when the
  /// time limit has passed (skipping can go on for long).
  void skip() {
    ++stats.bounded;
    if ((stats.bounded & 1023) == 0 && !budget.claim())
      isStopped = true;
  }
  bool stopped() const { return isStopped; }
  /// Points handed to evaluate() that were costed or rejected.
  uint64_t getCalls() const {
    return stats.evaluated + stats.getRejectedCount();
  }
  double getBest() const;
  SearchStats stats;
  std::vector<RankedMapping> top;
  /// Objectives of the points this stream costed, by hashPoint (infinity
  /// for rejected ones): local searches look them up instead of spending
  /// budget on them again.
  std::unordered_map<uint64_t, double> seen;

private:
  const MappingEvaluator &evaluator;
  const SearchOptions &options;
  SearchBudget &budget;
  bool isStopped = false;
};

/// Runs `body(stream, search)` for every stream (getNumStreams) on up to
/// options.threads threads and merges their results: top-k by (objective,
/// key), counters summed, the best-so-far traces merged in time.
SearchResult
runThreads(const ConstrainedMapSpace &space, const MappingEvaluator &evaluator,
           const SearchOptions &options,
           const std::function<void(unsigned, ThreadSearch &)> &body);

} // namespace mlir::union_

#endif // UNION_MAPPER_SEARCHSTATE_H
