//===- UnionAttrs.h - Union dialect attributes ------------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_UNIONATTRS_H
#define UNION_DIALECT_UNION_IR_UNIONATTRS_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/APInt.h"

#include "Union/Dialect/Union/IR/UnionEnums.h.inc"

#include <string>

namespace mlir::union_ {

/// Mapper constraints a user (or an importer) writes on an op or its
/// module; union-prune-mapper applies them.
constexpr llvm::StringLiteral kMapperConstraintsAttrName =
    "union.mapper_constraints";
/// The op attribute holding the constraints applied so far (the prune
/// passes write it; a `pad` constraint there changes a dim's size for the
/// op's mapping).
constexpr llvm::StringLiteral kConstraintsAttrName = "union.constraints";
/// Why union-search left an op without a mapping (a string); union-report
/// lists the op with it.
constexpr llvm::StringLiteral kUnmappedAttrName = "union.unmapped";
/// Each cost model's cost of the op's current mapping or dataflow, by
/// model name (a dictionary of #union.cost): union-evaluate adds its
/// model's, union-search starts it afresh with the mapping it picks, and
/// union-report compares the models side by side.
constexpr llvm::StringLiteral kCostsAttrName = "union.costs";
/// On a multiply-accumulate op convert-linalg-to-union could not convert
/// (e.g. dynamic shapes): why (a string); union-report lists it.
constexpr llvm::StringLiteral kDroppedAttrName = "union.dropped";

/// A double usable as an attribute parameter (LLVM has no hash_value for
/// double). Converts to and from double implicitly.
struct F64 {
  double value = 0;
  F64() = default;
  F64(double value) : value(value) {}
  operator double() const { return value; }
  bool operator==(const F64 &other) const { return value == other.value; }
  bool operator==(double other) const { return value == other; }
};
llvm::hash_code hash_value(const F64 &value);

/// A named iteration dim of a problem.
struct DimSpec {
  StringAttr name;
  int64_t size;
  bool operator==(const DimSpec &other) const {
    return name == other.name && size == other.size;
  }
};
llvm::hash_code hash_value(const DimSpec &dim);

/// A tensor of a problem: one affine index expression per tensor dimension
/// over the problem's dims. `coords` optionally names each index (an empty
/// string for unnamed ones); it is null when no index is named.
struct TensorSpec {
  StringAttr name;
  TensorRole role;
  AffineMap indexing;
  int64_t bits;
  ArrayAttr coords;
  bool operator==(const TensorSpec &other) const {
    return name == other.name && role == other.role &&
           indexing == other.indexing && bits == other.bits &&
           coords == other.coords;
  }
};
llvm::hash_code hash_value(const TensorSpec &tensor);

/// One loop of a level mapping: `factor` iterations over `dim`.
struct LoopSpec {
  StringAttr dim;
  int64_t factor;
  LoopKind kind;
  bool operator==(const LoopSpec &other) const {
    return dim == other.dim && factor == other.factor && kind == other.kind;
  }
};
llvm::hash_code hash_value(const LoopSpec &loop);

/// One MAESTRO directive. `dim` is null for a cluster.
struct Directive {
  DirectiveKind kind;
  int64_t size;
  int64_t offset;
  StringAttr dim;
  bool operator==(const Directive &other) const {
    return kind == other.kind && size == other.size && offset == other.offset &&
           dim == other.dim;
  }
};
llvm::hash_code hash_value(const Directive &directive);

/// Parses an integer or floating-point literal as a double.
FailureOr<F64> parseDouble(AsmParser &parser);
/// Prints the shortest decimal that parses back to `value`.
void printDouble(AsmPrinter &printer, double value);
/// Parses `true` or `false`.
FailureOr<bool> parseBool(AsmParser &parser);
/// A count below 2^128 as two words: trivially destructible, so arrays of
/// it can live in attribute storage (which runs no element destructors).
struct Count {
  uint64_t low = 0, high = 0;
  bool operator==(const Count &other) const {
    return low == other.low && high == other.high;
  }
  llvm::APInt toAPInt() const {
    uint64_t words[2] = {low, high};
    return llvm::APInt(128, words);
  }
  static Count fromAPInt(const llvm::APInt &value) {
    llvm::APInt wide = value.zextOrTrunc(128);
    return {wide.extractBitsAsZExtValue(64, 0),
            wide.extractBitsAsZExtValue(64, 64)};
  }
};
llvm::hash_code hash_value(const Count &count);

/// Parses a non-negative integer below 2^128 as a 128-bit APInt.
FailureOr<llvm::APInt> parseCount(AsmParser &parser);
/// The decimal text of a count.
std::string formatCount(const llvm::APInt &count);

} // namespace mlir::union_

#define GET_ATTRDEF_CLASSES
#include "Union/Dialect/Union/IR/UnionAttrs.h.inc"

#endif // UNION_DIALECT_UNION_IR_UNIONATTRS_H
