//===- CostModel.cpp - The cost-model registry ----------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/CostModel.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>

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
  SmallVector<NamedAttribute> energies;
  for (const auto &[level, value] : levelEnergies)
    energies.push_back(
        builder.getNamedAttr(level, builder.getF64FloatAttr(value)));
  return CostAttr::get(context, model, cycles, macs, energy,
                       std::min(1.0, std::max(0.0, utilization)),
                       builder.getDictionaryAttr(entries),
                       bottleneck.empty() ? StringAttr()
                                          : builder.getStringAttr(bottleneck),
                       energies.empty() ? DictionaryAttr()
                                        : builder.getDictionaryAttr(energies));
}

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Expected<std::map<std::string, std::string>>
mlir::union_::parsePluginOptions(llvm::StringRef text,
                                 llvm::ArrayRef<llvm::StringRef> known,
                                 llvm::StringRef owner) {
  std::map<std::string, std::string> options;
  llvm::SmallVector<llvm::StringRef> items;
  text.split(items, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    auto [key, value] = item.split('=');
    if (!item.contains('=') || key.empty())
      return makeError(owner + ": option '" + item +
                       "' is not of the form key=value");
    if (!llvm::is_contained(known, key))
      return makeError(owner + ": unknown option '" + key + "'" +
                       (known.empty()
                            ? std::string(" (it takes none)")
                            : " (options: " + llvm::join(known, ", ") + ")"));
    if (!options.emplace(key.str(), value.str()).second)
      return makeError(owner + ": option '" + key + "' is given twice");
  }
  return options;
}

MappingEvaluator::~MappingEvaluator() = default;

char CostError::ID = 0;

void CostError::log(llvm::raw_ostream &os) const {
  os << stringifyCostFailureKind(kind) << ": " << reason;
}

std::error_code CostError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

llvm::Error mlir::union_::makeCostError(CostFailureKind kind,
                                        const llvm::Twine &reason) {
  return llvm::make_error<CostError>(kind, reason.str());
}

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

std::pair<CostFailureKind, std::string>
mlir::union_::takeCostError(llvm::Error error) {
  std::pair<CostFailureKind, std::string> result = {
      CostFailureKind::EngineError, ""};
  llvm::handleAllErrors(
      std::move(error),
      [&](const CostError &cost) {
        result = {cost.getKind(), cost.getReason()};
      },
      [&](const llvm::ErrorInfoBase &other) {
        result.second = other.message();
      });
  return result;
}
