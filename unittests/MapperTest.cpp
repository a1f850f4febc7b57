//===- MapperTest.cpp - Mappers against the whole space -------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The exhaustive mapper (with branch and bound) finds the true optimum,
// found here by costing every point of the space directly; every mapper is
// deterministic for a seed and a thread count; a time budget ends a search
// on time.
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/Mapper.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"
#include "Union/Mapper/PluginRegistry.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

const char *kArch = R"mlir(#union.arch<name = "small", levels = [
    #union.storage<name = "DRAM", read_bandwidth = 16.0>,
    #union.storage<name = "L2", capacity = 65536>,
    #union.network<name = "NoC", fanout = 16, mesh_x = 4, bandwidth = 16.0,
                   latency = 1>,
    #union.storage<name = "L1", capacity = 256>,
    #union.compute<name = "MAC">]>)mlir";

/// An op, its space with the hardware's, the workload's and the cost
/// model's search constraints, and the MAESTRO evaluator.
struct Fixture {
  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  OpSpace space;
  std::unique_ptr<ConstrainedMapSpace> mapSpace;
  std::unique_ptr<MappingEvaluator> evaluator;

  explicit Fixture(const std::string &problem) {
    context.loadDialect<UnionDialect>();
    module = parseSourceString<ModuleOp>(
        "union.compute \"layer\" : () -> () attributes {arch = " +
            std::string(kArch) + ", problem = " + problem + "} {}",
        &context);
    ComputeOp op = *module->getOps<ComputeOp>().begin();
    space = *getOpSpace(op);
    cantFail(registerBuiltinPlugins(plugins));
    evaluator =
        cantFail(cantFail(plugins.costModels.create("maestro"))
                     ->getMappingEvaluator(op, space.problem, space.levels));
    std::vector<Constraint> constraints =
        getHardwareConstraints(space.problem, space.levels);
    for (const Constraint &c : getWorkloadConstraints())
      constraints.push_back(c);
    for (const Constraint &c : evaluator->getSearchConstraints())
      constraints.push_back(c);
    mapSpace = cantFail(
        ConstrainedMapSpace::build(space.problem, space.levels, constraints));
  }

  SearchResult search(llvm::StringRef mapper, SearchOptions options) {
    return cantFail(plugins.mappers.create(mapper))
        ->search(*mapSpace, *evaluator, options);
  }

  PluginRegistry plugins;
};

const char *kGemm = "#union.problem<dims = [m = 4, n = 6, k = 8], tensors = "
                    "[A[m, k] : read bits = 16, B[k, n] : read bits = 16, "
                    "C[m, n] : readwrite bits = 16]>";
const char *kConv = "#union.problem<dims = [k = 4, c = 2, p = 6, q = 2, r = 3, "
                    "s = 1], tensors = [input[c, p + r, q + s] : read bits = "
                    "16, weight[k, c, r, s] : read bits = 16, output[k, p, "
                    "q] : readwrite bits = 16]>";

TEST(Mapper, ExhaustiveFindsTheTrueOptimum) {
  for (const char *problem : {kGemm, kConv}) {
    Fixture f(problem);
    uint64_t size = uint64_t(*f.mapSpace->size());
    ASSERT_GT(size, 0u);
    ASSERT_LT(size, 400000u) << "keep the direct enumeration quick";
    for (Objective objective :
         {Objective::Latency, Objective::Energy, Objective::EDP}) {
      SCOPED_TRACE(stringifyObjective(objective));
      // The optimum by costing every point directly.
      double optimum = std::numeric_limits<double>::infinity();
      for (uint64_t i = 0; i < size; ++i) {
        llvm::Expected<Cost> cost = f.evaluator->evaluate(f.mapSpace->point(i));
        if (cost)
          optimum = std::min(optimum, getObjectiveValue(objective, *cost));
        else
          llvm::consumeError(cost.takeError());
      }
      SearchOptions options;
      options.objective = objective;
      options.evaluationBudget = 0;
      options.threads = 2;
      SearchResult result = f.search("exhaustive", options);
      ASSERT_FALSE(result.best.empty());
      EXPECT_TRUE(result.stats.exhausted);
      EXPECT_EQ(result.best.front().objective, optimum);
      // Branch and bound skipped points, and every point is accounted for.
      EXPECT_EQ(result.stats.evaluated + result.stats.getRejectedCount() +
                    result.stats.bounded,
                size);
    }
  }
}

TEST(Mapper, SameSeedAndThreadsGiveTheSameResult) {
  Fixture f(kConv);
  for (const char *mapper : {"random", "annealing", "decoupled"}) {
    SCOPED_TRACE(mapper);
    SearchOptions options;
    options.evaluationBudget = 600;
    options.threads = 2;
    options.seed = 7;
    options.topK = 3;
    SearchResult first = f.search(mapper, options);
    SearchResult second = f.search(mapper, options);
    ASSERT_FALSE(first.best.empty());
    ASSERT_EQ(first.best.size(), second.best.size());
    for (size_t i = 0; i < first.best.size(); ++i) {
      EXPECT_EQ(first.best[i].key, second.best[i].key);
      EXPECT_EQ(first.best[i].objective, second.best[i].objective);
      EXPECT_TRUE(first.best[i].point == second.best[i].point);
    }
    EXPECT_EQ(first.stats.evaluated, second.stats.evaluated);
    EXPECT_EQ(first.stats.rejected, second.stats.rejected);
    EXPECT_LE(first.stats.evaluated + first.stats.getRejectedCount(), 600u);
    // Another seed explores other points.
    options.seed = 8;
    SearchResult other = f.search(mapper, options);
    EXPECT_FALSE(other.best.front().key == first.best.front().key &&
                 other.stats.bestOverTime == first.stats.bestOverTime);
  }
}

