//===- CostModel.h - The cost-model interface and registry ------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A cost model turns a mappable op (its problem, architecture and mapping
// or dataflow) into a cost, or fails with a diagnostic at the op. Models
// are made by factories registered by name in a CostModelRegistry (see
// Mapper/PluginRegistry.h for how passes find it); passes select one with
// `cost-model=<name>` and hand it `cost-model-options="key=value ..."`.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_COSTMODEL_H
#define UNION_COSTMODEL_COSTMODEL_H

#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/MapSpace/Constraint.h"
#include "Union/MapSpace/SpaceModel.h"

#include "Union/Support/FactoryRegistry.h"

#include "llvm/Support/Error.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace mlir::union_ {

struct Cost {
  int64_t cycles = 0;
  int64_t macs = 0;
  double energy = 0;      ///< pJ, from the architecture's per-action energies
  double utilization = 0; ///< average fraction of MAC units busy
  /// Named figures (accesses, energies per component, requirements).
  std::vector<std::pair<std::string, double>> breakdown;
  /// What sets the cycles ("compute", "<level> bandwidth"); empty when the
  /// model does not say.
  std::string bottleneck;
  /// `energy` per architecture level (pJ), when the model splits it.
  std::vector<std::pair<std::string, double>> levelEnergies;

  /// The #union.cost attribute of this cost, tagged with `model`.
  CostAttr toAttr(MLIRContext *context, llvm::StringRef model) const;
};

/// Why a mapping has no cost.
enum class CostFailureKind {
  NotConformable, ///< the model cannot express the mapping
  Rejected,       ///< the model refuses it (e.g. it breaks a model rule)
  EngineError,    ///< the model failed on it
};
const char *stringifyCostFailureKind(CostFailureKind kind);

/// A mapping without a cost: its kind and the model's reason. Printed as
/// "<kind>: <reason>".
class CostError : public llvm::ErrorInfo<CostError> {
public:
  static char ID;
  CostError(CostFailureKind kind, std::string reason)
      : kind(kind), reason(std::move(reason)) {}
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;
  CostFailureKind getKind() const { return kind; }
  const std::string &getReason() const { return reason; }

private:
  CostFailureKind kind;
  std::string reason;
};

/// A CostError of `kind`.
llvm::Error makeCostError(CostFailureKind kind, const llvm::Twine &reason);
/// Consumes `error`: its kind (EngineError unless it is a CostError) and
/// its message.
std::pair<CostFailureKind, std::string> takeCostError(llvm::Error error);

/// Costs the mappings (map-space points) of one op. Mappers call it in
/// their hot loop, from several threads at once: implementations keep no
/// mutable state.
class MappingEvaluator {
public:
  virtual ~MappingEvaluator();
  /// A tag unique to the evaluator's class, for LLVM-style isa/dyn_cast
  /// (classof compares it); null when the class offers no casts.
  virtual const void *getClassID() const { return nullptr; }
  /// Whether the model can express `point`: an error saying why not.
  virtual llvm::Error checkConformable(const MapPoint &point) const = 0;
  /// The cost of `point`, or a CostError.
  virtual llvm::Expected<Cost> evaluate(const MapPoint &point) const = 0;
  /// Costs no mapping with these spatial factors can beat (cycles and
  /// energy are each a lower bound), for branch and bound; none when the
  /// model offers none.
  virtual std::optional<Cost> getLowerBound(const MapPoint &point) const {
    return std::nullopt;
  }
  /// Constraints that keep one mapping of each class this model cannot
  /// tell apart (e.g. bypass choices it does not model), for searches.
  virtual std::vector<Constraint> getSearchConstraints() const { return {}; }
};

class CostModel {
public:
  virtual ~CostModel();
  virtual llvm::StringRef getName() const = 0;
  /// Whether this model can cost `op` as it is (e.g. it needs a dataflow):
  /// an error saying what is missing when not.
  virtual llvm::Error checkEvaluable(MappableOpInterface op) const = 0;
  /// Costs `op`; on failure a diagnostic has been emitted at the op.
  virtual FailureOr<Cost> evaluate(MappableOpInterface op) const = 0;
  /// Prepares to cost the mappings of `op` (problem and levels as the map
  /// space sees them); an error saying why when this model cannot cost any
  /// mapping of it.
  virtual llvm::Expected<std::unique_ptr<MappingEvaluator>>
  getMappingEvaluator(MappableOpInterface op, const SpaceProblem &problem,
                      const std::vector<SpaceLevel> &levels) const = 0;
};

inline constexpr char kCostModelNoun[] = "cost model";
/// The cost models a compiler offers, by name. A factory makes a model
/// configured by the `key=value` pairs of the passes' `cost-model-options`.
using CostModelRegistry = FactoryRegistry<CostModel, kCostModelNoun>;
using CostModelFactory = CostModelRegistry::Factory;

/// Adds the built-in models: maestro and timeloop.
llvm::Error registerBuiltinCostModels(CostModelRegistry &registry);

/// Reads `key=value` pairs separated by spaces; every key must be one of
/// `known`. Errors name `owner` (e.g. "cost model 'timeloop'").
llvm::Expected<std::map<std::string, std::string>>
parsePluginOptions(llvm::StringRef text, llvm::ArrayRef<llvm::StringRef> known,
                   llvm::StringRef owner);

} // namespace mlir::union_

#endif // UNION_COSTMODEL_COSTMODEL_H
