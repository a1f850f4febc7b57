//===- LinalgToUnion.cpp - Wrap multiply-accumulate linalg ops ------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The problem of a linalg op comes from its loop ranges, its indexing maps
// and its body (which must be a multiply-accumulate); the op's name only
// picks the dim names.
//
//===----------------------------------------------------------------------===//

#include "Union/Conversion/Passes.h"
#include "Union/Dialect/Union/IR/UnionOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/StringSet.h"

namespace mlir::union_ {
#define GEN_PASS_DEF_CONVERTLINALGTOUNION
#include "Union/Conversion/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {

/// Looks through value-preserving conversions.
Value stripCasts(Value value) {
  while (Operation *op = value.getDefiningOp()) {
    if (!isa<arith::ExtFOp, arith::TruncFOp, arith::ExtSIOp, arith::ExtUIOp,
             arith::TruncIOp, arith::SIToFPOp, arith::UIToFPOp, arith::FPToSIOp,
             arith::FPToUIOp, arith::BitcastOp, arith::IndexCastOp>(op))
      break;
    value = op->getOperand(0);
  }
  return value;
}

/// A multiplicand: a block argument, possibly minus a zero point.
Value stripZeroPoint(Value value) {
  value = stripCasts(value);
  if (Operation *op = value.getDefiningOp())
    if (isa<arith::SubIOp, arith::SubFOp>(op))
      return stripCasts(op->getOperand(0));
  return value;
}

/// Checks that the body computes out += in0 * in1 (in either order).
LogicalResult matchMultiplyAccumulate(linalg::LinalgOp op, std::string &why) {
  if (op.getNumDpsInits() != 1 || op.getNumDpsInputs() < 2) {
    why = "it does not have two inputs and one output";
    return failure();
  }
  // Inputs past the first two may only be scalars (quantization zero
  // points).
  for (OpOperand *input : op.getDpsInputOperands())
    if (input->getOperandNumber() >= 2)
      if (auto shaped = dyn_cast<ShapedType>(input->get().getType());
          shaped && shaped.getRank() != 0) {
        why = "an input past the first two is not a scalar zero point";
        return failure();
      }
  Block &body = op->getRegion(0).front();
  Operation *terminator = body.getTerminator();
  if (terminator->getNumOperands() != 1) {
    why = "its body does not yield one value";
    return failure();
  }
  Operation *add = stripCasts(terminator->getOperand(0)).getDefiningOp();
  if (!add || !isa<arith::AddFOp, arith::AddIOp>(add)) {
    why = "its body is not an accumulation (no add at its result)";
    return failure();
  }
  Value accumulator = body.getArgument(op.getNumDpsInputs());
  Value product;
  if (stripCasts(add->getOperand(0)) == accumulator)
    product = add->getOperand(1);
  else if (stripCasts(add->getOperand(1)) == accumulator)
    product = add->getOperand(0);
  else {
    why = "its body does not add to the output's value";
    return failure();
  }
  Operation *mul = stripCasts(product).getDefiningOp();
  if (!mul || !isa<arith::MulFOp, arith::MulIOp>(mul)) {
    why = "its body adds something other than a product";
    return failure();
  }
  Value lhs = stripZeroPoint(mul->getOperand(0));
  Value rhs = stripZeroPoint(mul->getOperand(1));
  Value in0 = body.getArgument(0), in1 = body.getArgument(1);
  if (!((lhs == in0 && rhs == in1) || (lhs == in1 && rhs == in0))) {
    why = "its product is not of the first two inputs";
    return failure();
  }
  return success();
}

std::string letterName(unsigned index) {
  if (index < 26)
    return std::string(1, char('a' + index));
  return "d" + std::to_string(index);
}

/// The roles of a convolution's loops, from the input, filter and output
/// maps (as linalg::inferConvolutionDims, but on the three maps alone, so
/// the zero-point operands of quantized convs do not get in the way).
struct ConvRoles {
  SmallVector<unsigned> batch, image, outputChannel, filter, inputChannel,
      depth;
};

FailureOr<ConvRoles> inferConvRoles(AffineMap input, AffineMap filter,
                                    AffineMap output, unsigned numLoops) {
  auto uses = [&](AffineMap map, unsigned dim) {
    return map.isFunctionOfDim(dim);
  };
  llvm::SmallDenseSet<unsigned> image, window;
  for (AffineExpr expr : input.getResults()) {
    if (isa<AffineDimExpr>(expr))
      continue;
    // A convolved index: one output dim plus one filter-only dim.
    SmallVector<unsigned> dims;
    expr.walk([&](AffineExpr e) {
      if (auto d = dyn_cast<AffineDimExpr>(e))
        dims.push_back(d.getPosition());
    });
    if (dims.size() != 2)
      return failure();
    unsigned a = dims[0], b = dims[1];
    if (uses(output, b) && !uses(output, a))
      std::swap(a, b);
    if (!uses(output, a) || uses(filter, a) || !uses(filter, b) ||
        uses(output, b))
      return failure();
    image.insert(a);
    window.insert(b);
  }
  if (image.empty())
    return failure();
  ConvRoles roles;
  for (unsigned d = 0; d < numLoops; ++d) {
    bool a = uses(input, d), f = uses(filter, d), o = uses(output, d);
    if (image.contains(d))
      roles.image.push_back(d);
    else if (window.contains(d))
      roles.filter.push_back(d);
    else if (a && o && !f)
      roles.batch.push_back(d);
    else if (f && o && !a)
      roles.outputChannel.push_back(d);
    else if (a && f && !o)
      roles.inputChannel.push_back(d);
    else if (a && f && o)
      roles.depth.push_back(d);
    else
      return failure();
  }
  return roles;
}

/// Role names for the loops of a named op; empty when roles are unclear.
SmallVector<std::string> roleNames(linalg::LinalgOp op,
                                   ArrayRef<AffineMap> maps, bool &isConv) {
  unsigned numLoops = op.getNumLoops();
  SmallVector<std::string> names(numLoops);
  auto assign = [&](ArrayRef<unsigned> dims, ArrayRef<const char *> single,
                    const char *prefix) {
    for (auto [i, dim] : llvm::enumerate(dims))
      names[dim] = dims.size() == single.size() ? std::string(single[i])
                                                : prefix + std::to_string(i);
  };
  isConv = false;
  if (isa<linalg::GenericOp>(op))
    return {};
  if (auto conv = inferConvRoles(maps[0], maps[1], maps[2], numLoops);
      succeeded(conv)) {
    isConv = true;
    assign(conv->batch, {"N"}, "N");
    static const char *image1[] = {"P"}, *image2[] = {"P", "Q"},
                      *image3[] = {"Z", "P", "Q"};
    static const char *filter1[] = {"R"}, *filter2[] = {"R", "S"},
                      *filter3[] = {"T", "R", "S"};
    auto pick = [](size_t n, ArrayRef<const char *> a, ArrayRef<const char *> b,
                   ArrayRef<const char *> c) -> ArrayRef<const char *> {
      return n == 1 ? a : n == 2 ? b : n == 3 ? c : ArrayRef<const char *>();
    };
    assign(conv->image, pick(conv->image.size(), image1, image2, image3), "P");
    assign(conv->filter, pick(conv->filter.size(), filter1, filter2, filter3),
           "R");
    assign(conv->outputChannel, {"K"}, "K");
    assign(conv->inputChannel, {"C"}, "C");
    // The channel of a depthwise conv indexes all three tensors, as the
    // group of a grouped conv does.
    assign(conv->depth, {conv->inputChannel.empty() ? "C" : "G"}, "G");
  } else if (auto mm = linalg::inferContractionDims(maps); succeeded(mm)) {
    assign(mm->batch, {"B"}, "B");
    assign(mm->m, {"M"}, "M");
    assign(mm->n, {"N"}, "N");
    assign(mm->k, {"K"}, "K");
  } else {
    return {};
  }
  llvm::StringSet<> seen;
  for (const std::string &name : names)
    if (name.empty() || !seen.insert(name).second)
      return {};
  return names;
}

int64_t bitWidth(Type type) {
  Type element = getElementTypeOrSelf(type);
  if (element.isIntOrFloat())
    return element.getIntOrFloatBitWidth();
  return 32;
}

std::string labelFor(Operation *op, unsigned index) {
  Location loc = op->getLoc();
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (auto name = dyn_cast<NameLoc>(inner))
        return name.getName().str();
  StringRef opName = op->getName().getStringRef();
  opName.consume_front("linalg.");
  return opName.str() + "_" + std::to_string(index);
}

/// Builds the problem or says why there is none.
ProblemAttr buildProblem(linalg::LinalgOp op, std::string &why) {
  MLIRContext *context = op.getContext();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (int64_t range : ranges)
    if (ShapedType::isDynamic(range)) {
      why = "its loop ranges are not static";
      return {};
    }
  AffineMap tensorMaps[3] = {
      op.getMatchingIndexingMap(op.getDpsInputOperand(0)),
      op.getMatchingIndexingMap(op.getDpsInputOperand(1)),
      op.getMatchingIndexingMap(op.getDpsInitOperand(0))};
  bool isConv;
  SmallVector<std::string> names = roleNames(op, tensorMaps, isConv);
  if (names.empty()) {
    isConv = false;
    for (unsigned i = 0; i < ranges.size(); ++i)
      names.push_back(letterName(i));
  }
  SmallVector<DimSpec> dims;
  for (auto [name, size] : llvm::zip(names, ranges))
    dims.push_back(DimSpec{StringAttr::get(context, name), size});
  SmallVector<Value> operands = {op.getDpsInputOperand(0)->get(),
                                 op.getDpsInputOperand(1)->get(),
                                 op.getDpsInitOperand(0)->get()};
  const char *convNames[3] = {"input", "filter", "output"};
  const char *otherNames[3] = {"A", "B", "C"};
  SmallVector<TensorSpec> tensors;
  for (unsigned t = 0; t < 3; ++t)
    tensors.push_back(TensorSpec{
        StringAttr::get(context, isConv ? convNames[t] : otherNames[t]),
        t == 2 ? TensorRole::ReadWrite : TensorRole::Read, tensorMaps[t],
        bitWidth(operands[t].getType()), ArrayAttr()});
  // Verify quietly: a failure is a reason to leave the op alone.
  std::string message;
  ScopedDiagnosticHandler capture(context, [&](Diagnostic &diag) {
    message = diag.str();
    return success();
  });
  ProblemAttr problem = ProblemAttr::getChecked(
      [&] { return emitError(op.getLoc()); }, context, ArrayRef<DimSpec>(dims),
      ArrayRef<TensorSpec>(tensors));
  if (!problem)
    why = "its indexing cannot be a union problem: " + message;
  return problem;
}

struct ConvertLinalgToUnionPass
    : mlir::union_::impl::ConvertLinalgToUnionBase<ConvertLinalgToUnionPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> candidates;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (!op->getParentOfType<ComputeOp>())
        candidates.push_back(op);
    });
    unsigned index = 0;
    for (linalg::LinalgOp op : candidates) {
      std::string why;
      if (failed(matchMultiplyAccumulate(op, why))) {
        if (remarks)
          emitRemark(op.getLoc(), "not converted to union: ") << why;
        continue;
      }
      ProblemAttr problem = buildProblem(op, why);
      if (!problem) {
        // A multiply-accumulate the network's costs will miss: always say
        // so, and mark it for union-report.
        op.emitWarning("multiply-accumulate not converted to union (it "
                       "will not be mapped or costed): ")
            << why;
        op->setAttr(kDroppedAttrName, StringAttr::get(op.getContext(), why));
        continue;
      }
      wrap(op, problem, labelFor(op, index++));
    }
  }

  void wrap(linalg::LinalgOp op, ProblemAttr problem, StringRef label) {
    OpBuilder builder(op);
    Location loc = op.getLoc();
    // The problem's tensors first, then any zero points the body needs.
    SmallVector<Value> operands = {op.getDpsInputOperand(0)->get(),
                                   op.getDpsInputOperand(1)->get(),
                                   op.getDpsInitOperand(0)->get()};
    for (OpOperand *input : op.getDpsInputOperands())
      if (input->getOperandNumber() >= 2)
        operands.push_back(input->get());
    auto compute = ComputeOp::create(builder, loc, op->getResultTypes(),
                                     builder.getStringAttr(label), operands,
                                     problem, ArchitectureAttr(), MappingAttr(),
                                     DataflowAttr(), CostAttr());
    SmallVector<Type> types;
    SmallVector<Location> locs;
    for (Value operand : operands) {
      types.push_back(operand.getType());
      locs.push_back(loc);
    }
    Block *block = builder.createBlock(&compute.getBody(), {}, types, locs);
    IRMapping mapping;
    for (auto [operand, argument] : llvm::zip(operands, block->getArguments()))
      mapping.map(operand, argument);
    Operation *clone = builder.clone(*op, mapping);
    YieldOp::create(builder, loc, clone->getResults());
    op->replaceAllUsesWith(compute.getResults());
    op->erase();
  }
};

} // namespace
