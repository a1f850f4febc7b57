//===- MaestroExport.cpp - union IR -> MAESTRO mapping file ---------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Target/MaestroTranslation.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::union_;
namespace m = mlir::union_::maestro;

static void printLayer(llvm::raw_ostream &os, const m::Layer &layer) {
  os << "\tLayer " << layer.name
     << " {\n\t\tType: " << m::getLayerTypeName(layer.type) << "\n";
  auto block = [&](const char *keyword, auto value) {
    std::string entries;
    for (unsigned d = 0; d < m::kNumDims; ++d) {
      auto dim = static_cast<m::Dim>(d);
      if (int64_t v = value(dim))
        entries += (entries.empty() ? "" : ", ") +
                   std::string(m::getDimName(dim)) + ": " + std::to_string(v);
    }
    if (!entries.empty())
      os << "\t\t" << keyword << " { " << entries << " }\n";
  };
  block("Stride", [&](m::Dim dim) -> int64_t {
    return layer.declares(dim) && layer.strides[dim] != 1 ? layer.strides[dim]
                                                          : 0;
  });
  block("Dimensions", [&](m::Dim dim) { return layer.sizes[dim]; });
  os << "\t\tDataflow {\n";
  for (const m::Directive &d : layer.dataflow) {
    if (d.kind == m::DirectiveKind::Cluster)
      os << "\t\t\tCluster(" << d.size << ",P);\n";
    else
      os << "\t\t\t" << m::describeDirective(d) << ";\n";
  }
  os << "\t\t}\n\t}\n";
}

/// The union-maestro flags of `hw` (hops x latency as one hop).
static void printHardwareComment(llvm::raw_ostream &os, const m::Hardware &hw,
                                 int64_t repeat) {
  os << "\t// analysed on: --num_pes=" << hw.numPes
     << " --num_simd_lanes=" << hw.simdLanes << " --l1_size_cstr=" << hw.l1Size
     << " --l2_size_cstr=" << hw.l2Size << " --noc_bw_cstr=" << hw.nocBandwidth
     << " --offchip_bw_cstr=" << hw.offchipBandwidth
     << " --noc_hops=1 --noc_hop_latency=" << hw.nocLatency;
  if (repeat > 1)
    os << " (a batch: " << repeat << " of these one after another)";
  os << "\n";
}

LogicalResult mlir::union_::exportMaestroMapping(
    ModuleOp module, llvm::raw_ostream &os,
    const MaestroMappingExporter &exportMapping) {
  std::string name = "union";
  if (auto attr = module->getAttrOfType<StringAttr>("union.maestro_network"))
    name = attr.str();
  std::string body;
  llvm::raw_string_ostream out(body);
  unsigned unnamed = 0;
  // Every op that cannot be written gets its error; none hides the rest.
  bool failedAny = false;
  module.walk([&](ComputeOp op) {
    if (exportMapping && !op.getDataflowAttr() && op.getMappingAttr()) {
      FailureOr<MaestroMappedLayer> mapped = exportMapping(op);
      if (failed(mapped)) {
        failedAny = true;
        return;
      }
      if (!op.getLabel())
        mapped->layer.name = "layer" + std::to_string(unnamed++);
      printHardwareComment(out, mapped->hardware, mapped->repeat);
      printLayer(out, mapped->layer);
      return;
    }
    FailureOr<m::Layer> layer = getMaestroLayer(op);
    if (failed(layer)) {
      failedAny = true;
      return;
    }
    if (!op.getLabel())
      layer->name = "layer" + std::to_string(unnamed++);
    printLayer(out, *layer);
  });
  if (failedAny)
    return failure();
  os << "Network " << name << " {\n" << body << "}\n";
  return success();
}
