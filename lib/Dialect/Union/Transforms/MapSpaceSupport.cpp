//===- MapSpaceSupport.cpp - Union ops and their map spaces ---------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"

#include "Union/Arch/ArchitectureSpec.h"
#include "Union/Dialect/Union/IR/ArchitectureConversion.h"

#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/Threading.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"

#include <cmath>
#include <map>
#include <set>

using namespace mlir;
using namespace mlir::union_;

// The constraint enums of the MLIR-free map space (MapSpace/Constraint.h)
// and of #union.constraint (UnionEnums.td) are one list, converted by
// value: every value, and the last, must agree.
#define UNION_SAME_VALUE(Enum, Name)                                           \
  static_assert(unsigned(union_::Enum::Name) == unsigned(ir::Enum::Name),      \
                #Enum "::" #Name " differs between Constraint.h and "          \
                      "UnionEnums.td")
UNION_SAME_VALUE(ConstraintKind, Fanout);
UNION_SAME_VALUE(ConstraintKind, Mesh);
UNION_SAME_VALUE(ConstraintKind, Placement);
UNION_SAME_VALUE(ConstraintKind, Capacity);
UNION_SAME_VALUE(ConstraintKind, MeshAxes);
UNION_SAME_VALUE(ConstraintKind, SpatialDims);
UNION_SAME_VALUE(ConstraintKind, Stationary);
UNION_SAME_VALUE(ConstraintKind, Order);
UNION_SAME_VALUE(ConstraintKind, UnitDims);
UNION_SAME_VALUE(ConstraintKind, UnitLoops);
UNION_SAME_VALUE(ConstraintKind, MaxTile);
UNION_SAME_VALUE(ConstraintKind, MinTile);
UNION_SAME_VALUE(ConstraintKind, PowerOfTwo);
UNION_SAME_VALUE(ConstraintKind, MinUtilization);
UNION_SAME_VALUE(ConstraintKind, Pad);
UNION_SAME_VALUE(ConstraintKind, MinimalBypass);
UNION_SAME_VALUE(ConstraintKind, OneOuterLoop);
UNION_SAME_VALUE(ConstraintKind, MaxSpatialDims);
UNION_SAME_VALUE(ConstraintKind, Keep);
UNION_SAME_VALUE(ConstraintKind, Bypass);
UNION_SAME_VALUE(ConstraintKind, TemporalDims);
UNION_SAME_VALUE(ConstraintKind, SpatialFactor);
UNION_SAME_VALUE(ConstraintSource, Hardware);
UNION_SAME_VALUE(ConstraintSource, Workload);
UNION_SAME_VALUE(ConstraintSource, Mapper);
#undef UNION_SAME_VALUE
static_assert(ir::getMaxEnumValForConstraintKind() ==
                  unsigned(union_::ConstraintKind::MaxSpatialDims),
              "UnionEnums.td has a constraint kind Constraint.h lacks");
static_assert(ir::getMaxEnumValForConstraintSource() ==
                  unsigned(union_::ConstraintSource::Mapper),
              "UnionEnums.td has a constraint source Constraint.h lacks");

namespace {

/// Collects coefficient * dim terms of a sum of multiples of dims.
void collectTerms(AffineExpr expr, int64_t scale, SpaceIndex &terms) {
  if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
    terms.push_back({dim.getPosition(), scale});
    return;
  }
  auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!binary)
    return; // a constant offset
  if (expr.getKind() == AffineExprKind::Add) {
    collectTerms(binary.getLHS(), scale, terms);
    collectTerms(binary.getRHS(), scale, terms);
  } else if (expr.getKind() == AffineExprKind::Mul) {
    if (auto c = dyn_cast<AffineConstantExpr>(binary.getRHS()))
      collectTerms(binary.getLHS(), scale * c.getValue(), terms);
    else if (auto c = dyn_cast<AffineConstantExpr>(binary.getLHS()))
      collectTerms(binary.getRHS(), scale * c.getValue(), terms);
  }
}