TEST(Mapper, AnyThreadCountGivesTheSameResult) {
  // The streams, not the threads, cut the work: 1, 2 and 5 threads (more
  // than the streams) give the same mappings, objectives and counts, for
  // every mapper, whatever the stream count.
  Fixture f(kConv);
  for (const char *mapper : {"random", "annealing", "decoupled", "exhaustive"})
    for (unsigned streams : {1u, 2u, 4u}) {
      SCOPED_TRACE(std::string(mapper) + " on " + std::to_string(streams) +
                   " streams");
      SearchOptions options;
      // The exhaustive mapper is cut off by the budget too, so where its
      // streams start matters.
      options.evaluationBudget = 400;
      options.seed = 3;
      options.topK = 4;
      options.streams = streams;
      options.threads = 1;
      SearchResult one = f.search(mapper, options);
      ASSERT_FALSE(one.best.empty());
      for (unsigned threads : {2u, 5u}) {
        options.threads = threads;
        SearchResult many = f.search(mapper, options);
        ASSERT_EQ(one.best.size(), many.best.size());
        for (size_t i = 0; i < one.best.size(); ++i) {
          EXPECT_EQ(one.best[i].key, many.best[i].key);
          EXPECT_EQ(one.best[i].objective, many.best[i].objective);
        }
        EXPECT_EQ(one.stats.evaluated, many.stats.evaluated);
        EXPECT_EQ(one.stats.rejected, many.stats.rejected);
        EXPECT_EQ(one.stats.bounded, many.stats.bounded);
      }
    }
}

TEST(Mapper, HeuristicsSpendTheirBudgetOrSayWhyNot) {
  // On a layer whose space is far larger than the budget, every stream
  // spends its share (points it already costed are looked up, not counted
  // again). On a space smaller than the budget, the search stops early and
  // says why.
  for (const char *mapper : {"annealing", "decoupled"}) {
    SCOPED_TRACE(mapper);
    Fixture big("#union.problem<dims = [k = 64, c = 64, p = 14, q = 14, "
                "r = 3, s = 3], tensors = [input[c, p + r, q + s] : read "
                "bits = 16, weight[k, c, r, s] : read bits = 16, output[k, "
                "p, q] : readwrite bits = 16]>");
    SearchOptions options;
    options.evaluationBudget = 1000;
    options.streams = 2;
    SearchResult result = big.search(mapper, options);
    ASSERT_GT(*big.mapSpace->size(), MapIndex(20 * 1000));
    EXPECT_EQ(result.stats.evaluated + result.stats.getRejectedCount(), 1000u);
    EXPECT_EQ(result.stats.stopReason, "");

    // A small GEMM: once its space is spent, walks propose only repeats,
    // and a larger space makes this test take minutes under ASan.
    Fixture small("#union.problem<dims = [m = 2, n = 3, k = 4], tensors = "
                  "[A[m, k] : read bits = 16, B[k, n] : read bits = 16, "
                  "C[m, n] : readwrite bits = 16]>");
    MapIndex size = *small.mapSpace->size();
    // Six times the space per stream: decoupled's sampling phase alone (a
    // fifth of it) draws more points than the space has.
    options.evaluationBudget = 12 * uint64_t(size);
    result = small.search(mapper, options);
    uint64_t calls = result.stats.evaluated + result.stats.getRejectedCount();
    // Each stream costs a point at most once, sampling included.
    EXPECT_LE(calls, 2 * uint64_t(size));
    EXPECT_NE(result.stats.stopReason.find("no new point"), std::string::npos)
        << result.stats.stopReason;
  }
}

TEST(Mapper, ATimeBudgetEndsTheSearchOnTime) {
  // A big layer, an unlimited evaluation budget and 0.3 s of time.
  Fixture f("#union.problem<dims = [k = 720, c = 720, p = 60, q = 60, r = 3, "
            "s = 3], tensors = [input[c, p + r, q + s] : read bits = 16, "
            "weight[k, c, r, s] : read bits = 16, output[k, p, q] : "
            "readwrite bits = 16]>");
  for (const char *mapper : {"random", "annealing", "exhaustive"}) {
    SCOPED_TRACE(mapper);
    SearchOptions options;
    options.evaluationBudget = 0;
    options.timeBudget = 0.3;
    options.threads = 2;
    SearchResult result = f.search(mapper, options);
    EXPECT_TRUE(result.stats.timedOut);
    EXPECT_FALSE(result.stats.exhausted);
    EXPECT_GE(result.stats.seconds, 0.3);
    EXPECT_LT(result.stats.seconds, 1.5);
    EXPECT_FALSE(result.best.empty());
  }
}

TEST(Mapper, RegistryListsTheBuiltins) {
  MapperRegistry registry;
  ASSERT_FALSE(llvm::errorToBool(registerBuiltinMappers(registry)));
  EXPECT_EQ(registry.getNames(),
            (std::vector<std::string>{"annealing", "decoupled", "exhaustive",
                                      "random", "timeloop"}));
  auto unknown = registry.create("gamma");
  ASSERT_FALSE(bool(unknown));
  EXPECT_EQ(llvm::toString(unknown.takeError()),
            "unknown mapper 'gamma' (available: annealing, decoupled, "
            "exhaustive, random, timeloop)");
  llvm::Error duplicate = registerBuiltinMappers(registry);
  ASSERT_TRUE(bool(duplicate));
  EXPECT_EQ(llvm::toString(std::move(duplicate)),
            "a mapper named 'exhaustive' is already registered");
  EXPECT_EQ(parseObjective("edp"), Objective::EDP);
  EXPECT_FALSE(parseObjective("throughput").has_value());
}

} // namespace
