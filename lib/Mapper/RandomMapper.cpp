//===- RandomMapper.cpp - Uniform samples of the pruned space -------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/SearchState.h"

using namespace mlir::union_;

namespace {
class RandomMapper : public Mapper {
public:
  llvm::StringRef getName() const override { return "random"; }
  llvm::StringRef getDescription() const override {
    return "uniform samples of the pruned space";
  }

  SearchResult search(const ConstrainedMapSpace &space,
                      const MappingEvaluator &evaluator,
                      const SearchOptions &options) const override {
    return runThreads(
        space, evaluator, options, [&](unsigned stream, ThreadSearch &search) {
          std::mt19937_64 random(options.seed * 0x9E3779B97F4A7C15ull + stream);
          while (!search.stopped())
            search.evaluate(space.sample(random));
        });
  }
};
} // namespace

namespace mlir::union_ {
std::unique_ptr<Mapper> createRandomMapper() {
  return std::make_unique<RandomMapper>();
}
} // namespace mlir::union_