std::string names(const std::vector<std::string> &list) {
  return llvm::join(list, ", ");
}

std::vector<std::string> levelNames(const std::vector<SpaceLevel> &levels) {
  std::vector<std::string> result;
  for (const SpaceLevel &level : levels)
    result.push_back(level.name);
  return result;
}

} // namespace

SpaceProblem mlir::union_::getSpaceProblem(ProblemAttr problem) {
  SpaceProblem result;
  for (const DimSpec &dim : problem.getDims()) {
    result.dimNames.push_back(dim.name.str());
    result.dimSizes.push_back(dim.size);
  }
  for (const TensorSpec &spec : problem.getTensors()) {
    SpaceTensor tensor;
    tensor.name = spec.name.str();
    tensor.isOutput = spec.role == TensorRole::ReadWrite;
    tensor.bits = spec.bits;
    for (AffineExpr expr : spec.indexing.getResults()) {
      SpaceIndex terms;
      collectTerms(expr, 1, terms);
      for (auto [dim, coefficient] : terms)
        tensor.relevantDims |= uint64_t(1) << dim;
      tensor.indices.push_back(std::move(terms));
    }
    result.tensors.push_back(std::move(tensor));
  }
  return result;
}

static std::optional<Constraint>
toConstraint(ConstraintAttr attr, const SpaceProblem &problem,
             const std::vector<SpaceLevel> &levels, std::string &error) {
  Constraint c;
  c.source = ConstraintSource(unsigned(attr.getSource()));
  c.kind = union_::ConstraintKind(unsigned(attr.getKind()));
  c.origin = "attribute";
  if (StringAttr level = attr.getLevel()) {
    auto it =
        std::find_if(levels.begin(), levels.end(),
                     [&](const SpaceLevel &l) { return l.name == level; });
    if (it == levels.end()) {
      error = "unknown storage level '" + level.str() +
              "' (levels: " + names(levelNames(levels)) + ")";
      return std::nullopt;
    }
    c.level = it - levels.begin();
  }
  auto dimMask = [&](ArrayAttr list, uint64_t &mask) {
    if (!list)
      return true;
    for (Attribute dim : list) {
      std::string name = cast<StringAttr>(dim).str();
      int index = problem.findDim(name);
      if (index < 0) {
        error = "unknown dim '" + name + "' (dims: " + names(problem.dimNames) +
                ")";
        return false;
      }
      mask |= uint64_t(1) << index;
      if (c.kind == union_::ConstraintKind::Order)
        c.order.push_back(index);
    }
    return true;
  };
  if (!dimMask(attr.getDims(), c.dims) || !dimMask(attr.getY(), c.dimsY))
    return std::nullopt;
  if (c.kind == union_::ConstraintKind::MeshAxes) {
    if (c.dims & c.dimsY) {
      error = "mesh_axes puts a dim on both axes";
      return std::nullopt;
    }
    if (levels[c.level].meshX <= 0) {
      error = "mesh_axes needs a 2-D array below level '" +
              levels[c.level].name + "'";
      return std::nullopt;
    }
  }
  if (StringAttr tensor = attr.getTensor()) {
    c.tensor = problem.findTensor(tensor.str());
    if (c.tensor < 0) {
      std::vector<std::string> tensors;
      for (const SpaceTensor &t : problem.tensors)
        tensors.push_back(t.name);
      error = "unknown tensor '" + tensor.str() +
              "' (tensors: " + names(tensors) + ")";
      return std::nullopt;
    }
  }
  c.value = attr.getValue();
  c.fraction = attr.getFraction();
  return c;
}

llvm::Expected<Constraint>
mlir::union_::getConstraint(ConstraintAttr attr, const SpaceProblem &problem,
                            const std::vector<SpaceLevel> &levels) {
  std::string error;
  std::optional<Constraint> c = toConstraint(attr, problem, levels, error);
  if (!c)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  return std::move(*c);
}

