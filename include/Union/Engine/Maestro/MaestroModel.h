//===- MaestroModel.h - MAESTRO layers, dataflows and hardware --*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Plain data for MAESTRO's input: layers with their dimensions and
// data-centric directives, and the hardware parameters. Dimensions are a
// small closed set, so they are an enum (no strings in the engine).
// Section numbers refer to docs/MaestroModel.md (MAESTRO commit 4eb08d1).
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_MAESTRO_MAESTROMODEL_H
#define UNION_COSTMODEL_MAESTRO_MAESTROMODEL_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <cassert>
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace mlir::union_::maestro {

/// MAESTRO's dimensions, in alphabetical order: completion (§3.4) adds
/// missing input dimensions in this order. `Xp`/`Yp` are `X'`/`Y'`.
enum Dim : uint8_t { C, G, K, M, N, R, S, X, Y, Xp, Yp };
constexpr unsigned kNumDims = 11;
static_assert(kNumDims <= 16, "TensorDims keeps a 16-bit mask of dims");

/// "K", "X'", ...
const char *getDimName(Dim dim);
/// Parses a dimension name as written in a mapping file.
std::optional<Dim> parseDimName(llvm::StringRef name);

enum class LayerType { Conv, DSConv, GEMM, NGConv };
const char *getLayerTypeName(LayerType type);

enum class DirectiveKind : uint8_t { TemporalMap, SpatialMap, Cluster };

struct Directive {
  DirectiveKind kind;
  Dim dim = C; ///< unused for a cluster
  int64_t size = 1;
  int64_t offset = 1; ///< unused for a cluster
  unsigned line = 0;  ///< where it was written (0 when built in code)
};

/// Renders `TemporalMap(3,1) Y` or `Cluster(8)`.
std::string describeDirective(const Directive &directive);

struct Layer {
  std::string name;
  LayerType type = LayerType::Conv;
  /// Declared sizes (0: not declared).
  std::array<int64_t, kNumDims> sizes{};
  /// Outer strides (§1.2); 1 unless a Stride block says otherwise.
  std::array<int64_t, kNumDims> strides;
  std::vector<Directive> dataflow;
  bool hasDataflow = false;
  unsigned line = 0;

  Layer() { strides.fill(1); }
  bool isConvLike() const { return type != LayerType::GEMM; }
  bool declares(Dim dim) const { return sizes[dim] > 0; }
};

struct Network {
  std::string name;
  std::vector<Layer> layers;
};

/// The effective hardware after MAESTRO's defaults and overrides (§2.1).
struct Hardware {
  int64_t numPes = 7;
  int64_t simdLanes = 1;
  int64_t l1Size = INT_MAX;
  int64_t l2Size = INT_MAX;
  int64_t nocBandwidth = INT_MAX;
  int64_t offchipBandwidth = 70000;
  int64_t nocLatency = 0;
};

/// The dimensions that index one tensor, in MAESTRO's order: at most six
/// (NGCONV's output with a batch), kept inline so a table is a few bytes
/// that copy freely (one per layer of a network).
class TensorDims {
public:
  TensorDims() = default;
  TensorDims(std::initializer_list<Dim> list) {
    for (Dim dim : list)
      push_back(dim);
  }
  void push_back(Dim dim) {
    assert(count < items.size() && "a tensor has at most six dims");
    items[count++] = dim;
    mask |= uint16_t(1u << dim);
  }
  const Dim *begin() const { return items.data(); }
  const Dim *end() const { return items.data() + count; }
  bool contains(Dim dim) const { return mask >> dim & 1; }

private:
  std::array<Dim, 6> items{};
  uint8_t count = 0;
  uint16_t mask = 0;
};

/// The tensors of a layer type (§1.3): input, filter, output, each with
/// the dimensions that index it, in MAESTRO's order.
struct TensorTable {
  static constexpr unsigned kInput = 0, kFilter = 1, kOutput = 2;
  std::array<TensorDims, 3> dims;
  /// Whether `dim` indexes tensor `tensor`.
  bool couples(unsigned tensor, Dim dim) const {
    return dims[tensor].contains(dim);
  }
  /// Whether `dim` indexes the input or the filter.
  bool isInputDim(Dim dim) const {
    return couples(kInput, dim) || couples(kFilter, dim);
  }
  /// The table for `type`; `withBatch` adds N to input and output.
  static TensorTable get(LayerType type, bool withBatch);
  /// The table of a layer on its own (N when it declares N).
  static TensorTable forLayer(const Layer &layer);
};

/// The tables of a network's layers: [Q3] the first layer of each type
/// decides, for all layers of that type, whether N indexes tensors.
std::vector<TensorTable> getTensorTables(const Network &network);

} // namespace mlir::union_::maestro

#endif // UNION_COSTMODEL_MAESTRO_MAESTROMODEL_H
