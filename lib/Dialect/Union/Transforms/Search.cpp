//===- Search.cpp - Find each op's best mapping with a mapper -------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"
#include "Union/Dialect/Union/Transforms/Passes.h"
#include "Union/Dialect/Union/Transforms/PluginSupport.h"
#include "Union/Mapper/Mapper.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONSEARCH
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {

struct SearchPass : mlir::union_::impl::UnionSearchBase<SearchPass> {
  using Base::Base;

  /// Checks the options; emits an error and fails when one is bad.
  LogicalResult checkOptions(std::unique_ptr<Mapper> &found,
                             std::unique_ptr<CostModel> &model,
                             SearchOptions &options) {
    Location loc = getOperation()->getLoc();
    FailureOr<std::unique_ptr<Mapper>> createdMapper =
        createMapper(getOperation(), "union-search", mapper, mapperOptions);
    if (failed(createdMapper))
      return failure();
    found = std::move(*createdMapper);
    FailureOr<std::unique_ptr<CostModel>> createdModel = createCostModel(
        getOperation(), "union-search", costModel, costModelOptions);
    if (failed(createdModel))
      return failure();
    model = std::move(*createdModel);
    std::optional<Objective> parsed = parseObjective(objective);
    if (!parsed)
      return emitError(loc, "union-search: unknown objective '")
             << objective << "' (available: latency, energy, edp)";
    if (budget == 0 && timeLimit <= 0 && mapper != "exhaustive")
      return emitError(loc, "union-search: mapper '")
             << mapper
             << "' needs a budget: give budget=N evaluations or "
                "time-limit=SECONDS";
    if (timeLimit < 0)
      return emitError(loc, "union-search: time-limit must not be negative");
    if (threads == 0 || threads > 256)
      return emitError(loc, "union-search: threads must be 1 to 256, got ")
             << unsigned(threads);
    if (streams == 0 || streams > 1024)
      return emitError(loc, "union-search: streams must be 1 to 1024, got ")
             << unsigned(streams);
    if (topK == 0)
      return emitError(loc, "union-search: top-k must be at least 1");
    options.objective = *parsed;
    options.evaluationBudget = budget;
    options.timeBudget = timeLimit;
    options.seed = seed;
    options.threads = threads;
    options.streams = streams;
    options.topK = topK;
    return success();
  }

  void runOnOperation() override {
    std::unique_ptr<Mapper> found;
    std::unique_ptr<CostModel> model;
    SearchOptions options;
    if (failed(checkOptions(found, model, options)))
      return signalPassFailure();

    SmallVector<MappableOpInterface> ops;
    getOperation()->walk([&](MappableOpInterface op) { ops.push_back(op); });
    bool progress = llvm::errs().is_displayed();
    bool failedAny = false;
    // Ops with the same problem, architecture and constraints (repeated
    // layers) share one search.
    llvm::DenseMap<std::tuple<Attribute, Attribute, Attribute>,
                   MappableOpInterface>
        searched;
    for (auto [i, op] : llvm::enumerate(ops)) {
      if (progress)
        llvm::errs() << llvm::formatv("\runion-search: {0}/{1} {2,-24}", i + 1,
                                      ops.size(), getOpLabel(op));
      auto key = std::make_tuple(Attribute(op.getProblemAttr()),
                                 Attribute(op.getArchAttr()),
                                 op->getAttr(kConstraintsAttrName));
      auto it = searched.find(key);
      if (it != searched.end()) {
        if (auto reason =
                it->second->getAttrOfType<StringAttr>(kUnmappedAttrName)) {
          if (failed(leaveUnmapped(op, reason.getValue())))
            failedAny = true;
          continue;
        }
        for (StringRef name :
             {StringRef("mapping"), StringRef("cost"),
              StringRef(kCostsAttrName), StringRef("union.search")})
          if (Attribute value = it->second->getAttr(name))
            op->setAttr(name, value);
        continue;
      }
      // Pruning emptied its space: that is why it has no mapping.
      if (auto reason = op->getAttrOfType<StringAttr>(kUnmappedAttrName);
          reason && reason.getValue().starts_with(kEmptySpaceReasonPrefix)) {
        if (failed(leaveUnmapped(op, reason.getValue())))
          failedAny = true;
        continue;
      }
      op->removeAttr(kUnmappedAttrName);
      FailureOr<bool> mapped = searchOp(op, found.get(), model.get(), options);
      if (failed(mapped) || (!*mapped && strict))
        failedAny = true;
      if (succeeded(mapped))
        searched[key] = op;
    }
    if (progress)
      llvm::errs() << "\r" << std::string(60, ' ') << "\r";
    if (failedAny)
      signalPassFailure();
  }

  /// Records why `op` has no mapping (without naming it: repeated layers
  /// share the reason); a warning (the rest of the network is still worth
  /// costing), or an error when strict.
  LogicalResult leaveUnmapped(MappableOpInterface op, StringRef reason) {
    op->setAttr(kUnmappedAttrName, StringAttr::get(&getContext(), reason));
    if (strict) {
      op.emitError("union-search: '")
          << getOpLabel(op) << "' cannot be mapped: " << reason;
      return failure();
    }
    op.emitWarning("union-search: '")
        << getOpLabel(op) << "' left without a mapping: " << reason;
    return success();
  }

  /// Whether `op` got a mapping; failure for errors in the IR.
  FailureOr<bool> searchOp(MappableOpInterface op, const Mapper *found,
                           const CostModel *model,
                           const SearchOptions &options) {
    FailureOr<OpSpace> space = getOpSpace(op);
    if (failed(space))
      return failure();
    auto unmapped = [&](const Twine &reason) -> FailureOr<bool> {
      (void)leaveUnmapped(op, reason.str());
      return false;
    };
    auto createdEvaluator =
        model->getMappingEvaluator(op, space->problem, space->levels);
    if (!createdEvaluator)
      return unmapped("cost model '" + model->getName() + "' cannot cost it: " +
                      llvm::toString(createdEvaluator.takeError()));
    std::unique_ptr<MappingEvaluator> evaluator = std::move(*createdEvaluator);
    // The model's own constraints narrow the search, not the recorded
    // space.
    std::vector<Constraint> constraints = space->constraints;
    for (const Constraint &c : evaluator->getSearchConstraints())
      constraints.push_back(c);
    auto builtSpace =
        ConstrainedMapSpace::build(space->problem, space->levels, constraints);
    if (!builtSpace)
      return unmapped("cannot build its map space: " +
                      llvm::toString(builtSpace.takeError()));
    std::unique_ptr<ConstrainedMapSpace> mapSpace = std::move(*builtSpace);
    std::optional<MapIndex> size = mapSpace->size();
    // Spaces too large to count are still sampled and walked; only
    // enumerating them is out of reach.
    if (!size && found->getName() == "exhaustive")
      return unmapped(
          "its map space has about " +
          llvm::formatv("{0:e2}", mapSpace->approximateSize()).str() +
          " points, too many to enumerate; prune it first (union-prune-hw, "
          "union-prune-workload) or use another mapper");
    if (size && *size == 0)
      return unmapped("no mapping satisfies its constraints together with "
                      "the search constraints of cost model '" +
                      model->getName() + "': " +
                      explainEmptySpace(space->problem, space->levels,
                                        space->constraints,
                                        evaluator->getSearchConstraints()));
    SearchResult result = found->search(*mapSpace, *evaluator, options);
    if (result.best.empty()) {
      std::string reason;
      llvm::raw_string_ostream os(reason);
      os << found->getName() << " costed no mapping (" << result.stats.evaluated
         << " evaluated";
      for (const auto &[why, count] : result.stats.rejected)
        os << "; " << count << " rejected: " << why;
      os << ")";
      return unmapped(reason);
    }
    const RankedMapping &best = result.best.front();
    MLIRContext *context = &getContext();
    op.setMappingAttr(
        getMappingAttr(context, best.point, space->problem, space->levels));
    CostAttr cost = best.cost.toAttr(context, model->getName());
    op.setCostAttr(cost);
    // Costs of an earlier mapping no longer hold.
    op->setAttr(
        kCostsAttrName,
        DictionaryAttr::get(context, {NamedAttribute(cost.getModel(), cost)}));
    op->setAttr("union.search",
                getStatsAttr(context, found, model, options,
                             size.value_or(kUncounted), result, *space));
    return true;
  }

  DictionaryAttr getStatsAttr(MLIRContext *context, const Mapper *found,
                              const CostModel *model,
                              const SearchOptions &options, MapIndex size,
                              const SearchResult &result,
                              const OpSpace &space) {
    Builder b(context);
    const SearchStats &stats = result.stats;
    SmallVector<NamedAttribute> entries;
    auto add = [&](StringRef name, Attribute value) {
      entries.push_back(b.getNamedAttr(name, value));
    };
    add("mapper", b.getStringAttr(found->getName()));
    add("cost_model", b.getStringAttr(model->getName()));
    add("objective", b.getStringAttr(stringifyObjective(options.objective)));
    add("space", b.getStringAttr(toString(size)));
    add("evaluated", b.getI64IntegerAttr(stats.evaluated));
    add("rejected", b.getI64IntegerAttr(stats.getRejectedCount()));
    add("bounded", b.getI64IntegerAttr(stats.bounded));
    add("exhausted", b.getBoolAttr(stats.exhausted));
    add("timed_out", b.getBoolAttr(stats.timedOut));
    if (!stats.stopReason.empty())
      add("stopped", b.getStringAttr(stats.stopReason));
    add("seconds", b.getF64FloatAttr(stats.seconds));
    add("seed", b.getI64IntegerAttr(options.seed));
    add("threads", b.getI64IntegerAttr(options.threads));
    add("streams", b.getI64IntegerAttr(options.streams));
    SmallVector<Attribute> reasons;
    for (const auto &[reason, count] : stats.rejected)
      reasons.push_back(b.getDictionaryAttr(
          {b.getNamedAttr("reason", b.getStringAttr(reason)),
           b.getNamedAttr("count", b.getI64IntegerAttr(count))}));
    add("rejections", b.getArrayAttr(reasons));
    SmallVector<Attribute> trace;
    for (auto [seconds, value] : stats.bestOverTime)
      trace.push_back(b.getArrayAttr(
          {b.getF64FloatAttr(seconds), b.getF64FloatAttr(value)}));
    add("best_over_time", b.getArrayAttr(trace));
    SmallVector<Attribute> top;
    for (const RankedMapping &ranked : result.best)
      top.push_back(b.getDictionaryAttr(
          {b.getNamedAttr("objective", b.getF64FloatAttr(ranked.objective)),
           b.getNamedAttr("mapping",
                          getMappingAttr(context, ranked.point, space.problem,
                                         space.levels))}));
    add("top", b.getArrayAttr(top));
    return b.getDictionaryAttr(entries);
  }
};

} // namespace
