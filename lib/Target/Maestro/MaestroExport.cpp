//===- MaestroExport.cpp - union IR -> MAESTRO mapping file ---------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Target/MaestroTranslation.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

/// The MAESTRO layer of an op: from its `union.maestro_layer` record, or
/// derived from a GEMM-shaped problem.
struct LayerText {
  std::string type;
  SmallVector<std::pair<std::string, int64_t>> dimensions, strides;
};

FailureOr<LayerText> describe(ComputeOp op) {
  LayerText text;
  if (auto record = op->getAttrOfType<DictionaryAttr>("union.maestro_layer")) {
    auto type = record.getAs<StringAttr>("type");
    auto dims = record.getAs<DictionaryAttr>("dimensions");
    if (!type || !dims)
      return op.emitOpError("union.maestro_layer needs a 'type' string and a "
                            "'dimensions' dictionary");
    text.type = type.str();
    for (NamedAttribute entry : dims) {
      auto value = dyn_cast<IntegerAttr>(entry.getValue());
      if (!value || value.getInt() <= 0)
        return op.emitOpError("union.maestro_layer dimension '")
               << entry.getName().getValue() << "' must be a positive integer";
      text.dimensions.emplace_back(entry.getName().str(), value.getInt());
    }
    if (auto strides = record.getAs<DictionaryAttr>("stride"))
      for (NamedAttribute entry : strides) {
        auto value = dyn_cast<IntegerAttr>(entry.getValue());
        if (!value || value.getInt() <= 0)
          return op.emitOpError("union.maestro_layer stride '")
                 << entry.getName().getValue()
                 << "' must be a positive integer";
        text.strides.emplace_back(entry.getName().str(), value.getInt());
      }
    return text;
  }
  // A plain contraction C[m, n] += A[m, k] * B[k, n] is a MAESTRO GEMM.
  ProblemAttr problem = op.getProblem();
  ArrayRef<TensorSpec> tensors = problem.getTensors();
  auto isDim = [](AffineExpr e, unsigned &position) {
    auto d = dyn_cast<AffineDimExpr>(e);
    if (d)
      position = d.getPosition();
    return bool(d);
  };
  unsigned a0, a1, b0, b1, c0, c1;
  if (problem.getDims().size() == 3 && tensors.size() == 3 &&
      tensors[0].indexing.getNumResults() == 2 &&
      tensors[1].indexing.getNumResults() == 2 &&
      tensors[2].indexing.getNumResults() == 2 &&
      tensors[2].role == TensorRole::ReadWrite &&
      isDim(tensors[0].indexing.getResult(0), a0) &&
      isDim(tensors[0].indexing.getResult(1), a1) &&
      isDim(tensors[1].indexing.getResult(0), b0) &&
      isDim(tensors[1].indexing.getResult(1), b1) &&
      isDim(tensors[2].indexing.getResult(0), c0) &&
      isDim(tensors[2].indexing.getResult(1), c1) && a0 == c0 && a1 == b0 &&
      b1 == c1 && a0 != a1 && a1 != b1 && a0 != b1) {
    ArrayRef<DimSpec> dims = problem.getDims();
    text.type = "GEMM";
    text.dimensions = {
        {"M", dims[a0].size}, {"N", dims[b1].size}, {"K", dims[a1].size}};
    return text;
  }
  return op.emitOpError("cannot be written as a MAESTRO layer: it has no "
                        "union.maestro_layer record and its problem is not a "
                        "GEMM (C[m, n] += A[m, k] * B[k, n])");
}

} // namespace

LogicalResult mlir::union_::exportMaestroMapping(ModuleOp module,
                                                 llvm::raw_ostream &os) {
  std::string name = "union";
  if (auto attr = module->getAttrOfType<StringAttr>("union.maestro_network"))
    name = attr.str();
  std::string body;
  llvm::raw_string_ostream out(body);
  unsigned unnamed = 0;
  WalkResult walk = module.walk([&](ComputeOp op) {
    DataflowAttr dataflow = op.getDataflowAttr();
    if (!dataflow) {
      op.emitOpError("has no dataflow to write as a MAESTRO Dataflow block");
      return WalkResult::interrupt();
    }
    FailureOr<LayerText> layer = describe(op);
    if (failed(layer))
      return WalkResult::interrupt();
    std::string label = op.getLabel() ? op.getLabel()->str()
                                      : "layer" + std::to_string(unnamed++);
    out << "\tLayer " << label << " {\n\t\tType: " << layer->type << "\n";
    auto block = [&](const char *keyword, const auto &entries) {
      out << "\t\t" << keyword << " { ";
      llvm::interleave(
          entries, out,
          [&](const auto &entry) {
            out << entry.first << ": " << entry.second;
          },
          ", ");
      out << " }\n";
    };
    if (!layer->strides.empty())
      block("Stride", layer->strides);
    block("Dimensions", layer->dimensions);
    out << "\t\tDataflow {\n";
    for (const Directive &d : dataflow.getDirectives()) {
      out << "\t\t\t";
      switch (d.kind) {
      case DirectiveKind::Cluster:
        out << "Cluster(" << d.size << ",P);\n";
        continue;
      case DirectiveKind::SpatialMap:
        out << "SpatialMap";
        break;
      case DirectiveKind::TemporalMap:
        out << "TemporalMap";
        break;
      }
      out << "(" << d.size << "," << d.offset << ") " << d.dim.getValue()
          << ";\n";
    }
    out << "\t\t}\n\t}\n";
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  os << "Network " << name << " {\n" << body << "}\n";
  return success();
}
