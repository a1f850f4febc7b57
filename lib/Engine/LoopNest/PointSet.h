//===- PointSet.h - Sets of tensor points as disjoint boxes -----*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The point sets of Timeloop's nest analysis (docs/LoopNest.md §2.2): a
// list of disjoint boxes, cut the way Timeloop cuts them, because the
// multicast analysis compares deltas box by box.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_LIB_COSTMODEL_LOOPNEST_POINTSET_H
#define UNION_LIB_COSTMODEL_LOOPNEST_POINTSET_H

#include "llvm/ADT/SmallVector.h"

#include <array>
#include <cstdint>

namespace mlir::union_::loopnest {

/// Tensors of higher rank are refused by validate().
constexpr unsigned kMaxRank = 8;

using Coordinates = std::array<int64_t, kMaxRank>;

/// [lo, hi) in every rank.
struct Box {
  Coordinates lo{}, hi{};

  int64_t size(unsigned rank) const {
    int64_t n = 1;
    for (unsigned r = 0; r < rank; ++r)
      n *= hi[r] - lo[r];
    return n;
  }
  bool empty(unsigned rank) const {
    for (unsigned r = 0; r < rank; ++r)
      if (hi[r] <= lo[r])
        return true;
    return false;
  }
  bool equals(const Box &other, unsigned rank) const {
    for (unsigned r = 0; r < rank; ++r)
      if (lo[r] != other.lo[r] || hi[r] != other.hi[r])
        return false;
    return true;
  }
};

/// A translation between two point sets; `valid` false is Timeloop's
/// "no translation yet".
struct Translation {
  bool valid = false;
  Coordinates offset{};
};

class PointSet {
public:
  PointSet() = default;
  explicit PointSet(const Box &box, unsigned rank) {
    if (!box.empty(rank))
      boxes.push_back(box);
  }

  bool empty() const { return boxes.empty(); }
  int64_t size(unsigned rank) const {
    int64_t n = 0;
    for (const Box &box : boxes)
      n += box.size(rank);
    return n;
  }
  const llvm::SmallVectorImpl<Box> &getBoxes() const { return boxes; }

  /// This set minus `other`: each box is cut around each box of `other`,
  /// rank by rank (lower slice, upper slice, then the middle shrinks).
  PointSet minus(const PointSet &other, unsigned rank) const {
    PointSet result = *this;
    for (const Box &cut : other.boxes) {
      llvm::SmallVector<Box, 4> pieces;
      for (const Box &box : result.boxes) {
        bool overlaps = true;
        for (unsigned r = 0; r < rank && overlaps; ++r)
          overlaps = box.lo[r] < cut.hi[r] && cut.lo[r] < box.hi[r];
        if (!overlaps) {
          pieces.push_back(box);
          continue;
        }
        Box middle = box;
        for (unsigned r = 0; r < rank; ++r) {
          if (middle.lo[r] < cut.lo[r]) {
            Box piece = middle;
            piece.hi[r] = cut.lo[r];
            pieces.push_back(piece);
            middle.lo[r] = cut.lo[r];
          }
          if (middle.hi[r] > cut.hi[r]) {
            Box piece = middle;
            piece.lo[r] = cut.hi[r];
            pieces.push_back(piece);
            middle.hi[r] = cut.hi[r];
          }
        }
      }
      result.boxes.assign(pieces.begin(), pieces.end());
    }
    return result;
  }

  /// Same boxes, in any order.
  bool equals(const PointSet &other, unsigned rank) const {
    if (boxes.size() != other.boxes.size())
      return false;
    for (const Box &box : boxes) {
      bool found = false;
      for (const Box &candidate : other.boxes)
        if (box.equals(candidate, rank)) {
          found = true;
          break;
        }
      if (!found)
        return false;
    }
    return true;
  }

  PointSet translated(const Translation &t, unsigned rank) const {
    PointSet result = *this;
    for (Box &box : result.boxes)
      for (unsigned r = 0; r < rank; ++r) {
        box.lo[r] += t.offset[r];
        box.hi[r] += t.offset[r];
      }
    return result;
  }

private:
  llvm::SmallVector<Box, 2> boxes;
};

} // namespace mlir::union_::loopnest

#endif // UNION_LIB_COSTMODEL_LOOPNEST_POINTSET_H
