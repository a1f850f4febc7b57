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
#include "Union/Target/MaestroTranslation.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

/// A layer as MAESTRO mapping-file text, with `directives` as dataflow.
std::string writeLayer(const maestro::Layer &layer,
                       llvm::StringRef directives) {
  std::string text = "Network dse {\nLayer " + layer.name +
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
                  math::MathDialect>();
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
      error = "op '" + label +
              "' is not a MAESTRO layer: " + llvm::toString(shape.takeError());
      return;
    }
    shape->layer.name = label;
    // A batched GEMM runs its GEMMs one after another.
    int64_t batch = 1;
    for (unsigned d : shape->batchDims)
      batch *= op.getProblem().getDims()[d].size;
    for (int64_t b = 0; b < batch; ++b)
      workload.network.layers.push_back(shape->layer);
  });
  if (!error.empty())
    return llvm::createStringError(error);
  if (workload.network.layers.empty())
    return llvm::createStringError(
        opLabel.empty() ? "'" + path.str() + "' has no union.compute op"
                        : "no union.compute op labelled '" + opLabel.str() +
                              "' in '" + path.str() + "'");
  return workload;
}

llvm::Expected<maestro::Network>
dse::applyDataflow(const Workload &workload, const DataflowChoice &dataflow) {
  maestro::Network network = workload.network;
  for (maestro::Layer &layer : network.layers) {
    if (dataflow.directives.empty()) {
      if (!layer.hasDataflow)
        return llvm::createStringError(
            "layer '" + layer.name +
            "' has no dataflow of its own; name dataflows in the sweep");
      continue;
    }
    auto parsed = maestro::parseMappingFile(
        writeLayer(layer, dataflow.directives), "dataflow " + dataflow.name);
    if (!parsed)
      return llvm::createStringError(
          "dataflow '" + dataflow.name + "' does not fit layer '" + layer.name +
          "': " + llvm::toString(parsed.takeError()));
    layer.dataflow = parsed->layers[0].dataflow;
    layer.hasDataflow = true;
  }
  return network;
}
