//===- UnionOps.cpp - Union dialect ops -----------------------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace mlir::union_;

#define GET_OP_CLASSES
#include "Union/Dialect/Union/IR/UnionOps.cpp.inc"

/// The body mirrors the operands and yields the results.
static LogicalResult verifyBody(ComputeOp op) {
  Region &body = op.getBody();
  if (body.empty()) {
    if (!op.getResults().empty())
      return op.emitOpError("has results but no body computing them");
    return success();
  }
  if (!body.hasOneBlock())
    return op.emitOpError("body must have exactly one block");
  Block &block = body.front();
  if (block.getNumArguments() != op.getArgs().size())
    return op.emitOpError() << "body has " << block.getNumArguments()
                            << " arguments but the op has "
                            << op.getArgs().size() << " operands";
  for (auto [i, pair] : llvm::enumerate(
           llvm::zip(block.getArgumentTypes(), op.getArgs().getTypes())))
    if (std::get<0>(pair) != std::get<1>(pair))
      return op.emitOpError()
             << "body argument #" << i << " has type " << std::get<0>(pair)
             << " but operand #" << i << " has type " << std::get<1>(pair);
  auto yield = block.empty() ? YieldOp() : dyn_cast<YieldOp>(block.back());
  if (!yield)
    return op.emitOpError("body must end with union.yield");
  if (yield.getValues().getTypes() != op.getResults().getTypes())
    return op.emitOpError() << "body yields " << yield.getValues().size()
                            << " value(s) whose types do not match the op's "
                            << op.getResults().size() << " result(s)";
  return success();
}

/// Operands, when present, are the problem's tensors in order, and are big
/// enough for every index the problem computes.
static LogicalResult verifyOperands(ComputeOp op, ProblemAttr problem) {
  if (op.getArgs().empty())
    return success();
  ArrayRef<TensorSpec> tensors = problem.getTensors();
  // Operands past the problem's tensors only feed the body (e.g. the zero
  // points of a quantized convolution).
  if (op.getArgs().size() < tensors.size())
    return op.emitOpError()
           << "has " << op.getArgs().size() << " operands but the problem has "
           << tensors.size() << " tensors";
  for (auto [i, value] :
       llvm::enumerate(op.getArgs().take_front(tensors.size()))) {
    const TensorSpec &tensor = tensors[i];
    auto shaped = dyn_cast<ShapedType>(value.getType());
    if (!shaped || !shaped.hasRank())
      return op.emitOpError()
             << "operand #" << i << " ('" << tensor.name.getValue()
             << "') must be a ranked tensor or memref";
    if (shaped.getRank() != tensor.indexing.getNumResults())
      return op.emitOpError()
             << "operand #" << i << " ('" << tensor.name.getValue()
             << "') has rank " << shaped.getRank()
             << " but the problem indexes it with "
             << tensor.indexing.getNumResults() << " expressions";
    SmallVector<int64_t> extents = problem.getTensorExtents(i);
    for (auto [d, extent] : llvm::enumerate(extents)) {
      int64_t size = shaped.getDimSize(d);
      if (!ShapedType::isDynamic(size) && size < extent)
        return op.emitOpError()
               << "operand #" << i << " ('" << tensor.name.getValue()
               << "') dimension " << d << " has size " << size
               << " but the problem indexes up to " << extent - 1;
    }
  }
  return success();
}

llvm::StringMap<int64_t> mlir::union_::getPaddedDimSizes(Operation *op) {
  llvm::StringMap<int64_t> padded;
  auto list = op->getAttrOfType<ArrayAttr>(kConstraintsAttrName);
  if (!list)
    return padded;
  for (Attribute element : list) {
    auto constraint = dyn_cast<ConstraintAttr>(element);
    if (!constraint || constraint.getKind() != ir::ConstraintKind::Pad ||
        !constraint.getDims() || constraint.getDims().size() != 1)
      continue;
    if (auto dim = dyn_cast<StringAttr>(constraint.getDims()[0]))
      padded[dim.getValue()] = constraint.getValue();
  }
  return padded;
}

static LogicalResult verifyMapping(ComputeOp op, MappingAttr mapping,
                                   ProblemAttr problem, ArchitectureAttr arch) {
  llvm::StringMap<int64_t> padded = getPaddedDimSizes(op);
  // Products of factors per dim, stopping before they could overflow.
  llvm::StringMap<int64_t> products;
  std::optional<unsigned> previousLevel;
  StringRef previousName;
  for (LevelMappingAttr level : mapping.getLevels()) {
    StringRef levelName = level.getLevel().getValue();
    int64_t spatialProduct = 1;
    for (const LoopSpec &loop : level.getLoops()) {
      StringRef dim = loop.dim.getValue();
      int64_t size = problem.getDimSize(dim);
      if (size == 0)
        return op.emitOpError() << "mapping level '" << levelName
                                << "' loops over unknown dim '" << dim << "'";
      auto pad = padded.find(dim);
      bool isPadded = pad != padded.end() && pad->second > size;
      if (isPadded)
        size = pad->second;
      int64_t &product = products.try_emplace(dim, 1).first->second;
      if (loop.factor > size || product > size / loop.factor)
        return op.emitOpError()
               << "mapping: the factors of dim '" << dim
               << "' multiply to more than its "
               << (isPadded ? "padded size " : "size ") << size;
      product *= loop.factor;
      if (loop.kind == LoopKind::Spatial)
        spatialProduct *= loop.factor; // bounded by the dim-size products
    }
    for (StringAttr tensor : level.getBypass())
      if (!problem.getTensor(tensor.getValue()))
        return op.emitOpError()
               << "mapping level '" << levelName
               << "' bypasses unknown tensor '" << tensor.getValue() << "'";
    if (!arch)
      continue;
    std::optional<unsigned> index = arch.getLevelIndex(levelName);
    if (!index || !isa<StorageLevelAttr>(arch.getLevels()[*index]))
      return op.emitOpError() << "mapping level '" << levelName
                              << "' is not a storage level of architecture '"
                              << arch.getName() << "'";
    if (previousLevel && *index <= *previousLevel)
      return op.emitOpError()
             << "mapping levels must follow the architecture's order: '"
             << levelName << "' is listed after '" << previousName << "'";
    previousLevel = index;
    previousName = levelName;
    int64_t fanout = arch.getFanoutBelow(*index);
    if (spatialProduct > fanout)
      return op.emitOpError()
             << "mapping level '" << levelName << "' spreads " << spatialProduct
             << " spatial iterations over a fan-out of " << fanout;
  }
  return success();
}

static LogicalResult verifyDataflow(ComputeOp op, DataflowAttr dataflow,
                                    ProblemAttr problem) {
  for (const Directive &directive : dataflow.getDirectives())
    if (directive.dim && !problem.isKnownIndexName(directive.dim.getValue()))
      return op.emitOpError() << "dataflow maps '" << directive.dim.getValue()
                              << "', which is neither a dim nor a named "
                                 "coordinate of the problem";
  return success();
}

LogicalResult ComputeOp::verify() {
  ProblemAttr problem = getProblem();
  if (failed(verifyBody(*this)) || failed(verifyOperands(*this, problem)))
    return failure();
  if (MappingAttr mapping = getMappingAttr())
    if (failed(verifyMapping(*this, mapping, problem, getArchAttr())))
      return failure();
  if (DataflowAttr dataflow = getDataflowAttr())
    if (failed(verifyDataflow(*this, dataflow, problem)))
      return failure();
  return success();
}
