//===- MaestroEngineFuzzer.cpp - Fuzz the MAESTRO engine's invariants -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Random well-formed layers (CONV, depthwise CONV, GEMM), dataflows (a
// named preset, or random directives) and hardware. The engine returns a
// result or an error; a result must satisfy:
//   - every count is non-negative and the runtime positive;
// and, with unit strides and a preset whose tiles are derived from the
// layer (all but YX-P, whose fixed X tiles of 10 with offset 8 overlap for
// filters other than 3 wide), where MAESTRO's counting quirks (strided
// layers counted in input coordinates, overlapping tiles) do not apply:
//   - runtime x PEs x vector width >= the layer's true MACs (no design
//     computes faster than all its MACs busy);
//   - the MAC count is the true one, where every spatial map splits its
//     dim evenly over the PEs (MAESTRO's counts at ragged spatial edges
//     are not known to be exact).
// Random directive lists are MAESTRO dataflows too, but ones where it
// counts overlapping tiles twice or several spatial maps of a level once
// (reproduced on purpose, see the MAESTRO reference README), so only the
// first invariant holds for them. A violation aborts, so libFuzzer reports
// it.
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/Sweep.h"
#include "Union/Engine/Maestro/MaestroEngine.h"
#include "Union/Engine/Maestro/MaestroParser.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>

using namespace mlir::union_;
using namespace mlir::union_::maestro;