ConstraintAttr
mlir::union_::getConstraintAttr(MLIRContext *context, const Constraint &c,
                                const SpaceProblem &problem,
                                const std::vector<SpaceLevel> &levels) {
  Builder builder(context);
  auto dimList = [&](uint64_t mask) -> ArrayAttr {
    if (!mask)
      return {};
    SmallVector<Attribute> dims;
    for (unsigned d = 0; d < problem.getNumDims(); ++d)
      if (mask >> d & 1)
        dims.push_back(builder.getStringAttr(problem.dimNames[d]));
    return builder.getArrayAttr(dims);
  };
  ArrayAttr dims, y;
  switch (c.kind) {
  case union_::ConstraintKind::Order: {
    SmallVector<Attribute> list;
    for (unsigned d : c.order)
      list.push_back(builder.getStringAttr(problem.dimNames[d]));
    dims = builder.getArrayAttr(list);
    break;
  }
  case union_::ConstraintKind::SpatialDims:
  case union_::ConstraintKind::TemporalDims:
    dims = builder.getArrayAttr({});
    if (c.dims)
      dims = dimList(c.dims);
    break;
  default:
    dims = dimList(c.dims);
    y = dimList(c.dimsY);
  }
  return ConstraintAttr::get(
      context, ir::ConstraintSource(unsigned(c.source)),
      ir::ConstraintKind(unsigned(c.kind)),
      c.level >= 0 ? builder.getStringAttr(levels[c.level].name) : StringAttr(),
      dims, y,
      c.tensor >= 0 ? builder.getStringAttr(problem.tensors[c.tensor].name)
                    : StringAttr(),
      c.value, F64(c.fraction));
}

FailureOr<OpSpace> mlir::union_::getOpSpace(MappableOpInterface op) {
  if (!op.getArchAttr())
    return op.emitError("union op '")
           << getOpLabel(op)
           << "' has no architecture; run union-attach-arch first";
  OpSpace space;
  space.problem = getSpaceProblem(op.getProblemAttr());
  space.levels =
      getSpaceLevels(getArchitectureSpec(op.getArchAttr()), space.problem);
  if (auto list = op->getAttrOfType<ArrayAttr>(kConstraintsAttrName)) {
    for (Attribute element : list) {
      auto attr = dyn_cast<ConstraintAttr>(element);
      if (!attr)
        return op.emitError("'") << kConstraintsAttrName
                                 << "' must hold #union.constraint attributes";
      llvm::Expected<Constraint> c =
          getConstraint(attr, space.problem, space.levels);
      if (!c)
        return op.emitError("constraint ")
               << attr << ": " << llvm::toString(c.takeError());
      space.constraints.push_back(*c);
    }
  }
  space.originalSizes = space.problem.dimSizes;
  if (llvm::Error e = applyPadding(space.constraints, space.problem))
    return op.emitError(llvm::toString(std::move(e)));
  return space;
}

