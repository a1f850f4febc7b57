//===- ArchitectureConversion.cpp - #union.arch <-> ArchitectureSpec ------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/ArchitectureConversion.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::union_;

ArchitectureAttr
mlir::union_::getArchitectureAttr(MLIRContext *context,
                                  const ArchitectureSpec &spec) {
  Builder builder(context);
  SmallVector<Attribute> levels;
  for (const LevelSpec &level : spec.levels) {
    switch (level.kind) {
    case LevelKind::Storage: {
      ArrayAttr tensors;
      if (level.tensors)
        tensors = builder.getStrArrayAttr(llvm::to_vector_of<StringRef>(
            llvm::map_range(*level.tensors, [](const std::string &s) {
              return StringRef(s);
            })));
      levels.push_back(StorageLevelAttr::get(
          context, level.name, level.capacity, level.wordBits,
          level.readBandwidth, level.writeBandwidth, level.readEnergy,
          level.writeEnergy, level.blockSize, level.updateEnergy, tensors));
      break;
    }
    case LevelKind::Network:
      levels.push_back(NetworkLevelAttr::get(
          context, level.name, level.fanout, level.meshX, level.bandwidth,
          level.latency, level.multicast, level.reduction, level.hopEnergy));
      break;
    case LevelKind::Compute:
      levels.push_back(ComputeLevelAttr::get(
          context, level.name, level.vectorWidth, level.macEnergy));
      break;
    }
  }
  return ArchitectureAttr::get(context, spec.name,
                               builder.getArrayAttr(levels));
}

static FailureOr<ArchitectureSpec>
toArchitectureSpec(StringRef name, ArrayAttr levels, std::string &error) {
  ArchitectureSpec spec;
  spec.name = name.str();
  for (auto [i, attr] : llvm::enumerate(levels)) {
    LevelSpec level;
    if (auto storage = dyn_cast<StorageLevelAttr>(attr)) {
      level.kind = LevelKind::Storage;
      level.name = storage.getName().str();
      level.capacity = storage.getCapacity();
      level.wordBits = storage.getWordBits();
      level.readBandwidth = storage.getReadBandwidth();
      level.writeBandwidth = storage.getWriteBandwidth();
      level.readEnergy = storage.getReadEnergy();
      level.writeEnergy = storage.getWriteEnergy();
      level.blockSize = storage.getBlockSize();
      level.updateEnergy = storage.getUpdateEnergy();
      if (ArrayAttr tensors = storage.getTensors()) {
        level.tensors.emplace();
        for (auto [j, tensor] : llvm::enumerate(tensors)) {
          auto str = dyn_cast<StringAttr>(tensor);
          if (!str) {
            error = llvm::formatv("levels[{0}].tensors[{1}]: expected a "
                                  "string",
                                  i, j);
            return failure();
          }
          level.tensors->push_back(str.str());
        }
      }
    } else if (auto network = dyn_cast<NetworkLevelAttr>(attr)) {
      level.kind = LevelKind::Network;
      level.name = network.getName().str();
      level.fanout = network.getFanout();
      level.meshX = network.getMeshX();
      level.bandwidth = network.getBandwidth();
      level.latency = network.getLatency();
      level.multicast = network.getMulticast();
      level.reduction = network.getReduction();
      level.hopEnergy = network.getHopEnergy();
    } else if (auto compute = dyn_cast<ComputeLevelAttr>(attr)) {
      level.kind = LevelKind::Compute;
      level.name = compute.getName().str();
      level.vectorWidth = compute.getVectorWidth();
      level.macEnergy = compute.getMacEnergy();
    } else {
      error = llvm::formatv("levels[{0}]: expected #union.storage, "
                            "#union.network or #union.compute",
                            i);
      return failure();
    }
    spec.levels.push_back(std::move(level));
  }
  return spec;
}

llvm::Expected<ArchitectureSpec>
mlir::union_::getArchitectureSpec(StringRef name, ArrayAttr levels) {
  std::string error;
  FailureOr<ArchitectureSpec> spec = toArchitectureSpec(name, levels, error);
  if (failed(spec))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  return std::move(*spec);
}

ArchitectureSpec mlir::union_::getArchitectureSpec(ArchitectureAttr arch) {
  std::string error;
  FailureOr<ArchitectureSpec> spec =
      toArchitectureSpec(arch.getName(), arch.getLevels(), error);
  return succeeded(spec) ? *spec : ArchitectureSpec();
}
