//===- MaestroImport.cpp - MAESTRO mapping file -> union IR ---------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Engine/Maestro/MaestroParser.h"
#include "Union/Target/MaestroTranslation.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Regex.h"

using namespace mlir;
using namespace mlir::union_;
namespace m = mlir::union_::maestro;

/// Emits `message`, at its `file:line:col` prefix when it has one.
static void emitParserError(MLIRContext *context, StringRef message) {
  llvm::Regex located("^(.*):([0-9]+):([0-9]+): (.*)$");
  SmallVector<StringRef> parts;
  if (located.match(message, &parts)) {
    unsigned line = 0, column = 0;
    parts[2].getAsInteger(10, line);
    parts[3].getAsInteger(10, column);
    emitError(FileLineColLoc::get(context, parts[1], line, column)) << parts[4];
    return;
  }
  emitError(UnknownLoc::get(context)) << message;
}

namespace {
/// Builds the loop-centric problem of one MAESTRO layer.
class ProblemBuilder {
public:
  ProblemBuilder(MLIRContext *context) : context(context) {}

  unsigned addDim(StringRef name, int64_t size) {
    dims.push_back(DimSpec{StringAttr::get(context, name), size});
    return dims.size() - 1;
  }
  AffineExpr dim(unsigned index) const {
    return getAffineDimExpr(index, context);
  }
  void addTensor(StringRef name, TensorRole role, ArrayRef<AffineExpr> exprs,
                 ArrayRef<StringRef> coords = {}) {
    ArrayAttr coordAttr;
    if (!coords.empty()) {
      SmallVector<Attribute> names;
      for (StringRef coord : coords)
        names.push_back(StringAttr::get(context, coord));
      coordAttr = ArrayAttr::get(context, names);
    }
    // Dims are all added before tensors, so the map's dim count is final
    // only at build(); record the expressions and finish them there.
    pending.push_back(
        {name.str(), role, SmallVector<AffineExpr>(exprs), coordAttr});
  }
  ProblemAttr build(function_ref<InFlightDiagnostic()> emitError) {
    SmallVector<TensorSpec> tensors;
    for (auto &[name, role, exprs, coords] : pending)
      tensors.push_back(TensorSpec{
          StringAttr::get(context, name), role,
          AffineMap::get(dims.size(), 0, exprs, context), 16, coords});
    return ProblemAttr::getChecked(emitError, context, ArrayRef<DimSpec>(dims),
                                   ArrayRef<TensorSpec>(tensors));
  }

private:
  MLIRContext *context;
  SmallVector<DimSpec> dims;
  SmallVector<
      std::tuple<std::string, TensorRole, SmallVector<AffineExpr>, ArrayAttr>>
      pending;
};
} // namespace

/// The problem of `layer`, with true (strided) output sizes.
static ProblemAttr buildProblem(const m::Layer &layer, bool withBatch,
                                bool mapsK, Location loc) {
  MLIRContext *context = loc.getContext();
  ProblemBuilder problem(context);
  auto emit = [&]() { return emitError(loc); };
  auto size = [&](m::Dim dim) { return layer.sizes[dim]; };
  if (layer.type == m::LayerType::GEMM) {
    unsigned mm = problem.addDim("M", size(m::M));
    unsigned n = problem.addDim("N", size(m::N));
    unsigned k = problem.addDim("K", size(m::K));
    problem.addTensor("input", TensorRole::Read,
                      {problem.dim(mm), problem.dim(k)});
    problem.addTensor("filter", TensorRole::Read,
                      {problem.dim(k), problem.dim(n)});
    problem.addTensor("output", TensorRole::ReadWrite,
                      {problem.dim(mm), problem.dim(n)});
    return problem.build(emit);
  }
  // Input extents (declared, or from the output size) and strides.
  auto inputExtent = [&](m::Dim ref, m::Dim out, m::Dim slide) {
    return layer.declares(ref) ? size(ref) : size(out) + size(slide) - 1;
  };
  int64_t y = inputExtent(m::Y, m::Yp, m::R),
          x = inputExtent(m::X, m::Xp, m::S);
  int64_t sy =
      layer.declares(m::Y) ? layer.strides[m::Y] : layer.strides[m::Yp];
  int64_t sx =
      layer.declares(m::X) ? layer.strides[m::X] : layer.strides[m::Xp];
  if (y < size(m::R) || x < size(m::S)) {
    emitError(loc) << "layer " << layer.name
                   << ": the input is smaller than the filter";
    return {};
  }
  bool batch = withBatch && layer.declares(m::N);
  std::optional<unsigned> n;
  if (batch)
    n = problem.addDim("N", size(m::N));
  std::optional<unsigned> g, k;
  if (layer.type == m::LayerType::NGConv)
    g = problem.addDim("G", size(m::G));
  if (layer.type != m::LayerType::DSConv || (mapsK && layer.declares(m::K)))
    k = problem.addDim("K", size(m::K));
  unsigned c = problem.addDim("C", size(m::C));
  unsigned r = problem.addDim("R", size(m::R));
  unsigned s = problem.addDim("S", size(m::S));
  unsigned p = problem.addDim("P", (y - size(m::R)) / sy + 1);
  unsigned q = problem.addDim("Q", (x - size(m::S)) / sx + 1);
  auto with = [&](std::initializer_list<std::optional<unsigned>> dims) {
    SmallVector<AffineExpr> exprs;
    for (auto d : dims)
      if (d)
        exprs.push_back(problem.dim(*d));
    return exprs;
  };
  auto names = [&](std::initializer_list<std::pair<bool, StringRef>> list) {
    SmallVector<StringRef> result;
    for (auto [present, name] : list)
      if (present)
        result.push_back(name);
    return result;
  };
  AffineExpr row = problem.dim(p) * sy + problem.dim(r);
  AffineExpr column = problem.dim(q) * sx + problem.dim(s);
  SmallVector<AffineExpr> input = with({n, g, c});
  input.append({row, column});
  problem.addTensor("input", TensorRole::Read, input,
                    names({{batch, ""},
                           {g.has_value(), ""},
                           {true, ""},
                           {true, "Y"},
                           {true, "X"}}));
  if (layer.type == m::LayerType::DSConv) {
    // K, when a directive maps it, indexes no tensor: MAESTRO then counts
    // it as a reduction dimension, and so does this problem.
    problem.addTensor("filter", TensorRole::Read, with({c, r, s}));
    problem.addTensor(
        "output", TensorRole::ReadWrite, with({n, c, p, q}),
        names({{batch, ""}, {true, ""}, {true, "Y'"}, {true, "X'"}}));
  } else {
    problem.addTensor("filter", TensorRole::Read, with({g, k, c, r, s}));
    bool grouped = layer.type == m::LayerType::NGConv;
    SmallVector<AffineExpr> output =
        grouped ? with({n, g, k, c, p, q}) : with({n, k, p, q});
    problem.addTensor("output", TensorRole::ReadWrite, output,
                      names({{batch, ""},
                             {grouped, ""},
                             {true, ""},
                             {grouped, ""},
                             {true, "Y'"},
                             {true, "X'"}}));
  }
  return problem.build(emit);
}