namespace {
/// What is being checked, printed when an invariant breaks.
std::string context;

void check(bool holds, const char *what) {
  if (!holds) {
    std::fprintf(stderr, "invariant broken: %s\n%s\n", what, context.c_str());
    abort();
  }
}

std::string layerText(const Layer &layer, const std::string &directives) {
  std::string text = "Network f {\nLayer l {\nType: ";
  text += getLayerTypeName(layer.type);
  text += "\n";
  if (layer.isConvLike())
    text += "Stride { X: " + std::to_string(layer.strides[X]) +
            ", Y: " + std::to_string(layer.strides[Y]) + " }\n";
  text += "Dimensions { ";
  bool first = true;
  for (unsigned d = 0; d < kNumDims; ++d)
    if (layer.sizes[d] > 0) {
      text += std::string(first ? "" : ", ") + getDimName(Dim(d)) + ": " +
              std::to_string(layer.sizes[d]);
      first = false;
    }
  return text + " }\nDataflow {\n" + directives + "\n}\n}\n}\n";
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FuzzedDataProvider input(data, size);
  Layer layer;
  layer.name = "l";
  int kind = input.ConsumeIntegralInRange(0, 2);
  std::vector<Dim> dims;
  int64_t trueMacs = 1;
  if (kind == 2) {
    layer.type = LayerType::GEMM;
    dims = {M, N, K};
    for (Dim d : dims)
      trueMacs *= layer.sizes[d] = input.ConsumeIntegralInRange(1, 96);
  } else {
    layer.type = kind == 0 ? LayerType::Conv : LayerType::DSConv;
    dims = {K, C, R, S, Y, X};
    layer.sizes[K] = kind == 0 ? input.ConsumeIntegralInRange(1, 64) : 1;
    layer.sizes[C] = input.ConsumeIntegralInRange(1, 64);
    layer.sizes[R] = input.ConsumeIntegralInRange(1, 5);
    layer.sizes[S] = input.ConsumeIntegralInRange(1, 5);
    layer.sizes[Y] = layer.sizes[R] + input.ConsumeIntegralInRange(0, 40);
    layer.sizes[X] = layer.sizes[S] + input.ConsumeIntegralInRange(0, 40);
    layer.strides[Y] = input.ConsumeIntegralInRange(1, 3);
    layer.strides[X] = input.ConsumeIntegralInRange(1, 3);
    int64_t outY = (layer.sizes[Y] - layer.sizes[R]) / layer.strides[Y] + 1;
    int64_t outX = (layer.sizes[X] - layer.sizes[S]) / layer.strides[X] + 1;
    trueMacs = layer.sizes[K] * layer.sizes[C] * layer.sizes[R] *
               layer.sizes[S] * outY * outX;
  }

  Hardware hardware;
  hardware.numPes = input.ConsumeIntegralInRange(1, 1024);
  hardware.simdLanes = input.ConsumeIntegralInRange(1, 4);
  hardware.nocBandwidth = input.ConsumeIntegralInRange(1, 512);
  hardware.offchipBandwidth = input.ConsumeIntegralInRange(1, 512);
  hardware.nocLatency = input.ConsumeIntegralInRange(0, 3);

  // A preset through the parser (as users give it), or random directives
  // straight into the engine.
  bool preset = layer.type != LayerType::GEMM && input.ConsumeBool();
  bool exactPreset = false;
  Network network;
  if (preset) {
    std::vector<std::string> names = dse::getMaestroDataflowNames();
    std::string name =
        names[input.ConsumeIntegralInRange<size_t>(0, names.size() - 1)];
    exactPreset = name != "YX-P";
    auto parsed =
        parseMappingFile(layerText(layer, *dse::getMaestroDataflow(name)), "f");
    if (!parsed) {
      llvm::consumeError(parsed.takeError());
      return 0;
    }
    network = std::move(*parsed);
  } else {
    int count = input.ConsumeIntegralInRange(1, 10);
    for (int i = 0; i < count; ++i) {
      Directive directive;
      int what = input.ConsumeIntegralInRange(0, 9);
      if (what == 0) {
        directive.kind = DirectiveKind::Cluster;
        directive.size = input.ConsumeIntegralInRange(1, 64);
      } else {
        directive.kind =
            what < 4 ? DirectiveKind::SpatialMap : DirectiveKind::TemporalMap;
        directive.dim =
            dims[input.ConsumeIntegralInRange<size_t>(0, dims.size() - 1)];
        directive.size = input.ConsumeIntegralInRange<int64_t>(
            1, layer.sizes[directive.dim]);
        directive.offset =
            input.ConsumeIntegralInRange<int64_t>(1, directive.size);
      }
      layer.dataflow.push_back(directive);
    }
    layer.hasDataflow = true;
    network.layers.push_back(layer);
  }

  {
    std::string directives;
    for (const Directive &d : network.layers.front().dataflow)
      directives += describeDirective(d) + "\n";
    context = layerText(network.layers.front(), directives) + "PEs " +
              std::to_string(hardware.numPes) + ", lanes " +
              std::to_string(hardware.simdLanes) + ", NoC " +
              std::to_string(hardware.nocBandwidth) + ", off-chip " +
              std::to_string(hardware.offchipBandwidth) + ", latency " +
              std::to_string(hardware.nocLatency) + "; true MACs " +
              std::to_string(trueMacs);
  }
  auto results = analyzeNetwork(network, hardware);
  if (!results) {
    llvm::consumeError(results.takeError());
    return 0;
  }
  const LayerResult &r = results->front();
  context += "; MACs " + std::to_string(r.macs) + ", runtime " +
             std::to_string(r.runtime);
  check(r.runtime > 0, "runtime > 0");
  check(r.macs >= 0, "MACs >= 0");
  for (const TensorFigures &t : r.tensors)
    check(t.l2SizeReq >= 0 && t.l1SizeReq >= 0 && t.l2Write >= 0 &&
              t.l2Read >= 0 && t.l1Write >= 0 && t.l1Read >= 0,
          "access counts and sizes >= 0");
  check(r.peakBandwidth >= 0 && r.offchipBandwidthReq >= 0, "bandwidths >= 0");
  // Strided layers are counted in input coordinates (MAESTRO's quirk).
  if (!exactPreset || layer.strides[X] != 1 || layer.strides[Y] != 1)
    return 0;
  check(r.runtime * hardware.numPes * hardware.simdLanes >= trueMacs,
        "runtime x PEs x lanes >= true MACs");
  // MAESTRO's counts at a ragged spatial edge (PEs left over by the
  // clusters, or positions that do not fill the last step) are not known
  // to be exact; compare MACs only where every spatial map divides evenly.
  const std::vector<Directive> &dataflow = network.layers.front().dataflow;
  std::vector<int64_t> clusters;
  for (const Directive &d : dataflow)
    if (d.kind == DirectiveKind::Cluster)
      clusters.push_back(d.size);
  int64_t perUnit = 1;
  for (int64_t c : clusters)
    perUnit *= c;
  if (hardware.numPes % perUnit != 0)
    return 0;
  int64_t units = hardware.numPes / perUnit;
  unsigned level = 0;
  for (const Directive &d : dataflow) {
    if (d.kind == DirectiveKind::Cluster) {
      perUnit /= clusters[level];
      units = clusters[level] / perUnit;
      ++level;
      continue;
    }
    if (d.kind != DirectiveKind::SpatialMap)
      continue;
    int64_t extent = network.layers.front().sizes[d.dim];
    if (extent < d.size || ((extent - d.size) / d.offset + 1) % units != 0 ||
        (extent - d.size) % d.offset != 0)
      return 0;
  }
  check(r.macs == trueMacs, "MACs = true MACs (preset, unit strides, even "
                            "spatial split)");
  return 0;
}