namespace {

/// The largest number of instances below `level` that spatial factors can
/// use, given the dims allowed there.
int64_t maxSpatialProduct(const SpaceProblem &problem, const SpaceLevel &level,
                          uint64_t allowed) {
  int64_t best = 1;
  auto visit = [&](auto &self, unsigned d, int64_t product) -> void {
    if (d == problem.getNumDims()) {
      best = std::max(best, product);
      return;
    }
    int64_t size = problem.dimSizes[d];
    for (int64_t s = 1; s <= size; ++s)
      if (size % s == 0 && (s == 1 || (allowed >> d & 1)) &&
          product * s <= level.fanoutBelow)
        self(self, d + 1, product * s);
  };
  visit(visit, 0, 1);
  return best;
}

/// The first level (innermost first) whose capacity cannot hold the
/// smallest tiles `constraints` allow: each dim at its largest min_tile
/// at or inside the level, the tensors the level must keep (all it can
/// hold under minimal bypass, else those a keep rule names). Empty when
/// every level can.
std::string explainCapacity(const std::vector<Constraint> &constraints,
                            const SpaceProblem &problem,
                            const std::vector<SpaceLevel> &levels) {
  using K = union_::ConstraintKind;
  bool minimalBypass = llvm::any_of(constraints, [](const Constraint &c) {
    return c.kind == K::MinimalBypass;
  });
  unsigned numTensors = problem.tensors.size();
  for (unsigned l = levels.size(); l-- > 0;) {
    const SpaceLevel &level = levels[l];
    if (level.capacityBits <= 0)
      continue;
    // A tile at level l includes the tiles inside it (higher indices).
    std::vector<int64_t> tile(problem.getNumDims(), 1);
    uint32_t kept = minimalBypass ? level.holdableTensors : 0;
    int64_t copies = 1;
    for (const Constraint &c : constraints) {
      bool applies = c.level < 0 || unsigned(c.level) >= l;
      if (c.kind == K::MinTile && applies)
        for (unsigned d = 0; d < tile.size(); ++d)
          if (c.dims >> d & 1)
            tile[d] = std::max(tile[d], std::min(c.value, problem.dimSizes[d]));
      if (c.kind == K::Keep && (c.level < 0 || unsigned(c.level) == l))
        kept |= uint32_t(1) << c.tensor;
      if (c.kind == K::Capacity && (c.level < 0 || unsigned(c.level) == l))
        copies = std::max(copies, c.value);
    }
    kept &= (numTensors >= 32 ? ~0u : (uint32_t(1) << numTensors) - 1);
    int64_t bits = 0;
    std::set<int64_t> widths;
    std::string names;
    for (unsigned t = 0; t < numTensors; ++t) {
      if (!(kept >> t & 1))
        continue;
      bits += problem.getFootprint(t, tile.data()) * problem.tensors[t].bits;
      widths.insert(problem.tensors[t].bits);
      names += (names.empty() ? "" : ", ") + problem.tensors[t].name;
    }
    if (bits * copies <= level.capacityBits)
      continue;
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "tightest resource: level '" << level.name << "' holds "
       << level.capacityBits
       << " bits, but the smallest tiles the constraints allow there (";
    bool first = true;
    for (unsigned d = 0; d < tile.size(); ++d)
      if (tile[d] > 1) {
        os << (first ? "" : ", ") << problem.dimNames[d] << "=" << tile[d];
        first = false;
      }
    if (first)
      os << "every dim 1";
    os << ") need " << bits << " bits";
    // In words too, when the kept tensors share a width.
    if (widths.size() == 1)
      os << " (" << bits / *widths.begin() << " words of " << *widths.begin()
         << " bits)";
    os << " for the tensors it must keep (" << names << ")";
    if (copies > 1)
      os << ", and the cost model holds " << copies << " copies of them ("
         << bits * copies << " bits)";
    return text;
  }
  return "";
}

/// Why `culprit` left nothing, and the resource that ran out.
std::string explainEmpty(const Constraint &culprit,
                         const std::vector<Constraint> &before,
                         const SpaceProblem &problem,
                         const std::vector<SpaceLevel> &levels) {
  using K = union_::ConstraintKind;
  std::string text;
  llvm::raw_string_ostream os(text);
  switch (culprit.kind) {
  case K::MinUtilization:
  case K::SpatialDims:
  case K::MeshAxes:
  case K::Fanout: {
    for (unsigned l = 0; l < levels.size(); ++l) {
      if (levels[l].fanoutBelow <= 1)
        continue;
      uint64_t allowed = ~uint64_t(0);
      double needed = 0;
      for (const Constraint &c : before) {
        if (c.level >= 0 && unsigned(c.level) != l)
          continue;
        if (c.kind == K::SpatialDims)
          allowed &= c.dims;
        if (c.kind == K::MeshAxes)
          allowed &= c.dims | c.dimsY;
        if (c.kind == K::MinUtilization)
          needed = std::max(needed, c.fraction);
      }
      int64_t best = maxSpatialProduct(problem, levels[l], allowed);
      auto required = int64_t(std::ceil(needed * levels[l].fanoutBelow));
      if (needed > 0 && best < required)
        os << "tightest resource: the " << levels[l].fanoutBelow
           << " instances below '" << levels[l].name << "': at most " << best
           << " can be busy with the dims allowed to be spatial there, but "
           << required << " are required";
    }
    break;
  }
  case K::MinTile:
  case K::MaxTile:
  case K::PowerOfTwo:
    for (unsigned d = 0; d < problem.getNumDims(); ++d) {
      int64_t low = 1, high = problem.dimSizes[d];
      for (const Constraint &c : before) {
        if (!(c.dims >> d & 1))
          continue;
        if (c.kind == K::MinTile)
          low = std::max(low, c.value);
        if (c.kind == K::MaxTile)
          high = std::min(high, c.value);
      }
      if (low > high)
        os << "tightest resource: the tile of dim '" << problem.dimNames[d]
           << "' (size " << problem.dimSizes[d] << ") must be at least " << low
           << " and at most " << high;
    }
    break;
  case K::Placement:
    os << "tightest resource: the outermost level '" << levels[0].name
       << "' must hold every tensor but the architecture lists only some";
    break;
  default:
    break;
  }
  // Tiles bounded from below, or tensors a level must keep, can outgrow a
  // level's capacity.
  if (text.empty())
    switch (culprit.kind) {
    case K::MinTile:
    case K::MaxTile:
    case K::PowerOfTwo:
    case K::MinimalBypass:
    case K::Keep:
    case K::Capacity:
      os << explainCapacity(before, problem, levels);
      break;
    default:
      break;
    }
  if (text.empty())
    os << "no mapping left by the constraints before it satisfies it";
  return text;
}

} // namespace

