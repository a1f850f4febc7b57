//===- MaestroModel.cpp - MAESTRO layers, dataflows and hardware ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroModel.h"

#include "llvm/ADT/STLExtras.h"

#include <array>

using namespace mlir::union_::maestro;

static constexpr const char *kDimNames[kNumDims] = {
    "C", "G", "K", "M", "N", "R", "S", "X", "Y", "X'", "Y'"};

const char *mlir::union_::maestro::getDimName(Dim dim) {
  return kDimNames[dim];
}

std::optional<Dim> mlir::union_::maestro::parseDimName(llvm::StringRef name) {
  // Every name is a letter, maybe with a prime: index by the letter (the
  // parser calls this for every directive of every layer).
  static const std::array<int8_t, 26> kByLetter = [] {
    std::array<int8_t, 26> byLetter;
    byLetter.fill(-1);
    for (unsigned i = 0; i < kNumDims; ++i)
      if (kDimNames[i][1] == 0)
        byLetter[kDimNames[i][0] - 'A'] = int8_t(i);
    return byLetter;
  }();
  if (name.empty() || name.size() > 2 || name[0] < 'A' || name[0] > 'Z')
    return std::nullopt;
  if (name.size() == 2) {
    if (name == "X'")
      return Xp;
    if (name == "Y'")
      return Yp;
    return std::nullopt;
  }
  int8_t dim = kByLetter[name[0] - 'A'];
  if (dim < 0)
    return std::nullopt;
  return static_cast<Dim>(dim);
}

const char *mlir::union_::maestro::getLayerTypeName(LayerType type) {
  switch (type) {
  case LayerType::Conv:
    return "CONV";
  case LayerType::DSConv:
    return "DSCONV";
  case LayerType::GEMM:
    return "GEMM";
  case LayerType::NGConv:
    return "NGCONV";
  }
  return "?";
}

std::string mlir::union_::maestro::describeDirective(const Directive &d) {
  if (d.kind == DirectiveKind::Cluster)
    return "Cluster(" + std::to_string(d.size) + ")";
  return std::string(d.kind == DirectiveKind::TemporalMap ? "TemporalMap("
                                                          : "SpatialMap(") +
         std::to_string(d.size) + "," + std::to_string(d.offset) + ") " +
         getDimName(d.dim);
}

TensorTable TensorTable::get(LayerType type, bool withBatch) {
  TensorTable table;
  auto batch = [&](std::initializer_list<Dim> list) {
    TensorDims dims;
    if (withBatch)
      dims.push_back(N);
    for (Dim dim : list)
      dims.push_back(dim);
    return dims;
  };
  switch (type) {
  case LayerType::Conv:
    table.dims = {batch({C, Y, X}), TensorDims{K, C, R, S}, batch({K, Y, X})};
    break;
  case LayerType::DSConv:
    table.dims = {batch({C, Y, X}), TensorDims{C, R, S}, batch({C, Y, X})};
    break;
  case LayerType::NGConv:
    table.dims = {batch({G, C, Y, X}), TensorDims{G, K, C, R, S},
                  batch({G, K, C, Y, X})};
    break;
  case LayerType::GEMM:
    table.dims = {TensorDims{M, K}, TensorDims{K, N}, TensorDims{M, N}};
    break;
  }
  return table;
}

TensorTable TensorTable::forLayer(const Layer &layer) {
  return get(layer.type, layer.declares(N) && layer.type != LayerType::GEMM);
}

std::vector<TensorTable>
mlir::union_::maestro::getTensorTables(const Network &network) {
  std::array<const Layer *, 4> firstOfType{};
  std::vector<TensorTable> tables;
  tables.reserve(network.layers.size());
  for (const Layer &layer : network.layers) {
    const Layer *&first = firstOfType[static_cast<unsigned>(layer.type)];
    if (!first)
      first = &layer;
    tables.push_back(TensorTable::forLayer(*first));
  }
  return tables;
}
