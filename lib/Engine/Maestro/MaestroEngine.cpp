//===- MaestroEngine.cpp - MAESTRO's data-centric cost model --------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A direct implementation of docs/MaestroModel.md. Section numbers (§) and
// quirk numbers ([Qn]) refer to it. The hot path (case enumeration and the
// volume formulas) works on small fixed arrays indexed by Dim and by
// directive position; lower-level analyses are memoized on their extents
// ([Q27] is about speed only, the numbers do not change).
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroEngine.h"
#include "Union/Support/CheckedMath.h"
#include "Union/Support/ParallelChunks.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir::union_::maestro;
using mlir::union_::forEachChunk;
using mlir::union_::getNumChunks;

namespace {

using Extents = std::array<int64_t, kNumDims>;
constexpr unsigned kIn = TensorTable::kInput, kFilter = TensorTable::kFilter,
                   kOut = TensorTable::kOutput;

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// C-style truncating division and the spec's ceiling for a ≥ 0.
int64_t ceilDiv(int64_t a, int64_t b) { return a / b + (a % b != 0); }

/// MAESTRO's counts are products and sums of user-given sizes: absurd
/// sizes (a directive of 10^9 on a 3-wide dim) push them past int64. The
/// analysis computes them checked and stops with a message on overflow.
using CheckedMath = mlir::union_::CheckedMath<int64_t>;

struct LevelDirective {
  bool spatial;
  Dim dim;
  int64_t size, offset;
};

/// "cluster level 1, TemporalMap(3,1) X" (after normalisation, §3).
std::string describe(unsigned level, const LevelDirective &d) {
  return llvm::formatv("cluster level {0}, {1}({2},{3}) {4}", level,
                       d.spatial ? "SpatialMap" : "TemporalMap", d.size,
                       d.offset, getDimName(d.dim));
}

/// §4: mapped and unique elements per tile, normal and edge.
struct TileEntry {
  int64_t m = 0, u = 0, me = 0, ue = 0;
};

struct Level {
  llvm::SmallVector<LevelDirective, 12> directives;
  int64_t subClusters = 1;     ///< P
  int64_t edgeSubClusters = 1; ///< E (§3.6)
  Extents staticExtents{};
  std::array<TileEntry, kNumDims> tables{};
  int firstSpatial = -1, lastSpatial = -1;
  /// Bit i: directive i indexes the tensor.
  std::array<uint32_t, 3> coupled{};
  /// Directives whose dim is not an output dim (the reduction part).
  uint32_t reduction = 0;
  /// Per tensor, its dims that have a spatial map here, in V(t) order
  /// (as directive indices).
  std::array<llvm::SmallVector<int8_t, 4>, 3> spatialOfTensor;
  /// Output dims in V(o) order: (directive index, a(v), v).
  llvm::SmallVector<std::tuple<int8_t, Dim, Dim>, 6> outputDims;
  /// For the fill products: per tensor, the dims with a table here.
  std::array<llvm::SmallVector<Dim, 6>, 3> tabledDims;
};

enum Position : uint8_t { Init, Steady, Edge };

/// §5.1: one directive's state in a case.
struct State {
  Position position = Init;
  bool unrolled = false, initEdge = false, ee = false;
  int64_t occurrences = 1;
  bool edge() const { return position == Edge || initEdge; }
};

/// What one level analysis A(ℓ, D) accumulates (§8.1).
struct LevelResult {
  int64_t runtime = 0, macs = 0;
  std::array<int64_t, 3> l2Size{}, l2Write{}, l2Read{}, l1Write{}, l1Read{},
      l1Size{};
  int64_t peakBandwidth = 0;
  int64_t bandwidthSum = 0;
  int64_t occurrences = 0;
  long double activeSum = 0;
  long double arithmeticIntensity = 0;
  int64_t offchip = 0;
  int64_t validCases = 0;
  /// Runtime cycles by bound (LayerResult::cyclesBoundBy).
  std::array<double, 3> cyclesBoundBy{};
  std::array<int64_t, 3> delayMin, delayMax, delaySum{}; // in, out, comp
  long double averageActive() const {
    return occurrences ? activeSum / occurrences : 0;
  }
};

class LayerAnalysis {
public:
  LayerAnalysis(const Layer &layer, const TensorTable &tensors,
                const Hardware &hardware, AnalysisTrace *trace)
      : layer(layer), tensors(tensors), hardware(hardware), trace(trace) {}

  llvm::Expected<LayerResult> run();

private:
  const Layer &layer;
  const TensorTable &tensors;
  const Hardware &hardware;
  AnalysisTrace *trace;
  Extents layerExtents{};
  llvm::SmallVector<Level, 4> levels;
  std::string error;
  CheckedMath math;
  bool haveFirstRecord = false;
  std::array<int64_t, 3> firstL1Size{};
  /// Memo of lower-level analyses per level: extents -> result.
  llvm::SmallVector<llvm::SmallVector<std::pair<Extents, LevelResult>, 4>, 4>
      memo;

  bool fail(const llvm::Twine &message) {
    if (error.empty())
      error = ("layer " + layer.name + ": " + message).str();
    return false;
  }

