//===- Summary.cpp - Print a per-op summary of union ops ------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Dialect/Union/Transforms/Passes.h"

#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/ToolOutputFile.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONSUMMARY
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {

struct Row {
  std::string label, dims, tensors, carries;
  uint64_t macs;
};

/// One line per architecture: its hierarchy and peak MAC rate.
std::string describeArchitecture(ArchitectureAttr arch) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "architecture " << arch.getName() << ": ";
  int64_t units = 1, vectorWidth = 1;
  llvm::interleave(
      arch.getLevels(), os,
      [&](Attribute level) {
        if (auto storage = dyn_cast<StorageLevelAttr>(level)) {
          os << storage.getName();
          if (storage.getCapacity())
            os << "(" << storage.getCapacity() << " words)";
        } else if (auto network = dyn_cast<NetworkLevelAttr>(level)) {
          os << network.getName() << " x" << network.getFanout();
          units *= network.getFanout();
        } else if (auto compute = dyn_cast<ComputeLevelAttr>(level)) {
          os << compute.getName();
          vectorWidth = compute.getVectorWidth();
        }
      },
      " > ");
  os << "; " << units << " MAC units x " << vectorWidth << " MACs/cycle = peak "
     << units * vectorWidth << " MACs/cycle";
  return text;
}

std::string describeDims(ProblemAttr problem) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(
      problem.getDims(), os,
      [&](const DimSpec &dim) { os << dim.name.getValue() << "=" << dim.size; },
      " ");
  return text;
}

/// Each tensor's footprint in elements (product of its index extents).
std::string describeTensors(ProblemAttr problem, uint64_t &elements) {
  std::string text;
  llvm::raw_string_ostream os(text);
  for (auto [i, tensor] : llvm::enumerate(problem.getTensors())) {
    uint64_t size = 1;
    for (int64_t extent : problem.getTensorExtents(i))
      size *= static_cast<uint64_t>(extent);
    elements += size;
    os << (i ? " " : "") << tensor.name.getValue() << "=" << size;
  }
  return text;
}

std::string describeCarried(ComputeOp op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (ArchitectureAttr arch = op.getArchAttr())
    os << "arch:" << arch.getName() << " ";
  if (op.getMappingAttr())
    os << "mapping ";
  if (DataflowAttr dataflow = op.getDataflowAttr())
    os << "dataflow(" << dataflow.getNumLevels() << " levels) ";
  if (CostAttr cost = op.getCostAttr())
    os << "cost:" << cost.getCycles() << "cyc ";
  if (text.empty())
    return "-";
  text.pop_back();
  return text;
}

struct SummaryPass : mlir::union_::impl::UnionSummaryBase<SummaryPass> {
  using Base::Base;

  void runOnOperation() override {
    std::vector<Row> rows;
    llvm::SetVector<Attribute> architectures;
    uint64_t totalMacs = 0, totalElements = 0;
    unsigned unnamed = 0;
    getOperation()->walk([&](ComputeOp op) {
      ProblemAttr problem = op.getProblemAttr();
      Row row;
      row.label = getOpLabel(op, "#" + std::to_string(unnamed));
      ++unnamed;
      row.dims = describeDims(problem);
      row.tensors = describeTensors(problem, totalElements);
      row.carries = describeCarried(op);
      if (ArchitectureAttr arch = op.getArchAttr())
        architectures.insert(arch);
      row.macs = problem.getMacs();
      totalMacs += row.macs;
      rows.push_back(std::move(row));
    });

    std::string errorMessage;
    auto file = openOutputFile(output, &errorMessage);
    if (!file) {
      emitError(getOperation()->getLoc(), "union-summary: ") << errorMessage;
      return signalPassFailure();
    }
    print(file->os(), rows, totalMacs, totalElements);
    for (Attribute arch : architectures)
      file->os() << describeArchitecture(cast<ArchitectureAttr>(arch)) << "\n";
    file->keep();
    markAllAnalysesPreserved();
  }

  static void print(llvm::raw_ostream &os, const std::vector<Row> &rows,
                    uint64_t totalMacs, uint64_t totalElements) {
    size_t labelWidth = 2, dimsWidth = 4, tensorsWidth = 25;
    for (const Row &row : rows) {
      labelWidth = std::max(labelWidth, row.label.size());
      dimsWidth = std::max(dimsWidth, row.dims.size());
      tensorsWidth = std::max(tensorsWidth, row.tensors.size());
    }
    os << "Union summary: " << rows.size() << " union op(s)\n";
    os << llvm::left_justify("op", labelWidth) << "  "
       << llvm::left_justify("dims", dimsWidth) << "  "
       << llvm::right_justify("MACs", 14) << "  "
       << llvm::left_justify("tensor extents (elements)", tensorsWidth)
       << "  carries\n";
    for (const Row &row : rows)
      os << llvm::left_justify(row.label, labelWidth) << "  "
         << llvm::left_justify(row.dims, dimsWidth) << "  "
         << llvm::format_decimal(row.macs, 14) << "  "
         << llvm::left_justify(row.tensors, tensorsWidth) << "  " << row.carries
         << "\n";
    os << "total: " << totalMacs << " MACs, " << totalElements
       << " tensor elements\n";
  }
};

} // namespace
