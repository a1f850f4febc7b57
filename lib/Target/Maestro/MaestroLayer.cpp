//===- MaestroLayer.cpp - The MAESTRO layer of a union.compute op ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Target/MaestroTranslation.h"

using namespace mlir;
using namespace mlir::union_;
namespace m = mlir::union_::maestro;

namespace {

LogicalResult fromRecord(MappableOpInterface op, DictionaryAttr record,
                         m::Layer &layer) {
  auto type = record.getAs<StringAttr>("type");
  auto dims = record.getAs<DictionaryAttr>("dimensions");
  if (!type || !dims)
    return op.emitOpError("union.maestro_layer needs a 'type' string and a "
                          "'dimensions' dictionary");
  StringRef t = type.getValue();
  if (t == "CONV" || t == "TRCONV")
    layer.type = m::LayerType::Conv;
  else if (t == "DSCONV")
    layer.type = m::LayerType::DSConv;
  else if (t == "GEMM")
    layer.type = m::LayerType::GEMM;
  else if (t == "NGCONV")
    layer.type = m::LayerType::NGConv;
  else
    return op.emitOpError("union.maestro_layer has an unknown type '")
           << t << "'";
  auto entries = [&](DictionaryAttr dict, const char *what,
                     std::array<int64_t, m::kNumDims> &out) -> LogicalResult {
    for (NamedAttribute entry : dict) {
      std::optional<m::Dim> dim = m::parseDimName(entry.getName().getValue());
      auto value = dyn_cast<IntegerAttr>(entry.getValue());
      if (!dim)
        return op.emitOpError("union.maestro_layer ")
               << what << " names an unknown dimension '"
               << entry.getName().getValue() << "'";
      if (!value || value.getInt() <= 0)
        return op.emitOpError("union.maestro_layer ")
               << what << " '" << entry.getName().getValue()
               << "' must be a positive integer";
      out[*dim] = value.getInt();
    }
    return success();
  };
  if (failed(entries(dims, "dimension", layer.sizes)))
    return failure();
  if (auto strides = record.getAs<DictionaryAttr>("stride"))
    if (failed(entries(strides, "stride", layer.strides)))
      return failure();
  return success();
}

/// dim position, if `expr` is a bare dim.
std::optional<unsigned> dimOf(AffineExpr expr) {
  if (auto d = dyn_cast<AffineDimExpr>(expr))
    return d.getPosition();
  return std::nullopt;
}

/// `a * s + b` with a, b dims (s >= 1), as (a, s, b, coefficient of b).
std::optional<std::tuple<unsigned, int64_t, unsigned, int64_t>>
slidingIndex(AffineExpr expr) {
  auto add = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!add || add.getKind() != AffineExprKind::Add)
    return std::nullopt;
  auto term = [](AffineExpr e) -> std::optional<std::pair<unsigned, int64_t>> {
    if (auto d = dimOf(e))
      return std::make_pair(*d, int64_t(1));
    auto mul = dyn_cast<AffineBinaryOpExpr>(e);
    if (!mul || mul.getKind() != AffineExprKind::Mul)
      return std::nullopt;
    auto d = dimOf(mul.getLHS());
    auto c = dyn_cast<AffineConstantExpr>(mul.getRHS());
    if (!d || !c)
      return std::nullopt;
    return std::make_pair(*d, c.getValue());
  };
  auto lhs = term(add.getLHS()), rhs = term(add.getRHS());
  if (!lhs || !rhs)
    return std::nullopt;
  return std::make_tuple(lhs->first, lhs->second, rhs->first, rhs->second);
}