std::string mlir::union_::explainEmptySpace(
    const SpaceProblem &problem, const std::vector<SpaceLevel> &levels,
    const std::vector<Constraint> &base, const std::vector<Constraint> &added) {
  // The size with the base and the first `prefix` added constraints.
  std::map<size_t, std::optional<MapIndex>> counted;
  auto count = [&](size_t prefix) -> std::optional<MapIndex> {
    auto it = counted.find(prefix);
    if (it != counted.end())
      return it->second;
    std::optional<MapIndex> &size = counted[prefix];
    std::vector<Constraint> constraints = base;
    constraints.insert(constraints.end(), added.begin(),
                       added.begin() + prefix);
    auto built = ConstrainedMapSpace::build(problem, levels, constraints);
    if (!built) {
      llvm::consumeError(built.takeError());
      return size;
    }
    std::optional<MapIndex> points = (*built)->size();
    size = points ? points : std::optional<MapIndex>(kUncounted);
    return size;
  };
  auto isEmpty = [](std::optional<MapIndex> size) {
    return size && *size == 0;
  };
  // Callers explain a space found empty with every added constraint.
  counted[added.size()] = MapIndex(0);
  if (isEmpty(count(0)))
    return "the op's own constraints leave no mapping";
  // Adding constraints only removes mappings, so the first prefix that
  // empties the space is found by bisection (counting large spaces is the
  // cost here).
  size_t low = 0, high = added.size(); // count(low) > 0, count(high) == 0
  while (high - low > 1) {
    size_t middle = (low + high) / 2;
    (isEmpty(count(middle)) ? high : low) = middle;
  }
  std::optional<MapIndex> before = count(low);
  if (before) {
    const Constraint &c = added[high - 1];
    std::vector<Constraint> constraints = base;
    constraints.insert(constraints.end(), added.begin(), added.begin() + high);
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "the cost model's constraint '"
       << describeConstraint(c, problem, levels) << "'";
    if (!c.origin.empty())
      os << " (" << c.origin << ")";
    os << " removed the last " << toString(*before) << " mappings; "
       << explainEmpty(c, constraints, problem, levels);
    return text;
  }
  return "the constraints together leave no mapping";
}

