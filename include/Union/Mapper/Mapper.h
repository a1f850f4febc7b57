//===- Mapper.h - Searching a map space for the best mapping ----*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A mapper searches a (pruned) map space with a cost model's evaluator and
// returns the best mappings found and typed statistics. Mappers are made by
// factories registered by name in a MapperRegistry (see PluginRegistry.h).
// A mapper cuts its work into a fixed number of streams, each with an equal
// share of the evaluation budget and a random stream derived from the seed,
// and runs them on up to `threads` threads. Results merge by (objective,
// mapping hash), so for a given seed and stream count the result is the
// same on any number of threads whenever the evaluation budget (not the
// wall-clock budget) ends the search.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_MAPPER_MAPPER_H
#define UNION_MAPPER_MAPPER_H

#include "Union/CostModel/CostModel.h"
#include "Union/MapSpace/ConstrainedMapSpace.h"

#include <map>
#include <memory>

namespace mlir::union_ {

enum class Objective { Latency, Energy, EDP };
const char *stringifyObjective(Objective objective);
std::optional<Objective> parseObjective(llvm::StringRef name);
/// The value a search minimises.
double getObjectiveValue(Objective objective, const Cost &cost);

struct SearchOptions {
  Objective objective = Objective::EDP;
  /// Evaluations (0: no limit other than the space).
  uint64_t evaluationBudget = 20000;
  /// Wall-clock seconds (0: no limit).
  double timeBudget = 0;
  uint64_t seed = 1;
  /// Threads the streams run on (at most `streams` are busy).
  unsigned threads = 1;
  /// Independent parts of the search; the result depends on them, never
  /// on `threads` (four: in bench/mappers.py the decoupled mapper is within
  /// 2% of the optimum on 73/72/72 of 73 layers with four, 72/71/72 with
  /// two).
  unsigned streams = 4;
  /// How many of the best mappings to return.
  unsigned topK = 1;
};

/// The number of streams `options` asks for (at least 1).
unsigned getNumStreams(const SearchOptions &options);
/// Each stream's share of the evaluation budget (0: no limit).
uint64_t getStreamBudget(const SearchOptions &options);

struct RankedMapping {
  MapPoint point;
  uint64_t key = 0; ///< hashPoint(point): ties break on it
  Cost cost;
  double objective = 0;
};

struct SearchStats {
  uint64_t evaluated = 0; ///< points costed successfully
  /// Points the model could not cost, by failure kind and reason.
  std::map<std::string, uint64_t> rejected;
  /// Points skipped by a bound without costing them.
  uint64_t bounded = 0;
  /// (seconds since the start, best objective) whenever the best improved.
  std::vector<std::pair<double, double>> bestOverTime;
  double seconds = 0;
  bool exhausted = false; ///< every point of the space was considered
  bool timedOut = false;  ///< the wall-clock budget ended the search
  /// Why a search stopped before its budget, when it did (e.g. every
  /// point it could reach was costed).
  std::string stopReason;
  uint64_t getRejectedCount() const;
};

struct SearchResult {
  std::vector<RankedMapping> best; ///< best first, at most topK
  SearchStats stats;
};

class Mapper {
public:
  virtual ~Mapper();
  virtual llvm::StringRef getName() const = 0;
  virtual llvm::StringRef getDescription() const = 0;
  virtual SearchResult search(const ConstrainedMapSpace &space,
                              const MappingEvaluator &evaluator,
                              const SearchOptions &options) const = 0;
};

inline constexpr char kMapperNoun[] = "mapper";
/// The mappers a compiler offers, by name. A factory makes a mapper
/// configured by the `key=value` pairs of the passes' `mapper-options`.
using MapperRegistry = FactoryRegistry<Mapper, kMapperNoun>;
using MapperFactory = MapperRegistry::Factory;

/// Adds exhaustive, random, annealing, decoupled and timeloop.
llvm::Error registerBuiltinMappers(MapperRegistry &registry);

} // namespace mlir::union_

#endif // UNION_MAPPER_MAPPER_H
