//===- ArchitectureSpec.h - Plain C++ architecture description --*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The architecture as plain data, shared by the JSON loader, the
// #union.arch attribute and the cost models. One validator checks it, so a
// JSON file and an attribute are held to the same rules.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_ARCH_ARCHITECTURESPEC_H
#define UNION_ARCH_ARCHITECTURESPEC_H

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir::union_ {

enum class LevelKind { Storage, Network, Compute };

/// Returns "storage", "network" or "compute".
const char *stringifyLevelKind(LevelKind kind);

/// One level of the hierarchy. Which fields apply depends on `kind`; the
/// others keep their defaults.
struct LevelSpec {
  LevelKind kind = LevelKind::Storage;
  std::string name;

  // Storage.
  int64_t capacity = 0; ///< words; 0 means unbounded
  int64_t wordBits = 16;
  double readBandwidth = 0;  ///< words/cycle; 0 means unlimited
  double writeBandwidth = 0; ///< words/cycle; 0 means unlimited
  double readEnergy = 0;     ///< pJ per word
  double writeEnergy = 0;    ///< pJ per word
  /// Words one access moves (Timeloop's block size; energies stay per word).
  int64_t blockSize = 1;
  /// pJ per word updated (read-modify-write of a partial sum); 0 means the
  /// write energy.
  double updateEnergy = 0;
  /// Tensors this level may hold; std::nullopt means all of them.
  std::optional<std::vector<std::string>> tensors;

  // Network.
  int64_t fanout = 1;
  int64_t meshX = 0;    ///< 0 means a 1-D array of `fanout`
  double bandwidth = 0; ///< words/cycle; 0 means unlimited
  int64_t latency = 0;  ///< cycles per transfer
  bool multicast = true;
  bool reduction = true;
  double hopEnergy = 0; ///< pJ per word per hop

  // Compute.
  int64_t vectorWidth = 1; ///< MACs per cycle per instance
  double macEnergy = 1.0;  ///< pJ per MAC
};

struct ArchitectureSpec {
  std::string name;
  std::string description; ///< free text (e.g. where the numbers come from)
  std::vector<LevelSpec> levels;

  /// Number of compute instances (product of all network fan-outs).
  int64_t getNumComputeUnits() const;
};

/// Checks the hierarchy and every field. The error names the offending
/// field as a JSON path, e.g. `levels[2].fanout: expected a positive
/// integer, got 0`.
llvm::Error validateArchitecture(const ArchitectureSpec &spec);

} // namespace mlir::union_

#endif // UNION_ARCH_ARCHITECTURESPEC_H