static DictionaryAttr describeLayer(const m::Layer &layer,
                                    MLIRContext *context) {
  Builder b(context);
  SmallVector<NamedAttribute> dims, strides;
  for (unsigned d = 0; d < m::kNumDims; ++d) {
    auto dim = static_cast<m::Dim>(d);
    if (!layer.declares(dim))
      continue;
    dims.push_back(b.getNamedAttr(m::getDimName(dim),
                                  b.getI64IntegerAttr(layer.sizes[dim])));
    if (layer.strides[dim] != 1)
      strides.push_back(b.getNamedAttr(
          m::getDimName(dim), b.getI64IntegerAttr(layer.strides[dim])));
  }
  SmallVector<NamedAttribute> entries = {
      b.getNamedAttr("type", b.getStringAttr(m::getLayerTypeName(layer.type))),
      b.getNamedAttr("dimensions", b.getDictionaryAttr(dims))};
  if (!strides.empty())
    entries.push_back(b.getNamedAttr("stride", b.getDictionaryAttr(strides)));
  return b.getDictionaryAttr(entries);
}

OwningOpRef<ModuleOp> mlir::union_::importMaestroMapping(StringRef text,
                                                         StringRef fileName,
                                                         MLIRContext *context) {
  context->getOrLoadDialect<UnionDialect>();
  auto network = m::parseMappingFile(text, fileName);
  if (!network) {
    emitParserError(context, llvm::toString(network.takeError()));
    return {};
  }
  OpBuilder builder(context);
  OwningOpRef<ModuleOp> module =
      ModuleOp::create(FileLineColLoc::get(context, fileName, 1, 1));
  (*module)->setAttr("union.maestro_network",
                     builder.getStringAttr(network->name));
  builder.setInsertionPointToEnd(module->getBody());
  std::vector<m::TensorTable> tables = m::getTensorTables(*network);
  for (auto [layer, tensors] : llvm::zip(network->layers, tables)) {
    Location loc = FileLineColLoc::get(context, fileName, layer.line, 1);
    bool batch = tensors.couples(m::TensorTable::kInput, m::N); // [Q3]
    bool mapsK = llvm::any_of(layer.dataflow, [](const m::Directive &d) {
      return d.kind != m::DirectiveKind::Cluster && d.dim == m::K;
    });
    ProblemAttr problem = buildProblem(layer, batch, mapsK, loc);
    if (!problem)
      return {};
    SmallVector<Directive> directives;
    for (const m::Directive &d : layer.dataflow) {
      DirectiveKind kind =
          d.kind == m::DirectiveKind::Cluster      ? DirectiveKind::Cluster
          : d.kind == m::DirectiveKind::SpatialMap ? DirectiveKind::SpatialMap
                                                   : DirectiveKind::TemporalMap;
      StringAttr dim = kind == DirectiveKind::Cluster
                           ? StringAttr()
                           : builder.getStringAttr(m::getDimName(d.dim));
      directives.push_back(Directive{kind, d.size, d.offset, dim});
    }
    auto emit = [&]() { return emitError(loc); };
    DataflowAttr dataflow = DataflowAttr::getChecked(
        emit, context, ArrayRef<Directive>(directives));
    if (!dataflow)
      return {};
    auto op = ComputeOp::create(builder, loc, TypeRange(),
                                builder.getStringAttr(layer.name), ValueRange(),
                                problem, ArchitectureAttr(), MappingAttr(),
                                dataflow, CostAttr());
    op->setAttr("union.maestro_layer", describeLayer(layer, context));
    if (failed(op.verify()))
      return {};
  }
  return module;
}
