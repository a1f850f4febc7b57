//===- ExhaustiveMapper.cpp - Every point, with branch and bound ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Visits every point of the pruned space (stream s takes the s-th
// contiguous block of indices). When the cost model bounds a point from
// below and the bound cannot beat the stream's k-th best, the point is
// skipped without costing it; a valid bound never drops the optimum.
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/SearchState.h"

using namespace mlir::union_;

namespace {
class ExhaustiveMapper : public Mapper {
public:
  llvm::StringRef getName() const override { return "exhaustive"; }
  llvm::StringRef getDescription() const override {
    return "every point of the pruned space, with branch and bound";
  }

  SearchResult search(const ConstrainedMapSpace &space,
                      const MappingEvaluator &evaluator,
                      const SearchOptions &options) const override {
    // A space too large to count cannot be enumerated; callers say so.
    if (!space.size())
      return {};
    MapIndex size = *space.size();
    unsigned streams = getNumStreams(options);
    std::vector<char> finished(streams, false);
    SearchResult result = runThreads(
        space, evaluator, options, [&](unsigned s, ThreadSearch &search) {
          MapIndex begin =
              size / streams * s + std::min<MapIndex>(s, size % streams);
          MapIndex end = begin + size / streams + (s < size % streams ? 1 : 0);
          for (MapIndex i = begin; i < end; ++i) {
            MapPoint point = space.point(i);
            std::optional<Cost> bound;
            if (search.top.size() >= options.topK &&
                (bound = evaluator.getLowerBound(point)) &&
                getObjectiveValue(options.objective, *bound) >
                    search.top.back().objective) {
              search.skip();
              if (search.stopped())
                return;
              continue;
            }
            search.evaluate(point);
            if (search.stopped())
              return;
          }
          finished[s] = true;
        });
    result.stats.exhausted =
        std::all_of(finished.begin(), finished.end(), [](char f) { return f; });
    return result;
  }
};
} // namespace

namespace mlir::union_ {
std::unique_ptr<Mapper> createExhaustiveMapper() {
  return std::make_unique<ExhaustiveMapper>();
}
} // namespace mlir::union_