  bool buildExtents();
  bool buildLevels();
  std::string findEmptyOutputTile() const;
  void recordLevels();
  void buildTables(Level &level);
  int64_t strideOf(Dim dim) const;
  const LevelResult *analyze(unsigned index, const Extents &extents);
  void diagnoseEmptyLayer();
  bool failOverflow();
};

//===----------------------------------------------------------------------===//
// Layer extents (§1.3)
//===----------------------------------------------------------------------===//

bool LayerAnalysis::buildExtents() {
  layerExtents = layer.sizes;
  if (!layer.isConvLike())
    return true;
  for (auto [ref, out, slide] : {std::tuple{X, Xp, S}, std::tuple{Y, Yp, R}}) {
    if (layer.declares(ref) && layer.declares(out))
      return fail(llvm::Twine("declares both ") + getDimName(ref) + " and " +
                  getDimName(out));
    if (!layer.declares(slide))
      return fail(llvm::Twine("does not declare the filter size ") +
                  getDimName(slide));
    if (layer.declares(ref))
      layerExtents[out] = layer.sizes[ref] - layer.sizes[slide] + 1; // [Q4]
    else if (layer.declares(out))
      layerExtents[ref] = layer.sizes[out] + layer.sizes[slide] - 1;
    else
      return fail(llvm::Twine("declares neither ") + getDimName(ref) + " nor " +
                  getDimName(out));
    if (layerExtents[out] < 1)
      return fail(llvm::formatv("the input {0} ({1}) is smaller than the "
                                "filter {2} ({3})",
                                getDimName(ref), layerExtents[ref],
                                getDimName(slide), layer.sizes[slide]));
  }
  return true;
}

int64_t LayerAnalysis::strideOf(Dim dim) const {
  // A derived dimension takes the stride of its partner (§1.3).
  Dim partner = dim == X ? Xp : Yp;
  return layer.declares(dim) ? layer.strides[dim] : layer.strides[partner];
}

//===----------------------------------------------------------------------===//
// Levels (§3)
//===----------------------------------------------------------------------===//

bool LayerAnalysis::buildLevels() {
  // §3.1: cut at clusters; an implicit last cluster closes the list.
  llvm::SmallVector<llvm::SmallVector<Directive, 12>, 4> userLevels(1);
  llvm::SmallVector<int64_t, 4> clusterSizes;
  for (const Directive &d : layer.dataflow) {
    if (d.kind == DirectiveKind::Cluster) {
      clusterSizes.push_back(d.size);
      userLevels.emplace_back();
    } else {
      userLevels.back().push_back(d);
    }
  }
  unsigned numLevels = userLevels.size();
  int64_t clusterProduct = 1;
  for (int64_t size : clusterSizes) {
    if (clusterProduct > hardware.numPes / size)
      return fail(llvm::formatv("the Cluster sizes multiply to more than the "
                                "{0} PEs",
                                hardware.numPes));
    clusterProduct *= size;
  }
  levels.resize(numLevels);
  memo.resize(numLevels);
  levels[0].subClusters = hardware.numPes / clusterProduct;
  for (unsigned l = 1; l < numLevels; ++l)
    levels[l].subClusters = clusterSizes[l - 1];

  Extents staticExtents = layerExtents;
  for (unsigned l = 0; l < numLevels; ++l) {
    Level &level = levels[l];
    llvm::SmallVector<Directive, 12> &user = userLevels[l];
    auto levelName = [&] {
      return llvm::formatv("cluster level {0}", l).str();
    };
    // MAESTRO's structural checks, with the level named.
    unsigned spatialMaps = llvm::count_if(user, [](const Directive &d) {
      return d.kind == DirectiveKind::SpatialMap;
    });
    if (spatialMaps == 0)
      return fail(levelName() + " has no SpatialMap");
    if (spatialMaps > 2)
      return fail(llvm::formatv("{0} has {1} SpatialMaps; at most 2 are "
                                "allowed",
                                levelName(), spatialMaps));
    for (size_t i = 0; i < user.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (user[i].dim == user[j].dim)
          return fail(levelName() + " maps " + getDimName(user[i].dim) +
                      " twice: " + describeDirective(user[j]) + " and " +
                      describeDirective(user[i]));

    llvm::SmallVector<LevelDirective, 12> list;
    for (const Directive &d : user)
      list.push_back(
          {d.kind == DirectiveKind::SpatialMap, d.dim, d.size, d.offset});
    auto find = [&](Dim dim) -> LevelDirective * {
      for (LevelDirective &d : list)
        if (d.dim == dim)
          return &d;
      return nullptr;
    };
    // (a) §3.2: output-centric X'/Y' directives become X/Y [Q6].
    if (layer.isConvLike()) {
      for (auto [out, ref, slide] :
           {std::tuple{Xp, X, S}, std::tuple{Yp, Y, R}}) {
        LevelDirective *outDirective = find(out);
        if (!outDirective)
          continue;
        if (find(ref))
          return fail(levelName() + " maps both " + getDimName(ref) + " and " +
                      getDimName(out));
        LevelDirective *slideDirective = find(slide);
        if (!slideDirective)
          return fail(levelName() + " maps " + getDimName(out) +
                      " but has no " + getDimName(slide) +
                      " directive to convert it with");
        outDirective->dim = ref;
        outDirective->size =
            math.add(outDirective->size, math.sub(slideDirective->size, 1));
      }
    }
    // (b) §3.3: inherit the upper level's directives, reversed, in front.
    if (l > 0)
      for (const LevelDirective &upper : levels[l - 1].directives)
        if (!find(upper.dim))
          list.insert(list.begin(),
                      {false, upper.dim, upper.size, upper.offset});
    // (c) §3.4: complete the input dimensions, alphabetically.
    for (unsigned d = 0; d < kNumDims; ++d) {
      Dim dim = static_cast<Dim>(d);
      if (tensors.isInputDim(dim) && staticExtents[dim] != 0 && !find(dim))
        list.push_back({false, dim, staticExtents[dim], staticExtents[dim]});
    }
    // (d) §3.5: stride adjustment of X/Y tiles [Q4].
    if (layer.isConvLike()) {
      for (LevelDirective &d : list) {
        if (d.dim != X && d.dim != Y)
          continue;
        int64_t stride = strideOf(d.dim);
        int64_t filter = layerExtents[d.dim == X ? S : R];
        if (stride == 1 || d.size < filter)
          continue;
        int64_t outputs = math.add(d.size, stride - filter) / stride;
        d.size = math.add(math.mul(outputs, std::min(stride, filter)),
                          std::max<int64_t>(filter - stride, 0));
        d.offset =
            math.mul(outputs, (l > 0 && filter < stride) ? filter : stride);
      }
    }
    if (list.size() > 31)
      return fail(levelName() + " has more than 31 directives");
    level.directives = std::move(list);
    level.staticExtents = staticExtents;
    buildTables(level);
    if (math.overflowed)
      return failOverflow();

    // The next level's static extents (§3.5, "Extents").
    Extents next{};
    for (unsigned d = 0; d < kNumDims; ++d) {
      Dim dim = static_cast<Dim>(d);
      if (!tensors.isInputDim(dim))
        continue;
      next[dim] = staticExtents[dim];
      for (const LevelDirective &directive : level.directives)
        if (directive.dim == dim) {
          next[dim] = std::min(directive.size, staticExtents[dim]);
          break;
        }
    }
    staticExtents = next;
  }
  return true;
}

void LayerAnalysis::buildTables(Level &level) {
  const Extents &extents = level.staticExtents;
  std::array<bool, kNumDims> seen{};
  for (auto [i, d] : llvm::enumerate(level.directives)) {
    if (d.spatial) {
      if (level.firstSpatial < 0)
        level.firstSpatial = i;
      level.lastSpatial = i;
    }
    for (unsigned t = 0; t < 3; ++t)
      if (tensors.couples(t, d.dim))
        level.coupled[t] |= 1u << i;
    if (!tensors.couples(kOut, d.dim))
      level.reduction |= 1u << i;
    if (seen[d.dim])
      continue;
    seen[d.dim] = true;
    // §4 from the static extent.
    int64_t D = extents[d.dim], M = d.size, O = d.offset;
    int64_t steps = std::max<int64_t>(0, (D - M) / O);
    bool hasEdge = math.add(math.mul(steps, O), M) < D || M > D;
    int64_t e = math.sub(D, math.mul(math.add(steps, 1), O));
    if (e < 0)
      e = D;
    TileEntry &entry = level.tables[d.dim];
    entry.m = M;
    entry.u = (!d.spatial && D <= M) ? 0 : std::min(M, O);
    entry.me = hasEdge ? e : M;
    entry.ue = std::max<int64_t>(math.sub(O, math.sub(M, e)), 0);
  }
  // Output coordinates of the reference dims (§4, [Q7]).
  if (layer.isConvLike()) {
    for (auto [ref, out, slide] :
         {std::tuple{X, Xp, S}, std::tuple{Y, Yp, R}}) {
      if (!seen[ref])
        continue;
      const LevelDirective *directive = nullptr;
      for (const LevelDirective &d : level.directives)
        if (d.dim == ref) {
          directive = &d;
          break;
        }
      TileEntry &entry = level.tables[out];
      const TileEntry &r = level.tables[ref], &s = level.tables[slide];
      entry.m = math.add(math.sub(r.m, s.m), 1);
      entry.u = std::min(directive->offset, directive->size);
      entry.me = math.add(math.sub(r.me, s.me), 1);
      entry.ue = std::min(directive->offset, entry.me);
    }
  }
  // §3.6: active sub-clusters in the last fold of the first spatial map.
  const LevelDirective &first = level.directives[level.firstSpatial];
  int64_t D = extents[first.dim], M = first.size, O = first.offset,
          P = level.subClusters;
  int64_t E = 1;
  if (D > math.add(math.mul(O, P - 1), M)) {
    int64_t n = ((D - M) / O + 1) / P - 1;
    int64_t r = math.sub(D, math.mul(math.mul(n + 1, O), P));
    E = r < M ? 1 : (r - M) / O + 1;
  } else if (D > M) {
    E = (D - M) / O + 1;
    if (math.add(math.mul(O, E - 1), M) < D)
      ++E;
  }
  if (D <= M)
    E = 1;
  level.edgeSubClusters = E;

  for (unsigned t = 0; t < 3; ++t) {
    for (Dim dim : tensors.dims[t]) {
      if (seen[dim])
        level.tabledDims[t].push_back(dim);
      for (auto [i, d] : llvm::enumerate(level.directives))
        if (d.dim == dim) {
          if (d.spatial)
            level.spatialOfTensor[t].push_back(i);
          break;
        }
    }
  }
  for (Dim v : tensors.dims[kOut]) {
    for (auto [i, d] : llvm::enumerate(level.directives))
      if (d.dim == v) {
        Dim a = v;
        if (layer.isConvLike() && v == X)
          a = Xp;
        else if (layer.isConvLike() && v == Y)
          a = Yp;
        level.outputDims.push_back({int8_t(i), a, v});
        break;
      }
  }
}

//===----------------------------------------------------------------------===//
// One case (§6)
//===----------------------------------------------------------------------===//

/// The volumes of one case of one level.
class Case {
public:
  Case(const Level &level, const State *states, int changing)
      : level(level), states(states), changing(changing),
        E(level.edgeSubClusters), P(level.subClusters) {}

  /// The volumes' own arithmetic: a local flag the optimiser can keep in a
  /// register (the caller merges it).
  CheckedMath math;

  /// Set when a formula needs u = 0 (an ill-formed nesting).
  bool zeroUnique = false;
  int zeroUniqueDirective = -1;

  /// I(t) (§6.4): one sub-cluster's volume spread over the others, with
  /// multicast and overlap reuse.
  int64_t ingress(unsigned t) {
    return aggregate(level.spatialOfTensor[t], [&](bool first, bool ee) {
      return volumeIn(t, first, ee);
    });
  }

  /// Eg (§6.4): the output written back, with spatial reduction.
  int64_t egress() {
    return aggregate(level.spatialOfTensor[kOut], [&](bool first, bool ee) {
      return volumeOut(false, first, ee);
    });
  }

  /// n_ps: the first sub-cluster's MACs.
  int64_t firstPartialSums() {
    const auto &spatial = level.spatialOfTensor[kOut];
    bool eePrime = false;
    if (!spatial.empty()) {
      bool anyEdge =
          llvm::any_of(spatial, [&](int8_t i) { return states[i].edge(); });
      eePrime = anyEdge && E == 1 && states[spatial.back()].ee;
    }
    return volumeOut(true, true, eePrime);
  }

  /// W: MACs over all sub-clusters [Q11].
  int64_t macs() {
    bool anyEdge = false;
    for (auto [i, d] : llvm::enumerate(level.directives))
      if (d.spatial && states[i].edge())
        anyEdge = true;
    if (!anyEdge)
      return math.mul(P, volumeOut(true, true, false));
    bool eeStar = states[level.lastSpatial].ee;
    int64_t full = std::max<int64_t>(E - eeStar - 1, 0);
    int64_t total = volumeOut(true, true, E == 1 && eeStar);
    if (E > 1)
      total = math.add(
          total,
          math.add(math.mul(full, volumeOut(true, true, false)),
                   eeStar ? volumeOut(true, false, true, /*reuseAtEdge=*/false)
                          : 0));
    return total;
  }

private:
  const Level &level;
  const State *states;
  int changing;
  int64_t E, P;

  template <typename Fn> void forEach(uint32_t mask, Fn fn) const {
    while (mask) {
      int i = __builtin_ctz(mask);
      mask &= mask - 1;
      fn(i);
    }
  }

  /// The §6.4 sum over sub-clusters of `volume(first, ee)`, given the
  /// tensor's spatially mapped directives.
  template <typename Fn>
  int64_t aggregate(llvm::ArrayRef<int8_t> spatial, Fn volume) {
    if (spatial.empty())
      return volume(true, false);
    bool anyEdge =
        llvm::any_of(spatial, [&](int8_t i) { return states[i].edge(); });
    if (!anyEdge)
      return math.add(volume(true, false),
                      math.mul(P - 1, volume(false, false)));
    bool eeStar = states[spatial.back()].ee;
    int64_t full = std::max<int64_t>(E - eeStar - 1, 0);
    int64_t total = volume(true, E == 1 && eeStar);
    if (E > 1)
      total = math.add(total, math.add(math.mul(full, volume(false, false)),
                                       eeStar ? volume(false, true) : 0));
    return total;
  }

  /// R(t, σ): an inner coupled loop restarted (§6.1).
  bool reinitialized(unsigned t) const {
    bool result = false;
    forEach(level.coupled[t], [&](int i) {
      if (i > changing && states[i].position == Init && !states[i].unrolled)
        result = true;
    });
    return result;
  }

  /// §6.2.
  int64_t volumeMapped(unsigned t, bool first, bool ee) {
    int64_t product = 1;
    forEach(level.coupled[t], [&](int i) {
      const LevelDirective &d = level.directives[i];
      const TileEntry &tab = level.tables[d.dim];
      const State &s = states[i];
      int64_t factor;
      if (!d.spatial)
        factor = s.edge() ? tab.me : tab.m;
      else if (!s.edge())
        factor = tab.m;
      else if (E == 1)
        factor = (first || ee) ? tab.me : 1;
      else
        factor = ee ? tab.me : tab.m;
      product = math.mul(product, factor);
    });
    return product;
  }

  /// §6.3.
  int64_t volumeIn(unsigned t, bool first, bool ee) {
    if (changing < 0)
      return volumeMapped(t, first, ee);
    if (!(level.coupled[t] >> changing & 1))
      return 0; // stationary [Q8]
    bool restarted = reinitialized(t);
    int64_t product = 1;
    forEach(level.coupled[t], [&](int i) {
      const LevelDirective &d = level.directives[i];
      const TileEntry &tab = level.tables[d.dim];
      const State &s = states[i];
      int64_t factor;
      if (!d.spatial) {
        if (s.position == Init) {
          factor = s.edge() ? tab.me : tab.m;
        } else if (i == changing && !restarted) {
          factor = tab.u; // [Q9]: full-tile tables even at an edge
          if (factor == 0) {
            zeroUnique = true;
            zeroUniqueDirective = i;
          }
        } else {
          factor = tab.m; // [Q9]
        }
      } else {
        int64_t full = ee ? tab.me : tab.m, unique = ee ? tab.ue : tab.u;
        if (s.position == Init)
          factor = first ? full : (i <= changing ? full : unique);
        else
          factor =
              first ? full : ((i == changing && !restarted) ? unique : full);
      }
      product = math.mul(product, factor);
    });
    return product;
  }

  /// §6.4: V_out(psi, first, ee, rho).
  int64_t volumeOut(bool partialSums, bool first, bool ee,
                    bool reuseAtEdge = true) {
    int64_t product = 1;
    if (partialSums) {
      forEach(level.reduction, [&](int i) {
        const LevelDirective &d = level.directives[i];
        const TileEntry &tab = level.tables[d.dim];
        const State &s = states[i];
        int64_t unique = tab.u != 0 ? tab.u : 1;
        int64_t factor;
        if (!d.spatial)
          factor = s.edge() ? tab.me : tab.m;
        else if (s.position == Init)
          factor = (s.edge() && ee) ? tab.me : (first ? tab.m : unique);
        else if (s.position == Steady)
          factor = first ? tab.m : unique;
        else if (E == 1)
          factor = (first || ee) ? tab.me : 1;
        else
          factor = ee ? tab.ue : (first ? tab.m : unique);
        product = math.mul(product, factor);
      });
    }
    for (auto [i, a, v] : level.outputDims) {
      const LevelDirective &d = level.directives[i];
      const TileEntry &tab = level.tables[a];
      const State &s = states[i];
      int64_t unique = tab.u != 0 ? tab.u : 1;
      int64_t factor;
      if (!d.spatial) {
        factor = s.position == Init     ? (s.edge() ? tab.me : tab.m)
                 : s.position == Steady ? tab.m
                                        : tab.me;
      } else if (s.position == Init) {
        if (s.edge() && ee)
          factor = E == 1 ? tab.me : (reuseAtEdge ? tab.ue : tab.me);
        else
          factor = first ? tab.m : unique;
      } else if (s.position == Steady) {
        factor = first ? tab.m : unique;
      } else if (E == 1) {
        factor = (first || ee) ? level.tables[v].me : 1; // [Q10]
      } else {
        factor = ee ? tab.ue : (first ? tab.m : unique);
      }
      product = math.mul(product, factor);
    }
    return product;
  }
};

//===----------------------------------------------------------------------===//
// A level analysis (§5, §8)
//===----------------------------------------------------------------------===//

/// §5.1: the states of one directive on dynamic extent D.
unsigned directiveStates(const LevelDirective &d, int64_t D, int64_t P,
                         State out[3], CheckedMath &math) {
  int64_t M = d.size, O = d.offset;
  unsigned count = 0;
  State init;
  if (!d.spatial) {
    init.unrolled = D <= M;
    init.initEdge = D < M;
    out[count++] = init;
    int64_t n = (D - M) / O;
    if (M < D && n > 0) {
      State steady;
      steady.position = Steady;
      steady.occurrences = n;
      out[count++] = steady;
    }
    if (!(D < M) && math.add(math.mul(n, O), M) < D) {
      State edge;
      edge.position = Edge;
      out[count++] = edge;
    }
    return count;
  }
  int64_t cover = math.add(M, math.mul(O, P - 1));
  init.unrolled = D <= cover;
  init.initEdge = D < cover;
  init.ee = init.initEdge;
  out[count++] = init;
  int64_t n = ((D - M) / O + 1) / P - 1;
  if (cover < D && n > 0) {
    State steady;
    steady.position = Steady;
    steady.occurrences = n;
    out[count++] = steady;
  }
  int64_t fold = math.mul(O, P); // elements one fold advances
  if (!init.initEdge && !init.unrolled &&
      math.add(math.mul(n + 1, fold), cover) > D &&
      math.add(math.mul(n, fold), cover) != D) {
    State edge;
    edge.position = Edge;
    int64_t r = math.sub(D, math.mul(n + 1, fold));
    int64_t a = r < M ? 1 : math.sub(r, M) / O + 1;
    edge.ee = math.add(math.mul(a - 1, O), M) < r;
    out[count++] = edge;
  }
  return count;
}

const LevelResult *LayerAnalysis::analyze(unsigned index,
                                          const Extents &extents) {
  if (index > 0)
    for (const auto &[key, cached] : memo[index])
      if (key == extents)
        return &cached;

  const Level &level = levels[index];
  bool top = index == 0, innermost = index + 1 == levels.size();
  unsigned numDirectives = level.directives.size();
  int64_t P = level.subClusters, E = level.edgeSubClusters;

  State stateLists[32][3];
  unsigned numStates[32];
  // A local flag rather than the member: it stays in a register.
  CheckedMath levelMath;
  uint64_t cases = 1;
  for (unsigned i = 0; i < numDirectives; ++i) {
    const LevelDirective &d = level.directives[i];
    numStates[i] =
        directiveStates(d, extents[d.dim], P, stateLists[i], levelMath);
    cases *= numStates[i];
  }
  // §5.2's ceiling-based mixed-radix order: with f_i the product of the
  // inner directives' state counts, case c > 0 puts directive i in state
  // ceil(c / f_i) mod n_i = (digit_i(c - 1) + 1) mod n_i, where digit_i is
  // the ordinary mixed-radix digit. An odometer over c - 1 gives those
  // without a division per directive and case.
  unsigned previous[32] = {};

  LevelResult result;
  result.delayMin.fill(std::numeric_limits<int64_t>::max());
  result.delayMax.fill(std::numeric_limits<int64_t>::min());
  State states[32];
  const int64_t latency = hardware.nocLatency,
                bandwidth = hardware.nocBandwidth;
  auto nocDelay = [&](int64_t volume) {
    return levelMath.add(latency, ceilDiv(volume, bandwidth) - 1); // [Q5]
  };
  bool seenValid = false;
  for (uint64_t c = 0; c < cases && error.empty() && !levelMath.overflowed;
       ++c) {
    int changing = -1;
    int64_t occurrences = 1;
    for (unsigned i = 0; i < numDirectives; ++i) {
      unsigned digit = 0;
      if (c > 0 && previous[i] + 1 < numStates[i])
        digit = previous[i] + 1;
      states[i] = stateLists[i][digit];
      occurrences = levelMath.mul(occurrences, states[i].occurrences);
      if (states[i].position != Init)
        changing = i;
    }
    if (c > 0)
      for (int i = numDirectives - 1; i >= 0; --i) {
        if (++previous[i] < numStates[i])
          break;
        previous[i] = 0;
      }
    Case view(level, states, changing);
    int64_t ingress[2] = {view.ingress(kIn), view.ingress(kFilter)};
    int64_t egress = view.egress();
    int64_t firstMacs = view.firstPartialSums();
    int64_t allMacs = view.macs();
    levelMath.overflowed |= view.math.overflowed;
    if (levelMath.overflowed)
      break;
    if (view.zeroUnique && firstMacs > 0) {
      const LevelDirective &d = level.directives[view.zeroUniqueDirective];
      return fail(llvm::formatv(
                 "{0}: the loop advances although its tile covers the whole "
                 "dimension at this level, so MAESTRO's reuse analysis has "
                 "no new data for it and MAESTRO exits without a message "
                 "(typically a filter smaller than the stride under a "
                 "multi-level dataflow)",
                 describe(index, d))),
             nullptr;
    }

    // Step 1: buffer sizes from the leading cases [Q12].
    if (!seenValid) {
      for (unsigned t : {kIn, kFilter}) {
        result.l2Size[t] =
            levelMath.add(result.l2Size[t], levelMath.mul(2, ingress[t]));
        int64_t tile = 1;
        for (Dim dim : tensors.dims[t])
          tile = levelMath.mul(tile, extents[dim]);
        result.l2Write[t] = tile;
        int64_t mapped = 1;
        for (Dim dim : level.tabledDims[t])
          mapped = levelMath.mul(mapped, level.tables[dim].m);
        result.l1Size[t] =
            levelMath.add(result.l1Size[t], levelMath.mul(2, mapped));
      }
      result.l2Size[kOut] = levelMath.mul(2, egress);
      int64_t outputTile = 1;
      for (Dim dim : tensors.dims[kOut]) {
        int64_t size = extents[dim];
        if (layer.isConvLike() && dim == X)
          size = extents[X] - extents[S] + 1; // [Q4]
        else if (layer.isConvLike() && dim == Y)
          size = extents[Y] - extents[R] + 1;
        outputTile = levelMath.mul(outputTile, size);
      }
      result.l2Read[kOut] = outputTile;
      int64_t mapped = 1;
      for (Dim dim : level.tabledDims[kOut])
        mapped = levelMath.mul(mapped, level.tables[dim].m); // [Q13]
      result.l1Size[kOut] = levelMath.mul(2, mapped);
    }
    // Step 2: output counts, valid or not [Q21, Q25].
    int64_t allMacsTotal = levelMath.mul(occurrences, allMacs);
    result.l2Write[kOut] =
        levelMath.add(result.l2Write[kOut], levelMath.mul(occurrences, egress));
    result.l1Write[kOut] = levelMath.add(result.l1Write[kOut], allMacsTotal);
    result.l1Read[kOut] = levelMath.add(result.l1Read[kOut], allMacsTotal);
    size_t tracedIndex = 0;
    if (trace) {
      tracedIndex = trace->cases.size();
      AnalysisTrace::Case traced{
          index,      "",     occurrences, changing,  ingress[0],
          ingress[1], egress, allMacs,     firstMacs, firstMacs > 0,
          0,          0,      0,           0};
      for (unsigned i = 0; i < numDirectives; ++i)
        traced.states += "ISE"[static_cast<unsigned>(states[i].position)];
      trace->cases.push_back(std::move(traced));
    }
    if (firstMacs <= 0)
      continue; // step 3: an invalid case
    seenValid = true;
    // Step 4.
    for (unsigned t : {kIn, kFilter}) {
      result.l2Read[t] = levelMath.add(result.l2Read[t],
                                       levelMath.mul(occurrences, ingress[t]));
      result.l1Write[t] = result.l2Read[t]; // [Q14]
      result.l1Read[t] = levelMath.add(result.l1Read[t], allMacsTotal);
    }
    int64_t ingressTotal = levelMath.add(ingress[0], ingress[1]);
    result.arithmeticIntensity =
        (long double)allMacs / (long double)ingressTotal; // [Q24]

    // Step 6: compute delay.
    const State &spatialState = states[level.firstSpatial];
    int64_t compute;
    // The lower-level analysis that set `compute`, whose own bounds then
    // explain this case's compute part; copied, as a later lower-level
    // analysis may move the memoized results.
    int64_t slowestRuntime = 0;
    std::array<double, 3> slowestBoundBy{};
    long double active = 0;
    if (innermost) {
      compute = ceilDiv(firstMacs, hardware.simdLanes);
      active = spatialState.edge() ? E : P;
    } else {
      // §8.3: the lower level's extents for this case.
      auto subExtents = [&](bool ee) {
        Extents sub{};
        std::array<bool, kNumDims> seen{};
        for (unsigned i = 0; i < numDirectives; ++i) {
          const LevelDirective &d = level.directives[i];
          if (seen[d.dim])
            continue;
          seen[d.dim] = true;
          const TileEntry &tab = level.tables[d.dim];
          const State &s = states[i];
          int64_t value;
          if (!d.spatial)
            value = s.edge() ? tab.me : tab.m;
          else if (s.position == Init)
            value = s.edge() ? ((E == 1 || ee) ? tab.me : tab.m) : tab.m;
          else if (s.position == Steady)
            value = tab.m;
          else
            value = (E == 1 || ee) ? tab.me : tab.m;
          sub[d.dim] = value;
        }
        if (layer.isConvLike()) {
          sub[Yp] = sub[Y] - sub[R] + 1;
          sub[Xp] = sub[X] - sub[S] + 1;
        }
        return sub;
      };
      std::pair<bool, int64_t> calls[2];
      unsigned numCalls = 0;
      if (!spatialState.edge()) {
        calls[numCalls++] = {false, P};
      } else if (spatialState.ee) {
        calls[numCalls++] = {true, 1};
        if (E > 1)
          calls[numCalls++] = {false, E - 1};
      } else {
        calls[numCalls++] = {false, E};
      }
      compute = 0;
      for (unsigned k = 0; k < numCalls; ++k) {
        const LevelResult *lower =
            analyze(index + 1, subExtents(calls[k].first));
        if (!lower)
          return nullptr;
        if (lower->runtime > slowestRuntime) {
          slowestRuntime = lower->runtime;
          slowestBoundBy = lower->cyclesBoundBy;
        }
        compute = std::max(compute, lower->runtime);
        active += lower->averageActive() * calls[k].second;
      }
      if (active == 0)
        active = spatialState.edge() ? E : P;
    }
    // Steps 7 and 8.
    int64_t delayIn = nocDelay(ingressTotal), delayOut = nocDelay(egress);
    int64_t delay = changing < 0 ? compute + delayIn
                                 : std::max({delayIn, compute, delayOut});
    // Step 9: off-chip traffic, top level only.
    if (top) {
      int64_t inputs =
          levelMath.add(result.l2Size[kIn], result.l2Size[kFilter]);
      int64_t timeIn = inputs / hardware.offchipBandwidth / 2;
      int64_t timeOut = result.l2Size[kOut] / hardware.offchipBandwidth / 2;
      delay = std::max({timeIn, delay, timeOut});
      if (compute == 0) // MAESTRO divides by zero here [Q16]
        return fail("cluster level 1 computes nothing for some cluster-level-0 "
                    "tile (every inner iteration has an empty output tile), "
                    "where MAESTRO divides by zero; " +
                    findEmptyOutputTile()),
               nullptr;
      result.offchip = std::max(result.offchip, result.l2Size[kOut] / compute);
      result.offchip = std::max(result.offchip, inputs / compute);
      result.offchip /= 2; // [Q15]
    }
    // What sets this case's delay (a Union figure): the compute, the NoC
    // or (top level) the off-chip traffic, the largest part; without a
    // changing directive the NoC's ingress adds to the compute. A compute
    // part that is a lower level's runtime is split as that level's was.
    {
      int64_t noc = std::max(delayIn, delayOut), offchip = 0;
      if (top) {
        int64_t inputs =
            levelMath.add(result.l2Size[kIn], result.l2Size[kFilter]);
        offchip = std::max(inputs / hardware.offchipBandwidth / 2,
                           result.l2Size[kOut] / hardware.offchipBandwidth / 2);
      }
      double cycles = double(occurrences) * double(delay);
      if (offchip > std::max(compute, noc))
        result.cyclesBoundBy[LayerResult::kOffchip] += cycles;
      else if (noc > compute)
        result.cyclesBoundBy[LayerResult::kNoc] += cycles;
      else if (slowestRuntime > 0)
        for (unsigned b = 0; b < 3; ++b)
          result.cyclesBoundBy[b] +=
              cycles * slowestBoundBy[b] / double(slowestRuntime);
      else
        result.cyclesBoundBy[LayerResult::kCompute] += cycles;
    }
    if (trace) {
      // The lower-level calls above may have grown the vector.
      AnalysisTrace::Case &own = trace->cases[tracedIndex];
      own.compute = compute;
      own.delayIn = delayIn;
      own.delayOut = delayOut;
      own.delay = delay;
    }
    // Step 10.
    result.runtime =
        levelMath.add(result.runtime, levelMath.mul(occurrences, delay));
    result.macs = levelMath.add(result.macs, allMacsTotal);
    result.activeSum += (long double)occurrences * active;
    // Step 11.
    int64_t divisor = compute == 0 ? 1 : compute;
    int64_t traffic = std::max(ingressTotal, egress);
    result.peakBandwidth = std::max(result.peakBandwidth, traffic / divisor);
    result.bandwidthSum = levelMath.add(
        result.bandwidthSum, levelMath.mul(occurrences, traffic) / divisor);
    // Step 12.
    int64_t delays[3] = {delayIn, delayOut, divisor};
    for (unsigned k = 0; k < 3; ++k) {
      result.delayMin[k] = std::min(result.delayMin[k], delays[k]);
      result.delayMax[k] = std::max(result.delayMax[k], delays[k]);
      result.delaySum[k] = levelMath.add(result.delaySum[k],
                                         levelMath.mul(occurrences, delays[k]));
    }
    result.occurrences = levelMath.add(result.occurrences, occurrences);
    ++result.validCases;
  }
  if (levelMath.overflowed)
    failOverflow();
  if (!error.empty())
    return nullptr;
  // The first finished analysis gives the reported L1 sizes (§9).
  if (!haveFirstRecord) {
    haveFirstRecord = true;
    firstL1Size = result.l1Size;
  }
  if (top) {
    memo[0].clear();
    memo[0].emplace_back(extents, result);
    return &memo[0].back().second;
  }
  memo[index].emplace_back(extents, result);
  return &memo[index].back().second;
}

llvm::Expected<LayerResult> LayerAnalysis::run() {
  if (!buildExtents() || !buildLevels())
    return makeError(error);
  if (trace)
    recordLevels();
  const LevelResult *top = analyze(0, layerExtents);
  if (!top)
    return makeError(error);
  if (top->validCases == 0) {
    diagnoseEmptyLayer();
    return makeError(error);
  }
  LayerResult result;
  result.macs = top->macs;
  result.runtime = top->runtime;
  for (unsigned t = 0; t < 3; ++t) {
    TensorFigures &f = result.tensors[t];
    f.l2SizeReq = top->l2Size[t];
    f.l1SizeReq = firstL1Size[t];
    f.l2Write = top->l2Write[t];
    f.l2Read = top->l2Read[t];
    f.l1Write = top->l1Write[t];
    f.l1Read = top->l1Read[t];
  }
  result.peakBandwidth = top->peakBandwidth;
  long double n = top->occurrences;
  // MAESTRO divides in double here; long double would round some ties
  // differently when printed to 6 digits.
  result.averageBandwidth = (double)top->bandwidthSum / (double)n;
  auto average = [&](unsigned k) {
    return (int64_t)((long double)top->delaySum[k] / n);
  };
  result.ingressMin = top->delayMin[0];
  result.ingressMax = top->delayMax[0];
  result.ingressAvg = average(0);
  result.egressMin = top->delayMin[1];
  result.egressMax = top->delayMax[1];
  result.egressAvg = average(1);
  result.computeMin = top->delayMin[2];
  result.computeMax = top->delayMax[2];
  result.computeAvg = average(2);
  result.averageActivePes = top->averageActive();
  result.arithmeticIntensity = top->arithmeticIntensity;
  result.offchipBandwidthReq = top->offchip;
  for (unsigned b = 0; b < 3; ++b)
    result.cyclesBoundBy[b] = static_cast<int64_t>(top->cyclesBoundBy[b]);
  result.clusterLevels = levels.size();

  // MAESTRO prints nan or negative counts for these; refuse them instead.
  if (result.macs <= 0 || result.runtime <= 0)
    return makeError(llvm::formatv(
        "layer {0}: MAESTRO's analysis of this mapping counts {1} MACs in {2} "
        "cycles, a meaningless result; {3}",
        layer.name, result.macs, result.runtime, findEmptyOutputTile()));
  static const char *kTensorNames[3] = {"input", "filter", "output"};
  for (unsigned t = 0; t < 3; ++t) {
    const TensorFigures &f = result.tensors[t];
    if (f.l1Write <= 0 || f.l1Read < 0 || f.l2Write < 0 || f.l2Read < 0 ||
        f.l2SizeReq < 0 || f.l1SizeReq < 0)
      return makeError(llvm::formatv(
          "layer {0}: MAESTRO's analysis of this mapping gives the {1} tensor "
          "{2} L1 writes and {3} L1 reads, so its reuse factor would be "
          "nan; {4}",
          layer.name, kTensorNames[t], f.l1Write, f.l1Read,
          findEmptyOutputTile()));
  }
  // Reports add these counts up (energy terms, total buffer sizes); they
  // are all non-negative here, so one checked grand total covers every
  // partial sum.
  CheckedMath total;
  int64_t sum = result.macs;
  for (const TensorFigures &f : result.tensors)
    for (int64_t count :
         {f.l2SizeReq, f.l1SizeReq, f.l2Write, f.l2Read, f.l1Write, f.l1Read})
      sum = total.add(sum, count);
  if (total.overflowed) {
    failOverflow();
    return makeError(error);
  }
  return result;
}

void LayerAnalysis::recordLevels() {
  for (const Level &level : levels) {
    AnalysisTrace::Level &out = trace->levels.emplace_back();
    out.subClusters = level.subClusters;
    out.edgeSubClusters = level.edgeSubClusters;
    std::array<bool, kNumDims> seen{};
    for (const LevelDirective &d : level.directives) {
      Directive directive;
      directive.kind =
          d.spatial ? DirectiveKind::SpatialMap : DirectiveKind::TemporalMap;
      directive.dim = d.dim;
      directive.size = d.size;
      directive.offset = d.offset;
      out.directives.push_back(directive);
      if (!seen[d.dim]) {
        seen[d.dim] = true;
        const TileEntry &t = level.tables[d.dim];
        out.tiles.push_back({d.dim, t.m, t.u, t.me, t.ue});
      }
    }
    if (layer.isConvLike())
      for (Dim dim : {Xp, Yp})
        if (seen[dim == Xp ? X : Y]) {
          const TileEntry &t = level.tables[dim];
          out.tiles.push_back({dim, t.m, t.u, t.me, t.ue});
        }
  }
}

std::string LayerAnalysis::findEmptyOutputTile() const {
  // MAESTRO counts a tile's outputs as m(X) - m(S) + 1 in input units
  // ([Q4], [Q7]); a tile (or its edge) narrower than the filter yields
  // none, and with strides the edge tiles are where this bites.
  if (layer.isConvLike()) {
    for (auto [l, level] : llvm::enumerate(levels)) {
      for (const LevelDirective &d : level.directives) {
        if (d.dim != X && d.dim != Y)
          continue;
        Dim out = d.dim == X ? Xp : Yp, filter = d.dim == X ? S : R;
        const TileEntry &tile = level.tables[out];
        if (tile.m <= 0 || tile.me <= 0)
          return llvm::formatv(
              "{0}: its {1} tile spans fewer input positions than the filter "
              "{2} (stride {3}), so MAESTRO counts no outputs for it",
              describe(l, d), tile.m <= 0 ? "full" : "last (edge)",
              getDimName(filter), strideOf(d.dim));
      }
    }
  }
  return "no tile of the dataflow has an output (check the X/Y tiles "
         "against the filter and stride)";
}

void LayerAnalysis::diagnoseEmptyLayer() {
  // Name the directive most likely to empty every output tile.
  for (auto [l, level] : llvm::enumerate(levels)) {
    for (const LevelDirective &d : level.directives) {
      int64_t extent = level.staticExtents[d.dim];
      std::string where =
          llvm::formatv("cluster level {0}, {1}({2},{3}) {4}", l,
                        d.spatial ? "SpatialMap" : "TemporalMap", d.size,
                        d.offset, getDimName(d.dim));
      if (layer.isConvLike() && (d.dim == X || d.dim == Y)) {
        Dim filter = d.dim == X ? S : R;
        if (d.size < layerExtents[filter]) {
          fail(llvm::formatv("{0}: the tile ({1}) is smaller than the filter "
                             "{2} ({3}), so it holds no output",
                             where, d.size, getDimName(filter),
                             layerExtents[filter]));
          return;
        }
        if (d.size > extent) {
          fail(llvm::formatv("{0}: the tile ({1}) is larger than the input "
                             "({2}), so it holds no output",
                             where, d.size, extent));
          return;
        }
      }
      if (d.size > extent && d.offset < d.size) {
        fail(llvm::formatv("{0}: the tile is larger than the dimension ({1}) "
                           "and overlaps itself",
                           where, extent));
        return;
      }
    }
  }
  fail("no iteration of the dataflow has a non-empty output tile; " +
       findEmptyOutputTile());
}

bool LayerAnalysis::failOverflow() {
  std::string why;
  // The iteration space alone may be beyond 64 bits...
  long double points = 1;
  for (unsigned d = 0; d < kNumDims; ++d)
    if (tensors.isInputDim(static_cast<Dim>(d)) && layerExtents[d] > 0)
      points *= layerExtents[d];
  if (points >= 0x1p63L) {
    why = llvm::formatv("the layer's dimensions multiply to {0:e} "
                        "iterations",
                        (double)points);
  } else {
    // ... or a directive reaches far beyond its dimension.
    const Directive *largest = nullptr;
    int64_t largestExcess = 0;
    for (const Directive &d : layer.dataflow) {
      if (d.kind == DirectiveKind::Cluster)
        continue;
      int64_t excess = std::max(d.size, d.offset) - layerExtents[d.dim];
      if (excess > largestExcess) {
        largest = &d;
        largestExcess = excess;
      }
    }
    if (largest)
      why = llvm::formatv("{0} reaches far beyond {1} = {2}",
                          describeDirective(*largest), getDimName(largest->dim),
                          layerExtents[largest->dim]);
    else
      why = "the tiles and step counts multiply past that range";
  }
  return fail("MAESTRO's counts for this mapping exceed 64-bit integers, so "
              "any result would be meaningless: " +
              why);
}

} // namespace

llvm::Error mlir::union_::maestro::validateHardware(const Hardware &hw) {
  auto check = [](int64_t value, const char *name) -> llvm::Error {
    if (value <= 0)
      return makeError(
          llvm::formatv("{0} must be positive, got {1}", name, value));
    return llvm::Error::success();
  };
  if (auto e = check(hw.numPes, "num_pes"))
    return e;
  if (auto e = check(hw.simdLanes, "num_simd_lanes"))
    return e;
  if (auto e = check(hw.nocBandwidth, "noc_bw_cstr (NoC bandwidth)"))
    return e;
  if (auto e = check(hw.offchipBandwidth, "offchip_bw_cstr (off-chip "
                                          "bandwidth)"))
    return e;
  if (hw.nocLatency < 0)
    return makeError(llvm::formatv("the NoC latency must be non-negative, "
                                   "got {0}",
                                   hw.nocLatency));
  return llvm::Error::success();
}

llvm::Expected<LayerResult> mlir::union_::maestro::analyzeLayer(
    const Layer &layer, const TensorTable &tensors, const Hardware &hardware,
    AnalysisTrace *trace) {
  if (llvm::Error e = validateHardware(hardware))
    return std::move(e);
  return LayerAnalysis(layer, tensors, hardware, trace).run();
}

llvm::Expected<std::vector<LayerResult>> mlir::union_::maestro::analyzeNetwork(
    const Network &network, const Hardware &hardware, unsigned threads) {
  std::vector<TensorTable> tables = getTensorTables(network);
  size_t numLayers = network.layers.size();
  std::vector<LayerResult> results(numLayers);
  // Each chunk stops at its first failing layer; the first failure over
  // all chunks is the one a sequential run reports.
  std::vector<std::pair<size_t, std::string>> failures(
      getNumChunks(numLayers, threads), {numLayers, ""});
  forEachChunk(numLayers, threads, [&](size_t chunk, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      auto result = analyzeLayer(network.layers[i], tables[i], hardware);
      if (!result) {
        failures[chunk] = {i, llvm::toString(result.takeError())};
        return;
      }
      results[i] = *result;
    }
  });
  for (auto &[layer, message] : failures)
    if (layer < numLayers)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  return results;
}
