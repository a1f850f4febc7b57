//===- MaestroDataflows.cpp - MAESTRO dataflows known by name -------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The CONV dataflows of MAESTRO's examples and paper, as written in the
// MAESTRO reference cases (test/Maestro/Inputs/curated-cases).
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/Sweep.h"

#include "llvm/ADT/StringRef.h"

using namespace mlir::union_;

namespace {
struct Preset {
  const char *name;
  const char *directives;
};
const Preset kPresets[] = {
    // NVDLA-like weight stationary: output channels across clusters of 64,
    // input channels within.
    {"KC-P", "SpatialMap(1,1) K; TemporalMap(64,64) C; "
             "TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S; "
             "TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(64, P); "
             "SpatialMap(1,1) C; TemporalMap(Sz(R),1) Y; "
             "TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; "
             "TemporalMap(Sz(S),Sz(S)) S;"},
    // Eyeriss-like row stationary.
    {"YR-P", "TemporalMap(16,16) K; TemporalMap(1,1) C; "
             "SpatialMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; "
             "TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S; "
             "Cluster(Sz(R),P); SpatialMap(1,1) Y; SpatialMap(1,1) R; "
             "TemporalMap(Sz(S),1) X; TemporalMap(Sz(S),Sz(S)) S;"},
    // Output columns across PEs, weight stationary.
    {"X-P", "TemporalMap(1,1) K; TemporalMap(1,1) C; TemporalMap(Sz(R),1) Y; "
            "SpatialMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; "
            "TemporalMap(Sz(S),Sz(S)) S;"},
    // ShiDianNao-like output stationary.
    {"YX-P", "TemporalMap(1,1) K; TemporalMap(1,1) C; SpatialMap(Sz(R),1) Y; "
             "TemporalMap(10,8) X; TemporalMap(Sz(R),Sz(R)) R; "
             "TemporalMap(Sz(S),Sz(S)) S; Cluster(8, P); "
             "SpatialMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; "
             "TemporalMap(Sz(S),Sz(S)) S;"},
    // Input channels across clusters of 64, output channels within.
    {"CK-P", "SpatialMap(1,1) C; TemporalMap(64,64) K; "
             "TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S; "
             "TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(64, P); "
             "SpatialMap(1,1) K; TemporalMap(Sz(R),Sz(R)) R; "
             "TemporalMap(Sz(S),Sz(S)) S;"},
    // Input channels across PEs, no local reuse.
    {"C-P", "TemporalMap(1,1) K; TemporalMap(Sz(R),1) Y; "
            "TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; "
            "TemporalMap(Sz(S),Sz(S)) S; SpatialMap(1,1) C;"},
    // GEMMs (C[m, n] += A[m, k] * B[k, n]): rows across clusters of 64,
    // the reduction within; the curated reference case
    // bert_q_proj__gemm_mk__hw256 checks it against MAESTRO.
    {"MK-P", "TemporalMap(1,1) N; SpatialMap(1,1) M; TemporalMap(64,64) K; "
             "Cluster(64, P); TemporalMap(1,1) N; TemporalMap(1,1) M; "
             "SpatialMap(1,1) K;"},
};
} // namespace

std::optional<std::string> dse::getMaestroDataflow(llvm::StringRef name) {
  for (const Preset &preset : kPresets)
    if (name.equals_insensitive(preset.name))
      return std::string(preset.directives);
  return std::nullopt;
}

std::vector<std::string> dse::getMaestroDataflowNames() {
  std::vector<std::string> names;
  for (const Preset &preset : kPresets)
    names.push_back(preset.name);
  return names;
}
