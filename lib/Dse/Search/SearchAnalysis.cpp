//===- SearchAnalysis.cpp - Designs costed by searching mappings ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/SearchAnalysis.h"

#include "Union/Arch/ArchitectureSpec.h"
#include "Union/CostModel/CostModel.h"
#include "Union/Dialect/Union/IR/ArchitectureConversion.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"
#include "Union/Mapper/Mapper.h"
#include "Union/Pipeline/Registration.h"
#include "Union/Target/MaestroTranslation.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <mutex>

using namespace mlir;
using namespace mlir::union_;
using namespace mlir::union_::dse;

struct SearchAnalysis::Impl {
  MLIRContext context;
  OwningOpRef<ModuleOp> module;
  std::vector<ComputeOp> ops;
  SearchChoice choice;
  Objective objective = Objective::EDP;
  std::unique_ptr<Mapper> mapper;
  std::unique_ptr<CostModel> model;
  /// Diagnostics from many threads; the last one explains a failure.
  mutable std::mutex diagnosticsMutex;
  mutable std::string lastDiagnostic;

  Impl(DialectRegistry &registry) : context(registry) {}
};

SearchAnalysis::SearchAnalysis(std::unique_ptr<Impl> impl)
    : impl(std::move(impl)) {}
SearchAnalysis::~SearchAnalysis() = default;

llvm::Expected<std::unique_ptr<SearchAnalysis>>
SearchAnalysis::create(llvm::StringRef path, llvm::StringRef opLabel,
                       const SearchChoice &choice) {
  DialectRegistry registry;
  if (llvm::Error e = registerUnion(registry))
    return std::move(e);
  registry.insert<UnionDialect, func::FuncDialect, arith::ArithDialect,
                  tensor::TensorDialect, linalg::LinalgDialect,
                  math::MathDialect>();
  auto impl = std::make_unique<Impl>(registry);
  impl->context.loadAllAvailableDialects();
  impl->choice = choice;
  const PluginRegistry *plugins = getPluginRegistry(&impl->context);
  auto mapper = plugins->mappers.create(choice.mapper);
  if (!mapper)
    return llvm::createStringError("search.mapper: " +
                                   llvm::toString(mapper.takeError()));
  impl->mapper = std::move(*mapper);
  std::optional<Objective> objective = parseObjective(choice.objective);
  if (!objective)
    return llvm::createStringError("search.objective: unknown objective '" +
                                   choice.objective +
                                   "' (available: latency, energy, edp)");
  impl->objective = *objective;
  auto model = plugins->costModels.create(choice.costModel);
  if (!model)
    return llvm::createStringError("search.cost_model: " +
                                   llvm::toString(model.takeError()));
  impl->model = std::move(*model);

  Impl *state = impl.get();
  impl->context.getDiagEngine().registerHandler([state](Diagnostic &d) {
    std::lock_guard<std::mutex> lock(state->diagnosticsMutex);
    state->lastDiagnostic = d.str();
    return success();
  });
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError("cannot read workload '" + path.str() +
                                   "': " + buffer.getError().message());
  if (path.ends_with(".mlir")) {
    llvm::SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
    impl->module = parseSourceFile<ModuleOp>(sourceMgr, &impl->context);
  } else {
    impl->module =
        importMaestroMapping((*buffer)->getBuffer(), path, &impl->context);
  }
  if (!impl->module)
    return llvm::createStringError("cannot read workload '" + path.str() +
                                   "': " + impl->lastDiagnostic);
  impl->module->walk([&](ComputeOp op) {
    std::string label = getOpLabel(op, "");
    if (opLabel.empty() || label == opLabel)
      impl->ops.push_back(op);
  });
  if (impl->ops.empty())
    return llvm::createStringError("no layer to search in '" + path.str() +
                                   "'");
  return std::unique_ptr<SearchAnalysis>(new SearchAnalysis(std::move(impl)));
}