/// GEMM C[m, n] += A[m, k] * B[k, n], or a convolution in any layout.
LogicalResult fromProblem(ProblemAttr problem, m::Layer &layer,
                          llvm::SmallDenseMap<unsigned, m::Dim> &names,
                          std::string &why,
                          SmallVectorImpl<unsigned> *batchDims = nullptr) {
  ArrayRef<TensorSpec> tensors = problem.getTensors();
  ArrayRef<DimSpec> dims = problem.getDims();
  auto fail = [&]() {
    why = "cannot be written as a MAESTRO layer: it has no "
          "union.maestro_layer record and its problem is neither a GEMM "
          "(C[m, n] += A[m, k] * B[k, n]) nor an undilated convolution";
    return failure();
  };
  if (tensors.size() != 3 || tensors[2].role != TensorRole::ReadWrite)
    return fail();
  AffineMap in = tensors[0].indexing, filter = tensors[1].indexing,
            out = tensors[2].indexing;
  // GEMM, possibly with size-1 batch dims (a batch matmul of one): every
  // index a bare dim, and each dim in exactly the tensors of its role
  // (m: A and C, n: B and C, k: A and B, batch: all three, of size 1).
  auto allBare = [&](AffineMap map) {
    return llvm::all_of(map.getResults(),
                        [](AffineExpr e) { return dimOf(e).has_value(); });
  };
  if (allBare(in) && allBare(filter) && allBare(out)) {
    std::optional<unsigned> roles[3]; // m, n, k
    bool isGemm = true;
    for (unsigned d = 0; d < dims.size() && isGemm; ++d) {
      bool a = in.isFunctionOfDim(d), b = filter.isFunctionOfDim(d),
           c = out.isFunctionOfDim(d);
      int role = a && c && !b ? 0 : b && c && !a ? 1 : a && b && !c ? 2 : -1;
      if (role < 0) {
        // A dim in all three tensors is a batch: of one, or (when the
        // caller can run a batch) of any size.
        isGemm = a && b && c && (dims[d].size == 1 || batchDims);
        if (isGemm && dims[d].size != 1)
          batchDims->push_back(d);
        continue;
      }
      if (roles[role]) {
        // Two dims in one role: fine only if one of them is of size 1.
        if (dims[*roles[role]].size == 1)
          roles[role] = d;
        else if (dims[d].size != 1)
          isGemm = false;
        continue;
      }
      roles[role] = d;
    }
    if (isGemm && roles[0] && roles[1] && roles[2]) {
      layer.type = m::LayerType::GEMM;
      m::Dim maestroDims[3] = {m::M, m::N, m::K};
      for (unsigned r = 0; r < 3; ++r) {
        layer.sizes[maestroDims[r]] = dims[*roles[r]].size;
        names[*roles[r]] = maestroDims[r];
      }
      return success();
    }
  }
  // Convolution: two sliding input indices (rows, then columns).
  SmallVector<std::tuple<unsigned, int64_t, unsigned, int64_t>> windows;
  for (AffineExpr expr : in.getResults())
    if (!dimOf(expr)) {
      auto window = slidingIndex(expr);
      if (!window)
        return fail();
      // Put the output dim first.
      auto [a, s, b, t] = *window;
      if (!out.isFunctionOfDim(a))
        window = std::make_tuple(b, t, a, s);
      windows.push_back(*window);
    }
  if (windows.size() != 2)
    return fail();
  llvm::SmallDenseSet<unsigned> windowDims;
  for (auto [image, stride, tap, dilation] : windows) {
    if (dilation != 1 || !out.isFunctionOfDim(image) ||
        !filter.isFunctionOfDim(tap) || out.isFunctionOfDim(tap)) {
      why = "cannot be written as a MAESTRO layer: MAESTRO has no dilated "
            "convolutions";
      return failure();
    }
    windowDims.insert(image);
    windowDims.insert(tap);
  }
  bool hasInputChannel = false, hasDepth = false;
  for (unsigned d = 0; d < dims.size(); ++d) {
    if (windowDims.contains(d))
      continue;
    bool a = in.isFunctionOfDim(d), f = filter.isFunctionOfDim(d),
         o = out.isFunctionOfDim(d);
    if (a && f && !o) {
      names[d] = m::C;
      hasInputChannel = true;
    } else if (f && o && !a) {
      names[d] = m::K;
    } else if (a && o && !f) {
      names[d] = m::N;
    } else if (a && f && o) {
      hasDepth = true;
      names[d] = m::C; // the channel of a depthwise conv
    } else {
      return fail();
    }
  }
  if (hasInputChannel && hasDepth) {
    why = "cannot be written as a MAESTRO layer: grouped convolutions are "
          "MAESTRO NGCONV layers, which need a union.maestro_layer record";
    return failure();
  }
  layer.type = hasDepth ? m::LayerType::DSConv : m::LayerType::Conv;
  for (auto [d, dim] : names)
    layer.sizes[dim] = dims[d].size;
  // Rows first, as they come in the input's indices.
  std::pair<m::Dim, m::Dim> roles[2] = {{m::Y, m::R}, {m::X, m::S}};
  for (auto [i, window] : llvm::enumerate(windows)) {
    auto [image, stride, tap, dilation] = window;
    auto [ref, slide] = roles[i];
    names[image] = ref == m::Y ? m::Yp : m::Xp;
    names[tap] = slide;
    layer.sizes[slide] = dims[tap].size;
    layer.sizes[ref] = (dims[image].size - 1) * stride + dims[tap].size;
    layer.strides[ref] = stride;
  }
  return success();
}

} // namespace

