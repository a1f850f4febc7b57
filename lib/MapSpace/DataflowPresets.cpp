//===- DataflowPresets.cpp - Fixed dataflows as map-space constraints -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A fixed-dataflow accelerator only runs mappings of its dataflow. Each
// preset is written in terms of how dims relate to the tensors, so it means
// the same thing for a convolution, a GEMM or any contraction:
//   out-channel dims   index the weights and the output, not the input (K)
//   in-channel dims    index the weights and the input, not the output, and
//                      not inside a sliding window (C)
//   output-pixel dims  index the input and the output, not the weights
//                      (N, P, Q; a GEMM's M)
//   row dims           the dims of the input's first sliding-window index
//                      (P and R of a 2-D convolution)
//
//===----------------------------------------------------------------------===//

#include "Union/MapSpace/Constraint.h"

#include <algorithm>

using namespace mlir::union_;

namespace {

struct DimClasses {
  uint64_t outChannel = 0, inChannel = 0, outputPixel = 0, rows = 0;
};

DimClasses classifyDims(const SpaceProblem &problem) {
  DimClasses classes;
  int input = problem.getInputTensor(), weight = problem.getWeightTensor(),
      output = problem.getOutputTensor();
  auto relevant = [&](int tensor) {
    return tensor < 0 ? uint64_t(0) : problem.tensors[tensor].relevantDims;
  };
  uint64_t windowed = 0;
  if (input >= 0) {
    for (const SpaceIndex &index : problem.tensors[input].indices) {
      if (index.size() < 2)
        continue;
      uint64_t dims = 0;
      for (auto [dim, coefficient] : index)
        dims |= uint64_t(1) << dim;
      windowed |= dims;
      if (!classes.rows)
        classes.rows = dims;
    }
  }
  uint64_t i = relevant(input), w = relevant(weight), o = relevant(output);
  classes.outChannel = w & o & ~i;
  classes.inChannel = w & i & ~o & ~windowed;
  classes.outputPixel = i & o & ~w;
  return classes;
}

Constraint make(ConstraintKind kind, int level, const std::string &preset) {
  Constraint c;
  c.source = ConstraintSource::Hardware;
  c.kind = kind;
  c.level = level;
  c.origin = "dataflow " + preset;
  return c;
}

} // namespace

std::vector<std::string> mlir::union_::getDataflowPresetNames() {
  return {"eyeriss", "flexible", "nvdla", "shidiannao", "tpu"};
}

static bool presetConstraints(const std::string &name,
                              const SpaceProblem &problem,
                              const std::vector<SpaceLevel> &levels,
                              std::vector<Constraint> &constraints,
                              std::string &error) {
  if (name == "flexible")
    return true;
  std::vector<unsigned> fanoutLevels;
  for (unsigned l = 0; l < levels.size(); ++l)
    if (levels[l].fanoutBelow > 1)
      fanoutLevels.push_back(l);
  auto known = getDataflowPresetNames();
  if (std::find(known.begin(), known.end(), name) == known.end()) {
    error = "unknown dataflow preset '" + name +
            "' (available: eyeriss, flexible, nvdla, shidiannao, tpu)";
    return false;
  }
  if (fanoutLevels.empty()) {
    error = "dataflow preset '" + name +
            "' needs an architecture with a fan-out (a network or a vector "
            "unit); this one has none";
    return false;
  }
  DimClasses classes = classifyDims(problem);
  unsigned innermost = levels.size() - 1;
  auto spatial = [&](unsigned level, uint64_t dims) {
    Constraint c = make(ConstraintKind::SpatialDims, level, name);
    c.dims = dims;
    constraints.push_back(c);
  };
  auto stationary = [&](int tensor) {
    if (tensor < 0)
      return;
    Constraint c = make(ConstraintKind::Stationary, innermost, name);
    c.tensor = tensor;
    constraints.push_back(c);
  };

  if (name == "nvdla") {
    // Output channels across the cells, input channels across each cell's
    // MAC vector; with a single fan-out both may share it.
    bool split = fanoutLevels.size() > 1 && fanoutLevels.back() == innermost;
    for (unsigned l : fanoutLevels)
      spatial(l, !split           ? classes.outChannel | classes.inChannel
                 : l == innermost ? classes.inChannel
                                  : classes.outChannel);
    stationary(problem.getWeightTensor());
  } else if (name == "eyeriss") {
    // Row stationary: filter rows and output rows across the array, each PE
    // keeping its filter row while it slides along the input row.
    for (unsigned l : fanoutLevels)
      spatial(l, classes.rows);
    stationary(problem.getWeightTensor());
  } else if (name == "shidiannao") {
    // Output stationary: output pixels across the array, each PE
    // accumulating its pixel over channels and the window.
    for (unsigned l : fanoutLevels)
      spatial(l, classes.outputPixel);
    stationary(problem.getOutputTensor());
  } else if (name == "tpu") {
    // A weight-stationary systolic array: output channels along X, input
    // channels along Y.
    int array = -1;
    for (unsigned l : fanoutLevels)
      if (levels[l].meshX > 0 && array < 0)
        array = l;
    if (array < 0) {
      error = "dataflow preset 'tpu' needs a 2-D array (a network with "
              "mesh_x); this architecture has none";
      return false;
    }
    for (unsigned l : fanoutLevels) {
      if (int(l) == array) {
        Constraint c = make(ConstraintKind::MeshAxes, l, name);
        c.dims = classes.outChannel;
        c.dimsY = classes.inChannel;
        constraints.push_back(c);
      } else {
        spatial(l, classes.outChannel | classes.inChannel);
      }
    }
    stationary(problem.getWeightTensor());
  }
  return true;
}

llvm::Expected<std::vector<Constraint>>
mlir::union_::getDataflowPresetConstraints(
    const std::string &name, const SpaceProblem &problem,
    const std::vector<SpaceLevel> &levels) {
  std::vector<Constraint> constraints;
  std::string error;
  if (!presetConstraints(name, problem, levels, constraints, error))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  return constraints;
}
