//===- CostModel.cpp - The cost-model registry ----------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/CostModel.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>
#include <mutex>

using namespace mlir;
using namespace mlir::union_;

CostModel::~CostModel() = default;

CostAttr Cost::toAttr(MLIRContext *context, llvm::StringRef model) const {
  Builder builder(context);
  SmallVector<NamedAttribute> entries;
  for (const auto &[name, value] : breakdown) {
    // Counts print as integers; MLIR prints most other doubles exactly
    // only in hex.
    bool integral = value == std::floor(value) && std::fabs(value) < 9e15;
    Attribute attr =
        integral
            ? Attribute(builder.getI64IntegerAttr(static_cast<int64_t>(value)))
            : Attribute(builder.getF64FloatAttr(value));
    entries.push_back(builder.getNamedAttr(name, attr));
  }
  return CostAttr::get(context, model, cycles, macs, energy,
                       std::min(1.0, std::max(0.0, utilization)),
                       builder.getDictionaryAttr(entries));
}

namespace {
struct Registry {
  std::mutex mutex;
  llvm::StringMap<std::unique_ptr<CostModel>> models;
};
Registry &getRegistry() {
  static Registry registry;
  return registry;
}
} // namespace

void mlir::union_::registerCostModel(std::unique_ptr<CostModel> model) {
  Registry &registry = getRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  std::string name = model->getName().str();
  registry.models[name] = std::move(model);
}

const CostModel *mlir::union_::lookupCostModel(llvm::StringRef name) {
  Registry &registry = getRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  auto it = registry.models.find(name);
  return it == registry.models.end() ? nullptr : it->second.get();
}

std::vector<std::string> mlir::union_::getCostModelNames() {
  Registry &registry = getRegistry();
  std::lock_guard<std::mutex> lock(registry.mutex);
  std::vector<std::string> names;
  for (const auto &entry : registry.models)
    names.push_back(entry.getKey().str());
  llvm::sort(names);
  return names;
}

MappingEvaluator::~MappingEvaluator() = default;

const char *mlir::union_::stringifyCostFailureKind(CostFailureKind kind) {
  switch (kind) {
  case CostFailureKind::NotConformable:
    return "not conformable";
  case CostFailureKind::Rejected:
    return "rejected";
  case CostFailureKind::EngineError:
    return "engine error";
  }
  return "?";
}