WorkloadFigures SearchAnalysis::analyze(const Design &design) const {
  WorkloadFigures figures;
  const maestro::Hardware &hw = design.hardware;
  ArchitectureSpec spec;
  spec.name = "design";
  auto storage = [](const char *name, int64_t capacity, double energy,
                    double bandwidth) {
    LevelSpec level;
    level.name = name;
    level.capacity = capacity;
    level.readEnergy = level.writeEnergy = energy;
    level.readBandwidth = bandwidth;
    return level;
  };
  // MAESTRO's energies (1 MAC = 1), so costs compare with energy_total.
  spec.levels.push_back(storage("DRAM", 0, 0, double(hw.offchipBandwidth)));
  spec.levels.push_back(storage("L2", design.l2Size, 18.61, 0));
  LevelSpec noc;
  noc.kind = LevelKind::Network;
  noc.name = "NoC";
  noc.fanout = hw.numPes;
  noc.bandwidth = double(hw.nocBandwidth);
  noc.latency = hw.nocLatency;
  spec.levels.push_back(noc);
  spec.levels.push_back(storage("L1", design.l1Size, 1.68, 0));
  LevelSpec mac;
  mac.kind = LevelKind::Compute;
  mac.name = "MAC";
  mac.vectorWidth = hw.simdLanes;
  mac.macEnergy = 1;
  spec.levels.push_back(mac);
  if (llvm::Error error = validateArchitecture(spec)) {
    figures.failure = llvm::toString(std::move(error));
    return figures;
  }
  ArchitectureAttr arch = getArchitectureAttr(&impl->context, spec);

  for (ComputeOp original : impl->ops) {
    auto op = cast<ComputeOp>(original->clone());
    // Destroyed however this iteration ends.
    struct Drop {
      Operation *op;
      ~Drop() { op->destroy(); }
    } drop{op};
    op.setArchAttr(arch);
    op.removeDataflowAttr();
    std::string label = getOpLabel(op, "op");
    auto explain = [&](const std::string &what) {
      std::lock_guard<std::mutex> lock(impl->diagnosticsMutex);
      figures.failure =
          "layer '" + label + "': " + what +
          (impl->lastDiagnostic.empty() ? std::string()
                                        : " (" + impl->lastDiagnostic + ")");
      return figures;
    };
    FailureOr<OpSpace> space = getOpSpace(op);
    if (failed(space))
      return explain("no map space");
    auto created =
        impl->model->getMappingEvaluator(op, space->problem, space->levels);
    if (!created)
      return explain("the maestro cost model cannot cost it: " +
                     llvm::toString(created.takeError()));
    std::unique_ptr<MappingEvaluator> evaluator = std::move(*created);
    std::vector<Constraint> constraints =
        getHardwareConstraints(space->problem, space->levels);
    for (const Constraint &c : evaluator->getSearchConstraints())
      constraints.push_back(c);
    auto built =
        ConstrainedMapSpace::build(space->problem, space->levels, constraints);
    if (!built)
      return explain(llvm::toString(built.takeError()));
    std::unique_ptr<ConstrainedMapSpace> mapSpace = std::move(*built);
    if (mapSpace->size() && *mapSpace->size() == 0)
      return explain("no mapping fits the design");
    if (!mapSpace->size() && impl->mapper->getName() == "exhaustive")
      return explain("the map space is too large to enumerate");
    SearchOptions options;
    options.objective = impl->objective;
    options.evaluationBudget = impl->choice.budget;
    options.seed = impl->choice.seed;
    // Designs run in parallel, so each search runs on one thread (its
    // default streams, as union-search's).
    options.threads = 1;
    SearchResult result = impl->mapper->search(*mapSpace, *evaluator, options);
    if (result.best.empty())
      return explain("the mapper costed no mapping");
    const Cost &cost = result.best.front().cost;
    if (__builtin_add_overflow(figures.latency, cost.cycles, &figures.latency))
      return explain("the workload's latency exceeds 64-bit integers");
    figures.energy += cost.energy;
    for (const auto &[name, value] : cost.breakdown) {
      if (name == "l1_size_req")
        figures.l1Required = std::max(figures.l1Required, int64_t(value));
      if (name == "l2_size_req")
        figures.l2Required = std::max(figures.l2Required, int64_t(value));
    }
  }
  figures.mapped = true;
  return figures;
}