static FailureOr<MaestroShape> getShape(MappableOpInterface op,
                                        std::string &why) {
  MaestroShape shape;
  shape.layer.name = getOpLabel(op, "layer");
  shape.layer.hasDataflow = true;
  ProblemAttr problem = op.getProblemAttr();
  if (auto record = op->getAttrOfType<DictionaryAttr>("union.maestro_layer")) {
    // An imported MAESTRO layer: its dims carry MAESTRO's names, with the
    // output rows and columns called P and Q.
    if (failed(fromRecord(op, record, shape.layer))) {
      why = "its union.maestro_layer record is malformed";
      return failure();
    }
    for (auto [i, dim] : llvm::enumerate(problem.getDims())) {
      StringRef name = dim.name.getValue();
      std::optional<m::Dim> maestroDim = name == "P"   ? m::Yp
                                         : name == "Q" ? m::Xp
                                                       : m::parseDimName(name);
      if (!maestroDim) {
        why = "dim '" + name.str() + "' has no MAESTRO dimension";
        return failure();
      }
      shape.names[i] = *maestroDim;
    }
    return shape;
  }
  if (failed(fromProblem(problem, shape.layer, shape.names, why,
                         &shape.batchDims)))
    return failure();
  return shape;
}

llvm::Expected<MaestroShape>
mlir::union_::getMaestroShape(MappableOpInterface op) {
  std::string why;
  FailureOr<MaestroShape> shape = getShape(op, why);
  if (failed(shape))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
  return std::move(*shape);
}

FailureOr<m::Layer> mlir::union_::getMaestroLayer(MappableOpInterface op) {
  DataflowAttr dataflow = op.getDataflowAttr();
  if (!dataflow)
    return op.emitOpError("has no dataflow to evaluate or write as a MAESTRO "
                          "Dataflow block");
  m::Layer layer;
  layer.name = getOpLabel(op, "layer");
  layer.hasDataflow = true;
  // Problem dims -> MAESTRO dims, for directives that name problem dims.
  llvm::SmallDenseMap<unsigned, m::Dim> names;
  if (auto record = op->getAttrOfType<DictionaryAttr>("union.maestro_layer")) {
    if (failed(fromRecord(op, record, layer)))
      return failure();
  } else if (std::string why;
             failed(fromProblem(op.getProblemAttr(), layer, names, why))) {
    return op.emitOpError(why);
  }
  ProblemAttr problem = op.getProblemAttr();
  for (const Directive &d : dataflow.getDirectives()) {
    m::Directive directive;
    directive.size = d.size;
    directive.offset = d.offset;
    if (d.kind == DirectiveKind::Cluster) {
      directive.kind = m::DirectiveKind::Cluster;
      layer.dataflow.push_back(directive);
      continue;
    }
    directive.kind = d.kind == DirectiveKind::SpatialMap
                         ? m::DirectiveKind::SpatialMap
                         : m::DirectiveKind::TemporalMap;
    std::optional<m::Dim> dim;
    if (std::optional<unsigned> index = problem.getDimIndex(d.dim.getValue());
        index && names.count(*index))
      dim = names.lookup(*index);
    else
      dim = m::parseDimName(d.dim.getValue());
    if (!dim)
      return op.emitOpError("dataflow maps '")
             << d.dim.getValue() << "', which has no MAESTRO dimension";
    directive.dim = *dim;
    layer.dataflow.push_back(directive);
  }
  return layer;
}