FailureOr<PruneResult>
mlir::union_::pruneComputeOp(MappableOpInterface op, const OpSpace &opSpace,
                             const std::vector<Constraint> &added,
                             bool strict) {
  PruneResult result;
  // Padding changes the problem, so every count starts again from it.
  OpSpace space = opSpace;
  bool pads = llvm::any_of(added, [](const Constraint &c) {
    return c.kind == union_::ConstraintKind::Pad;
  });
  if (pads) {
    auto iterations = [](const std::vector<int64_t> &sizes) {
      uint64_t product = 1;
      for (int64_t size : sizes)
        product *= size;
      return product;
    };
    result.iterationsBefore = iterations(space.problem.dimSizes);
    if (llvm::Error e = applyPadding(added, space.problem))
      return op.emitError(llvm::toString(std::move(e)));
    result.iterationsAfter = iterations(space.problem.dimSizes);
  }
  result.label = getOpLabel(op);
  std::vector<Constraint> constraints = space.constraints;
  auto count = [&](std::optional<MapIndex> &size) -> LogicalResult {
    if (constraints.empty()) {
      // The unpruned space has a closed form.
      std::vector<MapSpaceLevel> levels;
      for (const SpaceLevel &level : space.levels)
        levels.push_back({level.name, level.fanoutBelow});
      size =
          MapSpace(space.problem.dimSizes, space.problem.tensors.size(), levels)
              .size();
      // Too many to count: later rules may still bring it into range.
      if (!size)
        size = kUncounted;
      return success();
    }
    auto built =
        ConstrainedMapSpace::build(space.problem, space.levels, constraints);
    if (!built)
      return op.emitError("cannot count the map space of '")
             << result.label << "': " << llvm::toString(built.takeError());
    size = (*built)->size();
    if (!size)
      size = kUncounted;
    return success();
  };
  // What a rule removed, unknown (kUncounted) when either side is.
  auto difference = [](MapIndex before, MapIndex after) {
    return before == kUncounted || after == kUncounted ? kUncounted
                                                       : before - after;
  };

  // Sizes recorded by an earlier pass, or counted now.
  std::optional<MapIndex> unpruned, size;
  auto recorded = op->getAttrOfType<MapSpaceAttr>(kMapSpaceAttrName);
  std::vector<MapIndex> removed;
  auto toIndex = [](const llvm::APInt &v) {
    return MapIndex(v.extractBitsAsZExtValue(64, 64)) << 64 |
           v.extractBitsAsZExtValue(64, 0);
  };
  if (recorded && !pads && recorded.getRemoved().size() == constraints.size()) {
    unpruned = toIndex(recorded.getUnpruned());
    size = toIndex(recorded.getSize());
    for (const Count &r : recorded.getRemoved())
      removed.push_back(MapIndex(r.high) << 64 | r.low);
  } else {
    // Recount every prefix so each rule's removal is known.
    std::vector<Constraint> all = constraints;
    constraints.clear();
    if (failed(count(unpruned)))
      return failure();
    size = unpruned;
    for (const Constraint &c : all) {
      constraints.push_back(c);
      std::optional<MapIndex> next;
      if (failed(count(next)))
        return failure();
      removed.push_back(difference(*size, *next));
      size = next;
    }
  }
  result.before = *size;
  for (const Constraint &c : added) {
    constraints.push_back(c);
    std::optional<MapIndex> next;
    if (failed(count(next)))
      return failure();
    MapIndex gone = difference(*size, *next);
    result.steps.push_back(
        {c, describeConstraint(c, space.problem, space.levels), gone});
    removed.push_back(gone);
    if (*next == 0 && *size != 0) {
      std::string why;
      llvm::raw_string_ostream os(why);
      os << stringifyConstraintSource(c.source) << " constraint '"
         << describeConstraint(c, space.problem, space.levels) << "'";
      if (!c.origin.empty())
        os << " (from " << c.origin << ")";
      os << " removed the last " << toString(*size) << " mappings; "
         << explainEmpty(c, constraints, space.problem, space.levels);
      if (strict) {
        op.emitError("the map space of '")
            << result.label << "' is empty: " << why;
        return failure();
      }
      // The rest of the network is still worth pruning and mapping: the
      // op keeps its empty space and says why it has no mapping.
      op.emitWarning("the map space of '")
          << result.label << "' is empty: " << why
          << "; it is left without a mapping";
      op->setAttr(
          kUnmappedAttrName,
          StringAttr::get(op.getContext(), kEmptySpaceReasonPrefix + why));
    }
    size = next;
  }
  result.after = *size;
  // A space an earlier pruning emptied may have been rebuilt since.
  if (auto reason = op->getAttrOfType<StringAttr>(kUnmappedAttrName);
      reason && result.after != 0 &&
      reason.getValue().starts_with(kEmptySpaceReasonPrefix))
    op->removeAttr(kUnmappedAttrName);

  MLIRContext *context = op.getContext();
  SmallVector<Attribute> attrs;
  for (const Constraint &c : constraints)
    attrs.push_back(getConstraintAttr(context, c, space.problem, space.levels));
  op->setAttr(kConstraintsAttrName, ArrayAttr::get(context, attrs));
  auto toAPInt = [](MapIndex v) {
    uint64_t words[2] = {uint64_t(v), uint64_t(v >> 64)};
    return llvm::APInt(128, words);
  };
  SmallVector<Count> removedCounts;
  for (MapIndex r : removed)
    removedCounts.push_back({uint64_t(r), uint64_t(r >> 64)});
  op->setAttr(kMapSpaceAttrName,
              MapSpaceAttr::get(context, toAPInt(*unpruned), toAPInt(*size),
                                removedCounts));
  return result;
}

