//===- SampleMappings.cpp - Show mappings from a pruned map space ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"
#include "Union/Dialect/Union/Transforms/Passes.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONSAMPLEMAPPINGS
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {
struct SampleMappingsPass
    : mlir::union_::impl::UnionSampleMappingsBase<SampleMappingsPass> {
  using Base::Base;

  void runOnOperation() override {
    bool failedAny = false;
    getOperation()->walk([&](MappableOpInterface op) {
      FailureOr<OpSpace> space = getOpSpace(op);
      if (failed(space)) {
        failedAny = true;
        return;
      }
      std::unique_ptr<ConstrainedMapSpace> mapSpace =
          buildOpMapSpace(op, *space);
      if (!mapSpace) {
        failedAny = true;
        return;
      }
      std::optional<MapIndex> size = mapSpace->size();
      if (size && *size == 0) {
        op.emitError("cannot draw from a map space that is empty");
        failedAny = true;
        return;
      }
      std::mt19937_64 random(seed);
      for (unsigned i = 0; i < count; ++i) {
        // Spaces too large to rank are drawn by weighted choices.
        std::optional<MapIndex> index;
        if (size)
          index = uniformIndex(random, *size);
        MapPoint point =
            index ? mapSpace->point(*index) : mapSpace->sample(random);
        // Each drawn point is held to every constraint's definition: a
        // violation would be a counting bug, never a user error.
        for (const Constraint &c : space->constraints)
          if (!satisfies(c, space->problem, space->levels, point)) {
            op.emitError("internal error: drawn mapping ")
                << (index ? toString(*index) : std::string("(sampled)"))
                << " violates "
                << describeConstraint(c, space->problem, space->levels);
            failedAny = true;
            return;
          }
        op.emitRemark("mapping ")
            << i + 1 << " of " << unsigned(count) << " for '" << getOpLabel(op)
            << "' drawn from "
            << (size ? toString(*size) : toString(kUncounted)) << ": index "
            << (index ? toString(*index) : std::string("none (sampled)"))
            << ": "
            << getMappingAttr(&getContext(), point, space->problem,
                              space->levels);
      }
    });
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
