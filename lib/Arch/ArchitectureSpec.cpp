//===- ArchitectureSpec.cpp - Architecture validation ---------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Arch/ArchitectureSpec.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace mlir::union_;

const char *mlir::union_::stringifyLevelKind(LevelKind kind) {
  switch (kind) {
  case LevelKind::Storage:
    return "storage";
  case LevelKind::Network:
    return "network";
  case LevelKind::Compute:
    return "compute";
  }
  return "unknown";
}

int64_t ArchitectureSpec::getNumComputeUnits() const {
  int64_t units = 1;
  for (const LevelSpec &level : levels)
    if (level.kind == LevelKind::Network)
      units *= level.fanout;
  return units;
}

namespace {
/// Collects the first error found, with its JSON path.
class Checker {
public:
  bool failed() const { return !message.empty(); }
  std::string message;

  void fail(const llvm::Twine &path, const llvm::Twine &what) {
    if (!failed())
      message = (path + ": " + what).str();
  }
  void positive(const std::string &path, int64_t value) {
    if (value <= 0)
      fail(path, llvm::formatv("expected a positive integer, got {0}", value));
  }
  void nonNegative(const std::string &path, int64_t value) {
    if (value < 0)
      fail(path,
           llvm::formatv("expected a non-negative integer, got {0}", value));
  }
  void nonNegative(const std::string &path, double value) {
    if (!std::isfinite(value) || value < 0)
      fail(path,
           llvm::formatv("expected a non-negative number, got {0}", value));
  }
};
} // namespace

static void checkLevel(Checker &check, const LevelSpec &level,
                       const std::string &path) {
  if (level.name.empty())
    check.fail(path + ".name", "expected a non-empty string");
  switch (level.kind) {
  case LevelKind::Storage:
    check.nonNegative(path + ".capacity", level.capacity);
    check.positive(path + ".word_bits", level.wordBits);
    check.nonNegative(path + ".read_bandwidth", level.readBandwidth);
    check.nonNegative(path + ".write_bandwidth", level.writeBandwidth);
    check.nonNegative(path + ".read_energy", level.readEnergy);
    check.nonNegative(path + ".write_energy", level.writeEnergy);
    check.positive(path + ".block_size", level.blockSize);
    check.nonNegative(path + ".update_energy", level.updateEnergy);
    if (level.blockSize > 0 && level.capacity % level.blockSize != 0)
      check.fail(path + ".capacity",
                 llvm::formatv("expected a multiple of block_size {0}, got {1}",
                               level.blockSize, level.capacity)
                     .str());
    if (level.tensors) {
      llvm::StringSet<> seen;
      for (auto [i, tensor] : llvm::enumerate(*level.tensors)) {
        std::string tensorPath = llvm::formatv("{0}.tensors[{1}]", path, i);
        if (tensor.empty())
          check.fail(tensorPath, "expected a non-empty tensor name");
        else if (!seen.insert(tensor).second)
          check.fail(tensorPath, "duplicate tensor '" + tensor + "'");
      }
    }
    break;
  case LevelKind::Network:
    check.positive(path + ".fanout", level.fanout);
    check.nonNegative(path + ".mesh_x", level.meshX);
    if (level.fanout > 0 && level.meshX > 0 && level.fanout % level.meshX)
      check.fail(path + ".mesh_x",
                 llvm::formatv("mesh width {0} does not divide fanout {1}",
                               level.meshX, level.fanout));
    check.nonNegative(path + ".bandwidth", level.bandwidth);
    check.nonNegative(path + ".latency", level.latency);
    check.nonNegative(path + ".hop_energy", level.hopEnergy);
    break;
  case LevelKind::Compute:
    check.positive(path + ".vector_width", level.vectorWidth);
    check.nonNegative(path + ".mac_energy", level.macEnergy);
    break;
  }
}

llvm::Error mlir::union_::validateArchitecture(const ArchitectureSpec &spec) {
  Checker check;
  if (spec.name.empty())
    check.fail("name", "expected a non-empty string");
  if (spec.levels.size() < 2)
    check.fail("levels", llvm::formatv("expected at least a storage and a "
                                       "compute level, got {0} level(s)",
                                       spec.levels.size()));
  llvm::StringMap<size_t> names;
  // Instance counts can overflow with absurd fan-outs; keep them bounded so
  // every later product fits in 64 bits.
  constexpr int64_t kMaxUnits = int64_t(1) << 40;
  int64_t units = 1;
  for (auto [i, level] : llvm::enumerate(spec.levels)) {
    std::string path = llvm::formatv("levels[{0}]", i);
    checkLevel(check, level, path);
    if (!level.name.empty()) {
      auto [it, inserted] = names.try_emplace(level.name, i);
      if (!inserted)
        check.fail(
            path + ".name",
            llvm::formatv("duplicate level name '{0}' (also levels[{1}])",
                          level.name, it->second));
    }
    if (i == 0 && level.kind != LevelKind::Storage)
      check.fail(path, llvm::formatv("the outermost level must be a storage "
                                     "level, got a {0} level",
                                     stringifyLevelKind(level.kind)));
    bool last = i + 1 == spec.levels.size();
    if (last && level.kind != LevelKind::Compute)
      check.fail(path, llvm::formatv("the innermost level must be a compute "
                                     "level, got a {0} level",
                                     stringifyLevelKind(level.kind)));
    if (!last && level.kind == LevelKind::Compute)
      check.fail(path, "a compute level must be the innermost level");
    if (level.kind == LevelKind::Network && level.fanout > 0) {
      if (units > kMaxUnits / level.fanout)
        check.fail(path + ".fanout",
                   llvm::formatv("the total number of instances exceeds 2^40"));
      else
        units *= level.fanout;
    }
  }
  if (check.failed())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   check.message);
  return llvm::Error::success();
}