std::unique_ptr<ConstrainedMapSpace>
mlir::union_::buildOpMapSpace(MappableOpInterface op, OpSpace &space) {
  auto built = ConstrainedMapSpace::build(space.problem, space.levels,
                                          space.constraints);
  if (!built) {
    op.emitError("cannot build the map space of '")
        << getOpLabel(op) << "': " << llvm::toString(built.takeError());
    return nullptr;
  }
  return std::move(*built);
}

LogicalResult mlir::union_::reportPruning(
    Operation *root, StringRef passName,
    ArrayRef<std::pair<MappableOpInterface, PruneResult>> results, bool remarks,
    StringRef reportFile) {
  if (remarks) {
    for (const auto &[op, result] : results) {
      InFlightDiagnostic remark = MappableOpInterface(op).emitRemark(passName);
      remark << ": map space of '" << result.label
             << "': " << toString(result.before) << " -> "
             << toString(result.after) << " mappings";
      for (const PruneStep &step : result.steps)
        remark << "; " << step.description << " removed "
               << toString(step.removed);
      if (result.iterationsAfter > result.iterationsBefore)
        remark << "; padding wastes "
               << llvm::formatv("{0:F1}",
                                100.0 * (double(result.iterationsAfter) /
                                             double(result.iterationsBefore) -
                                         1))
                      .str()
               << "% extra iterations (" << result.iterationsBefore << " -> "
               << result.iterationsAfter << ")";
    }
  }
  if (reportFile.empty())
    return success();
  std::string errorMessage;
  auto file = openOutputFile(reportFile, &errorMessage);
  if (!file)
    return root->emitError(passName)
           << ": cannot write report: " << errorMessage;
  llvm::json::OStream json(file->os(), 2);
  json.object([&] {
    json.attribute("pass", passName);
    json.attributeArray("ops", [&] {
      for (const auto &entry : results) {
        const PruneResult &result = entry.second;
        json.object([&] {
          json.attribute("op", result.label);
          json.attribute("before", toString(result.before));
          json.attribute("after", toString(result.after));
          if (result.iterationsAfter) {
            json.attribute("iterations_before", result.iterationsBefore);
            json.attribute("iterations_after", result.iterationsAfter);
          }
          json.attributeArray("rules", [&] {
            for (const PruneStep &step : result.steps)
              json.object([&] {
                json.attribute("source", stringifyConstraintSource(
                                             step.constraint.source));
                json.attribute("kind",
                               stringifyConstraintKind(step.constraint.kind));
                json.attribute("rule", step.description);
                json.attribute("origin", step.constraint.origin);
                json.attribute("removed", toString(step.removed));
              });
          });
        });
      }
    });
  });
  file->os() << "\n";
  file->keep();
  return success();
}

