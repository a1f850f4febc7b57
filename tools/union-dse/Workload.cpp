//===- Workload.cpp - What union-dse evaluates designs on -----------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Workload.h"

#include "Union/Dialect/Union/IR/UnionDialect.h"
#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Engine/Maestro/MaestroParser.h"
#include "Union/Pipeline/Pipelines.h"
#include "Union/Target/MaestroTranslation.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

/// A layer as MAESTRO mapping-file text, with `directives` as dataflow.
std::string writeLayer(const maestro::Layer &layer,
                       llvm::StringRef directives) {
  // The layer's name only has to parse: MAESTRO's tokenizer splits at
  // these characters.
  std::string name = layer.name;
  for (char &c : name)
    if (llvm::StringRef(" \t\r\n,->():;{}").contains(c))
      c = '_';
  std::string text = "Network dse {\nLayer " + name +
                     " {\nType: " + maestro::getLayerTypeName(layer.type) +
                     "\n";
  if (layer.isConvLike())
    text += "Stride { X: " + std::to_string(layer.strides[maestro::X]) +
            ", Y: " + std::to_string(layer.strides[maestro::Y]) + " }\n";
  text += "Dimensions { ";
  bool first = true;
  for (unsigned d = 0; d < maestro::kNumDims; ++d)
    if (layer.sizes[d] > 0 && d != maestro::Xp && d != maestro::Yp) {
      text += std::string(first ? "" : ", ") +
              maestro::getDimName(maestro::Dim(d)) + ": " +
              std::to_string(layer.sizes[d]);
      first = false;
    }
  text += " }\nDataflow {\n" + directives.str() + "\n}\n}\n}\n";
  return text;
}

} // namespace

llvm::Expected<dse::Workload> dse::loadWorkload(llvm::StringRef path,
                                                llvm::StringRef opLabel) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError("cannot read workload '" + path.str() +
                                   "': " + buffer.getError().message());
  Workload workload;
  workload.name = llvm::sys::path::stem(path).str();
  if (!path.ends_with(".mlir")) {
    auto network = maestro::parseMappingFile((*buffer)->getBuffer(), path);
    if (!network)
      return network.takeError();
    workload.network = std::move(*network);
    if (!opLabel.empty()) {
      llvm::erase_if(workload.network.layers, [&](const maestro::Layer &l) {
        return l.name != opLabel;
      });
      if (workload.network.layers.empty())
        return llvm::createStringError("no layer called '" + opLabel.str() +
                                       "' in '" + path.str() + "'");
    }
    if (workload.network.layers.empty())
      return llvm::createStringError("'" + path.str() + "' has no layer");
    return workload;
  }

  DialectRegistry registry;
  registry.insert<UnionDialect, func::FuncDialect, arith::ArithDialect,
                  tensor::TensorDialect, linalg::LinalgDialect,
                  math::MathDialect, tosa::TosaDialect>();
  MLIRContext context(registry);
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    llvm::raw_string_ostream os(diagnostics);
    os << d.getLocation() << ": " << d.str() << "\n";
    return success();
  });
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return llvm::createStringError("cannot parse '" + path.str() +
                                   "': " + diagnostics);
  // TOSA or linalg (a model as union-opt takes it): converted here with
  // union-from-tosa, so no union-opt step is needed.
  bool hasComputeOps = false, hasModelOps = false;
  module->walk([&](Operation *op) {
    if (isa<ComputeOp>(op))
      hasComputeOps = true;
    else if (isa<tosa::TosaDialect, linalg::LinalgDialect>(op->getDialect()))
      hasModelOps = true;
  });
  if (!hasComputeOps && hasModelOps) {
    PassManager pm(&context);
    buildUnionFromTosaPipeline(pm);
    diagnostics.clear();
    if (failed(pm.run(*module)))
      return llvm::createStringError("cannot convert '" + path.str() +
                                     "' to union ops: " + diagnostics);
  }
  workload.network.name = workload.name;
  std::string error;
  module->walk([&](ComputeOp op) {
    std::string label = getOpLabel(op, "op");
    if (!error.empty() || (!opLabel.empty() && label != opLabel))
      return;
    if (op.getDataflowAttr()) {
      FailureOr<maestro::Layer> layer = getMaestroLayer(op);
      if (failed(layer)) {
        error = diagnostics;
        return;
      }
      workload.network.layers.push_back(*layer);
      return;
    }
    llvm::Expected<MaestroShape> shape = getMaestroShape(op);
    if (!shape) {
      // Left out with the reason; the other ops still make the workload.
      workload.leftOut.push_back(
          {label, "not a MAESTRO layer: " + llvm::toString(shape.takeError())});
      return;
    }
    shape->layer.name = label;
    // No dataflow of its own: the sweep's dataflows give it one.
    shape->layer.hasDataflow = false;
    shape->layer.dataflow.clear();
    // A batched GEMM runs its GEMMs one after another.
    int64_t batch = 1;
    for (unsigned d : shape->batchDims)
      batch *= op.getProblem().getDims()[d].size;
    for (int64_t b = 0; b < batch; ++b)
      workload.network.layers.push_back(shape->layer);
  });
  if (!error.empty())
    return llvm::createStringError(error);
  if (workload.network.layers.empty() && !workload.leftOut.empty())
    return llvm::createStringError(
        "no op of '" + path.str() + "' is a MAESTRO layer (op '" +
        workload.leftOut[0].layer + "': " + workload.leftOut[0].reason + ")");
  if (workload.network.layers.empty())
    return llvm::createStringError(
        opLabel.empty() ? "'" + path.str() + "' has no union.compute op"
                        : "no union.compute op labelled '" + opLabel.str() +
                              "' in '" + path.str() + "'");
  return workload;
}

llvm::Expected<maestro::Network>
dse::applyDataflow(const Workload &workload, const DataflowChoice &dataflow,
                   std::vector<SkippedLayer> &skipped) {
  maestro::Network network = workload.network;
  std::string firstReason;
  llvm::erase_if(network.layers, [&](maestro::Layer &layer) {
    std::string reason;
    std::string directives = dataflow.directives;
    llvm::StringRef name = dataflow.name;
    if (directives.empty()) {
      // "workload": the layer's own dataflow, else the default preset.
      if (layer.hasDataflow)
        return false;
      name = layer.isConvLike() ? kDefaultConvDataflow : kDefaultGemmDataflow;
      directives = *getMaestroDataflow(name);
    }
    auto parsed = maestro::parseMappingFile(writeLayer(layer, directives),
                                            "dataflow " + name.str());
    if (parsed) {
      layer.dataflow = parsed->layers[0].dataflow;
      layer.hasDataflow = true;
      return false;
    }
    reason = llvm::toString(parsed.takeError());
    if (dataflow.directives.empty())
      reason = "it has no dataflow of its own and " + name.str() +
               " (the default) does not fit it: " + reason;
    skipped.push_back({layer.name, reason});
    if (firstReason.empty())
      firstReason = "layer '" + layer.name + "': " + reason;
    return true;
  });
  if (network.layers.empty())
    return llvm::createStringError("dataflow '" + dataflow.name +
                                   "' fits no layer of the workload (" +
                                   firstReason + ")");
  return network;
}