LogicalResult mlir::union_::runPruningPass(
    Operation *root, StringRef passName,
    llvm::function_ref<FailureOr<std::vector<Constraint>>(MappableOpInterface,
                                                          const OpSpace &)>
        getAdded,
    bool remarks, StringRef reportFile, bool strict) {
  struct Item {
    MappableOpInterface op;
    OpSpace space;
    std::vector<Constraint> added;
    unsigned group;
  };
  std::vector<Item> items;
  bool failedAny = false;
  root->walk([&](MappableOpInterface op) {
    FailureOr<OpSpace> space = getOpSpace(op);
    if (failed(space)) {
      failedAny = true;
      return;
    }
    FailureOr<std::vector<Constraint>> added = getAdded(op, *space);
    if (failed(added)) {
      failedAny = true;
      return;
    }
    items.push_back({op, std::move(*space), std::move(*added), 0});
  });
  if (failedAny)
    return failure();

  // Ops with the same problem, architecture, constraints and additions
  // (repeated layers) share one count.
  MLIRContext *context = root->getContext();
  using Key = std::tuple<const void *, const void *, const void *, const void *,
                         const void *, std::string>;
  std::map<Key, unsigned> groups;
  std::vector<unsigned> representatives;
  for (unsigned i = 0; i < items.size(); ++i) {
    Item &item = items[i];
    SmallVector<Attribute> added;
    std::string origins;
    for (const Constraint &c : item.added) {
      added.push_back(
          getConstraintAttr(context, c, item.space.problem, item.space.levels));
      origins += c.origin + ";";
    }
    Operation *op = item.op;
    Key key{item.op.getProblemAttr().getAsOpaquePointer(),
            item.op.getArchAttr().getAsOpaquePointer(),
            op->getAttr(kConstraintsAttrName).getAsOpaquePointer(),
            op->getAttr(kMapSpaceAttrName).getAsOpaquePointer(),
            ArrayAttr::get(context, added).getAsOpaquePointer(),
            origins};
    auto [it, inserted] = groups.insert({key, representatives.size()});
    if (inserted)
      representatives.push_back(i);
    item.group = it->second;
  }
  std::vector<FailureOr<PruneResult>> outcomes(representatives.size(),
                                               failure());
  mlir::parallelFor(context, 0, representatives.size(), [&](size_t g) {
    Item &item = items[representatives[g]];
    outcomes[g] = pruneComputeOp(item.op, item.space, item.added, strict);
  });
  std::vector<std::pair<MappableOpInterface, PruneResult>> results;
  for (Item &item : items) {
    FailureOr<PruneResult> &outcome = outcomes[item.group];
    if (failed(outcome))
      return failure();
    Operation *representative = items[representatives[item.group]].op;
    if (representative != item.op) {
      item.op->setAttr(kConstraintsAttrName,
                       representative->getAttr(kConstraintsAttrName));
      item.op->setAttr(kMapSpaceAttrName,
                       representative->getAttr(kMapSpaceAttrName));
      if (Attribute reason = representative->getAttr(kUnmappedAttrName))
        item.op->setAttr(kUnmappedAttrName, reason);
      else if (auto stale =
                   item.op->getAttrOfType<StringAttr>(kUnmappedAttrName);
               stale && stale.getValue().starts_with(kEmptySpaceReasonPrefix))
        item.op->removeAttr(kUnmappedAttrName);
    }
    PruneResult result = *outcome;
    result.label = getOpLabel(item.op);
    results.push_back({item.op, std::move(result)});
  }
  return reportPruning(root, passName, results, remarks, reportFile);
}
