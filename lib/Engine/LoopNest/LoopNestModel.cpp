//===- LoopNestModel.cpp - Timeloop's dense loop-nest cost model ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// From the nest analysis to Timeloop's figures: the collapse of loops
// into storage levels with bypass (docs/LoopNest.md §3), the checks (§4),
// arithmetic (§5), energy (§6) and cycles (§8).
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/LoopNest/LoopNestModel.h"
#include "NestAnalysis.h"
#include "PointSet.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir::union_::loopnest;

char RejectionError::ID = 0;

void RejectionError::log(llvm::raw_ostream &os) const { os << message; }

std::error_code RejectionError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

int64_t StorageLevel::getEffectiveSize() const {
  if (size == 0)
    return 0;
  return static_cast<int64_t>(
      std::floor(static_cast<double>(size) / multipleBuffering));
}

static int64_t innerMeshX(const Architecture &arch, unsigned i) {
  return i == 0 ? arch.arithmetic.meshX : arch.levels[i - 1].meshX;
}
static int64_t innerMeshY(const Architecture &arch, unsigned i) {
  return i == 0 ? arch.arithmetic.meshY : arch.levels[i - 1].meshY;
}

int64_t Architecture::getFanoutX(unsigned i) const {
  return innerMeshX(*this, i) / levels[i].meshX;
}
int64_t Architecture::getFanoutY(unsigned i) const {
  return innerMeshY(*this, i) / levels[i].meshY;
}

static llvm::Error invalid(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static llvm::Error reject(RejectionKind kind, const llvm::Twine &message) {
  return llvm::make_error<RejectionError>(kind, message.str());
}

llvm::Error mlir::union_::loopnest::validate(const Problem &problem) {
  if (problem.bounds.empty() ||
      problem.bounds.size() != problem.dimNames.size())
    return invalid("the problem needs one bound per dimension");
  for (auto [name, bound] : llvm::zip(problem.dimNames, problem.bounds))
    if (bound < 1)
      return invalid("dimension " + name + " has bound " +
                     std::to_string(bound) + "; bounds must be positive");
  if (problem.tensors.empty())
    return invalid("the problem has no tensor");
  for (const Tensor &tensor : problem.tensors) {
    if (tensor.ranks.empty() || tensor.ranks.size() > kMaxRank)
      return invalid("tensor " + tensor.name + " has " +
                     std::to_string(tensor.ranks.size()) +
                     " ranks; 1 to 8 are supported");
    for (auto [r, terms] : llvm::enumerate(tensor.ranks)) {
      // The analysis keeps coordinates in 32 bits.
      int64_t span = 1;
      for (const Term &term : terms) {
        if (term.dim >= problem.bounds.size())
          return invalid("tensor " + tensor.name +
                         " is indexed by an unknown dimension");
        int64_t reach;
        if (__builtin_mul_overflow(std::abs(term.coefficient),
                                   problem.bounds[term.dim] - 1, &reach) ||
            __builtin_add_overflow(span, reach, &span))
          span = INT64_MAX;
      }
      if (span > (int64_t(1) << 30))
        return invalid("tensor " + tensor.name + " spans " +
                       (span == INT64_MAX ? std::string("more than 2^63")
                                          : std::to_string(span)) +
                       " points in rank " + std::to_string(r) +
                       "; at most 2^30 are supported");
    }
  }
  return llvm::Error::success();
}

llvm::Error mlir::union_::loopnest::validate(const Architecture &arch) {
  if (arch.levels.empty())
    return invalid("the architecture has no storage level");
  auto checkMesh = [](const std::string &name, int64_t instances, int64_t meshX,
                      int64_t meshY) -> llvm::Error {
    if (instances < 1 || meshX < 1 || meshY < 1 || meshX * meshY != instances)
      return invalid(name + ": mesh " + std::to_string(meshX) + "x" +
                     std::to_string(meshY) + " does not hold its " +
                     std::to_string(instances) + " instances");
    return llvm::Error::success();
  };
  const Arithmetic &mac = arch.arithmetic;
  if (llvm::Error e = checkMesh(mac.name, mac.instances, mac.meshX, mac.meshY))
    return e;
  for (auto [i, level] : llvm::enumerate(arch.levels)) {
    if (llvm::Error e =
            checkMesh(level.name, level.instances, level.meshX, level.meshY))
      return e;
    if (innerMeshX(arch, i) % level.meshX || innerMeshY(arch, i) % level.meshY)
      return invalid(level.name + ": its mesh " + std::to_string(level.meshX) +
                     "x" + std::to_string(level.meshY) +
                     " does not divide the mesh of the level below it");
    if (level.size < 0 || level.blockSize < 1 || level.wordBits < 1 ||
        level.clusterSize < 1 || level.multipleBuffering <= 0)
      return invalid(level.name + ": size, block size, word bits, cluster "
                                  "size and multiple buffering must be "
                                  "positive");
  }
  return llvm::Error::success();
}

namespace {

/// Checks the mapping's shape and Timeloop's product rule.
llvm::Error checkMapping(const Problem &problem, const Architecture &arch,
                         const Mapping &mapping) {
  unsigned numDims = problem.bounds.size();
  if (mapping.levels.size() != arch.levels.size())
    return reject(RejectionKind::Malformed,
                  "the mapping has " + llvm::Twine(mapping.levels.size()) +
                      " levels, the architecture " +
                      llvm::Twine(arch.levels.size()));
  auto isPermutation = [&](const std::vector<unsigned> &order) {
    if (order.size() != numDims)
      return false;
    llvm::SmallVector<bool, 16> seen(numDims, false);
    for (unsigned dim : order) {
      if (dim >= numDims || seen[dim])
        return false;
      seen[dim] = true;
    }
    return true;
  };
  for (auto [i, lm] : llvm::enumerate(mapping.levels)) {
    const std::string &name = arch.levels[i].name;
    if (lm.temporalFactors.size() != numDims ||
        lm.spatialFactors.size() != numDims ||
        lm.keep.size() != problem.tensors.size())
      return reject(RejectionKind::Malformed,
                    "level " + name +
                        ": the mapping needs a factor per dimension and a "
                        "keep flag per tensor");
    if (!isPermutation(lm.temporalOrder) || !isPermutation(lm.spatialOrder))
      return reject(RejectionKind::Malformed,
                    "level " + name +
                        ": a loop order must name every dimension once");
    for (unsigned d = 0; d < numDims; ++d)
      if (lm.temporalFactors[d] < 1 || lm.spatialFactors[d] < 1)
        return reject(RejectionKind::Malformed,
                      "level " + name + ": the factor of " +
                          problem.dimNames[d] + " must be positive");
  }
  std::string products;
  for (unsigned d = 0; d < numDims; ++d) {
    // Factors beyond the bound cannot multiply to it; stop before overflow.
    int64_t product = 1;
    for (const LevelMapping &lm : mapping.levels)
      for (int64_t factor : {lm.temporalFactors[d], lm.spatialFactors[d]})
        product = product > problem.bounds[d] ? product : product * factor;
    if (product != problem.bounds[d]) {
      if (!products.empty())
        products += "\n";
      products +=
          llvm::formatv("parsing mapping: product of all factors of "
                        "dimension {0} is {1}, which is not equal to "
                        "the dimension size of the workload {2}.",
                        problem.dimNames[d], product, problem.bounds[d]);
    }
  }
  if (!products.empty())
    return reject(RejectionKind::Malformed, products);
  return llvm::Error::success();
}

/// Per tensor and storage level, the quantities of the collapse (§3).
struct Collapsed {
  double size = 0, partition = 0, content = 0, parentShare = 0;
  /// Of `content`, the words that reach several children at once.
  double shared = 0;
  int64_t linkTransfers = 0;
  double peer = 0;
  int64_t replication = 0, fanout = 1;
  AccessMap access;
};

double sumAccesses(const AccessMap &access) {
  double sum = 0;
  for (const auto &entry : access)
    sum += entry.second;
  return sum;
}

double sumShared(const AccessMap &access) {
  double sum = 0;
  for (const auto &[key, words] : access)
    if (key.first > 1)
      sum += words;
  return sum;
}

double sumWeighted(const AccessMap &access) {
  double sum = 0;
  for (const auto &[key, words] : access)
    sum += words * static_cast<double>(key.first);
  return sum;
}

void collapse(unsigned t, const Nest &nest, std::vector<LoopFigures> &figures,
              const Mapping &mapping, std::vector<Collapsed> &levels,
              std::vector<double> &denominator) {
  unsigned numLevels = nest.boundaries.size();
  levels.resize(numLevels);
  for (Collapsed &c : levels) {
    c.partition = c.parentShare = c.peer = 0;
    c.linkTransfers = 0;
  }
  denominator.assign(numLevels, 0);
  for (unsigned i = 0; i < numLevels; ++i) {
    unsigned begin = i == 0 ? 0 : nest.boundaries[i - 1] + 1;
    unsigned innermost = begin;
    while (!figures[innermost].collected)
      ++innermost;
    const LoopFigures &boundary = figures[nest.boundaries[i]];
    const LoopFigures &inner = figures[innermost];
    Collapsed &c = levels[i];
    c.size = static_cast<double>(boundary.maxSize[t]);
    // Each level's innermost loop is read once, for this tensor only.
    c.access = figures[innermost].access[t];
    c.content = sumAccesses(c.access);
    c.shared = sumShared(c.access);
    c.replication = boundary.replication;
    c.fanout = inner.fanout;
    c.linkTransfers = inner.linkTransfers[t];
    if (i > 0)
      denominator[i - 1] = inner.master ? static_cast<double>(inner.maxSize[t])
                                        : levels[i - 1].size;
  }
  // 1. The share of the tensor one instance ever holds.
  levels.back().partition = levels.back().size;
  for (unsigned i = numLevels - 1; i-- > 0;)
    levels[i].partition =
        static_cast<double>(static_cast<int64_t>(levels[i + 1].partition) *
                            static_cast<int64_t>(levels[i].size) /
                            static_cast<int64_t>(denominator[i]));
  // 2. Words delivered to one instance by its parent.
  for (unsigned i = 0; i + 1 < numLevels; ++i)
    if (levels[i].size > 0)
      // Divided entry by entry, as Timeloop rounds.
      for (const auto &[key, words] : levels[i + 1].access)
        levels[i].parentShare += words * static_cast<double>(key.first) /
                                 static_cast<double>(levels[i + 1].fanout);
  auto reset = [](Collapsed &c) {
    c.size = c.partition = c.content = c.parentShare = 0;
    c.linkTransfers = 0;
    c.access.clear();
  };
  // 3. A bypassed level passes its children's demand to the next level
  //    that holds the tensor, with that level's multicast pattern.
  for (unsigned i = 0; i < numLevels; ++i) {
    if (mapping.levels[i].keep[t] || levels[i].size == 0)
      continue;
    unsigned outer = i + 1;
    while (outer < numLevels && levels[outer].size == 0)
      ++outer;
    if (outer == numLevels) {
      reset(levels[i]);
      break;
    }
    Collapsed &o = levels[outer];
    double weighted = sumWeighted(o.access);
    double scale = weighted > 0 ? levels[i].content *
                                      static_cast<double>(o.fanout) / weighted
                                : 0;
    // The grandchildren now reach o directly: o's link transfers served
    // children that no longer exist.
    if (!o.access.empty())
      o.linkTransfers = 0;
    for (auto &entry : o.access)
      entry.second *= scale;
    o.content = sumAccesses(o.access);
    // A word o sends to one child still reaches several grandchildren
    // when the bypassed level multicast it (or reduced it).
    double passedOn =
        levels[i].content > 0 ? levels[i].shared / levels[i].content : 0;
    o.shared =
        sumShared(o.access) + (o.content - sumShared(o.access)) * passedOn;
    // A bypassed level keeps its own link transfers: they are network
    // figures its children still benefit from.
    int64_t keptLinks = levels[i].linkTransfers;
    reset(levels[i]);
    levels[i].linkTransfers = keptLinks;
  }
  // 4. Levels above the outermost one that keeps the tensor never see it,
  //    and that level is filled by no one [Q5].
  for (unsigned i = numLevels; i-- > 0;) {
    if (!mapping.levels[i].keep[t]) {
      reset(levels[i]);
      continue;
    }
    levels[i].parentShare = 0;
    break;
  }
  // 5. Words a level takes from its neighbours are read from one instance
  //    and filled into another.
  for (unsigned i = numLevels; i-- > 1;)
    if (levels[i].linkTransfers != 0 && levels[i - 1].replication > 0)
      levels[i - 1].peer += static_cast<double>(levels[i].linkTransfers) /
                            static_cast<double>(levels[i - 1].replication);
}

/// What an evaluation builds and drops, kept per thread so a search's
/// evaluations reuse the memory.
struct Scratch {
  Nest nest;
  std::vector<LoopFigures> figures;
  std::vector<std::vector<Collapsed>> collapsed; ///< per tensor, then level
  std::vector<double> denominator;
};

int64_t roundCount(double value) {
  return static_cast<int64_t>(std::llround(value));
}

int64_t blocks(int64_t words, int64_t blockSize) {
  // Most levels move single words: no division.
  if (blockSize == 1)
    return words;
  return words == 0 ? 0 : (words + blockSize - 1) / blockSize;
}

} // namespace

llvm::Expected<Result> mlir::union_::loopnest::evaluate(
    const Problem &problem, const Architecture &arch, const Mapping &mapping,
    const Options &options) {
  if (llvm::Error e = checkMapping(problem, arch, mapping))
    return std::move(e);
  // Scratch memory kept between the evaluations of a thread.
  static thread_local Scratch scratch;
  Nest &nest = scratch.nest;
  if (llvm::Error e = buildNest(problem, arch, mapping, options, nest))
    return std::move(e);

  // Timeloop checks the keep masks before anything else.
  for (unsigned t = 0; t < problem.tensors.size(); ++t) {
    bool kept = false;
    for (const LevelMapping &lm : mapping.levels)
      kept = kept || lm.keep[t];
    if (!kept)
      return reject(RejectionKind::Malformed,
                    "couldn't map level " + arch.arithmetic.name +
                        ": one of the tensors is bypassed in all storage "
                        "levels");
  }

  // §4: the arithmetic's fan-out, checked before the analysis.
  int64_t spatialX = 1, spatialY = 1, temporal = 1;
  for (const Loop &loop : nest.loops) {
    if (loop.kind == LoopKind::SpatialX)
      spatialX *= loop.end;
    else if (loop.kind == LoopKind::SpatialY)
      spatialY *= loop.end;
    else
      temporal *= loop.end;
  }
  const Arithmetic &mac = arch.arithmetic;
  auto levelError = [](const std::string &name, const llvm::Twine &reason) {
    return reject(RejectionKind::Fanout,
                  "couldn't map level " + name + ": " + reason);
  };
  if (spatialX * spatialY > mac.instances)
    return levelError(mac.name, "mapped max Arithmetic instances " +
                                    llvm::Twine(spatialX * spatialY) +
                                    " exceeds hardware instances " +
                                    llvm::Twine(mac.instances));
  if (spatialX > mac.meshX)
    return levelError(
        mac.name, "mapped max Arithmetic X expansion " + llvm::Twine(spatialX) +
                      " exceeds hardware instances " + llvm::Twine(mac.meshX));
  if (spatialY > mac.meshY)
    return levelError(
        mac.name, "mapped max Arithmetic Y expansion " + llvm::Twine(spatialY) +
                      " exceeds hardware instances " + llvm::Twine(mac.meshY));

  std::vector<LoopFigures> &figures = scratch.figures;
  analyzeNest(problem, nest, figures);
  unsigned numLevels = arch.levels.size();
  unsigned numTensors = problem.tensors.size();
  std::vector<std::vector<Collapsed>> &collapsed = scratch.collapsed;
  collapsed.resize(numTensors);
  for (unsigned t = 0; t < numTensors; ++t)
    collapse(t, nest, figures, mapping, collapsed[t], scratch.denominator);

  Result result;
  result.computeCycles = temporal;
  result.computes = temporal * spatialX * spatialY;
  result.utilizedMacs = spatialX * spatialY;
  result.macEnergy = static_cast<double>(result.computes) * mac.computeEnergy;
  result.levels.resize(numLevels);

  for (unsigned i = 0; i < numLevels; ++i) {
    const StorageLevel &level = arch.levels[i];
    LevelResult &out = result.levels[i];
    out.name = level.name;
    out.tensors.resize(numTensors);
    // The outermost level that holds the tensor fills nothing.
    int64_t tileWords = 0, replication = 0;
    for (unsigned t = 0; t < numTensors; ++t) {
      Collapsed &c = collapsed[t][i];
      const Tensor &tensor = problem.tensors[t];
      TensorLevelResult &r = out.tensors[t];
      r.kept = mapping.levels[i].keep[t];
      replication = std::max(replication, c.replication);
      if (c.size == 0)
        continue;
      bool outermostHeld = true;
      for (unsigned o = i + 1; o < numLevels; ++o)
        if (collapsed[t][o].size > 0)
          outermostHeld = false;
      r.utilizedCapacity = static_cast<int64_t>(c.size);
      r.partitionSize = static_cast<int64_t>(c.partition);
      r.utilizedInstances = c.replication;
      if (tensor.readWrite) {
        r.updates = roundCount(c.content);
        r.reads = roundCount(c.content + c.peer - c.partition);
        r.temporalReductions = r.reads;
        r.fills =
            roundCount(outermostHeld ? c.parentShare + c.peer
                                     : c.parentShare + c.peer - c.partition);
      } else {
        r.reads = roundCount(c.content + c.peer);
        r.fills = static_cast<int64_t>(c.parentShare + c.peer);
      }
      r.accesses = c.access;
      (tensor.readWrite ? r.spatialReductions : r.multicastAccesses) = c.shared;
      tileWords += r.utilizedCapacity;
    }

    // §4: capacity and instances.
    int64_t effective = level.getEffectiveSize();
    if (effective > 0 && tileWords > effective)
      return reject(RejectionKind::Capacity,
                    "couldn't map level " + level.name + ": mapped tile size " +
                        llvm::Twine(tileWords) + " exceeds buffer capacity " +
                        llvm::Twine(effective));
    if (effective > 0 && level.minUtilization > 0 &&
        static_cast<double>(tileWords) <
            static_cast<double>(effective) * level.minUtilization)
      return reject(RejectionKind::Capacity,
                    "couldn't map level " + level.name + ": mapped tile size " +
                        llvm::Twine(tileWords) +
                        " is less than constrained minimum utilization " +
                        llvm::formatv("{0}", static_cast<double>(effective) *
                                                 level.minUtilization));
    if (replication > level.instances)
      return levelError(level.name,
                        "mapped instances " + llvm::Twine(replication) +
                            " exceeds available hardware instances " +
                            llvm::Twine(level.instances));
    int64_t expansionX = 1, expansionY = 1;
    for (unsigned l = nest.boundaries[i] + 1; l < nest.loops.size(); ++l) {
      if (nest.loops[l].kind == LoopKind::SpatialX)
        expansionX *= nest.loops[l].end;
      else if (nest.loops[l].kind == LoopKind::SpatialY)
        expansionY *= nest.loops[l].end;
    }
    if (expansionX > level.meshX)
      return levelError(level.name, "mapped X expansion " +
                                        llvm::Twine(expansionX) +
                                        " exceeds available hardware "
                                        "instances " +
                                        llvm::Twine(level.meshX));
    if (expansionY > level.meshY)
      return levelError(level.name, "mapped Y expansion " +
                                        llvm::Twine(expansionY) +
                                        " exceeds available hardware "
                                        "instances " +
                                        llvm::Twine(level.meshY));

    // §6: energy per block; §8: bandwidth.
    double readWords = 0, writeWords = 0;
    for (TensorLevelResult &r : out.tensors) {
      if (r.utilizedInstances == 0)
        continue;
      r.energyPerInstance =
          static_cast<double>(blocks(r.reads, level.blockSize)) *
              level.energy.read +
          static_cast<double>(blocks(r.fills, level.blockSize)) *
              level.energy.fill +
          static_cast<double>(blocks(r.updates, level.blockSize)) *
              level.energy.update;
      r.energy = r.energyPerInstance * static_cast<double>(r.utilizedInstances);
      out.energy += r.energy;
      readWords += static_cast<double>(r.reads);
      writeWords += static_cast<double>(r.fills + r.updates);
    }
    double cycles = static_cast<double>(temporal);
    double readRate = readWords / cycles, writeRate = writeWords / cycles;
    double slowdown = 1.0;
    if (level.readBandwidth > 0 && level.readBandwidth < readRate)
      slowdown = std::min(slowdown, level.readBandwidth / readRate);
    if (level.writeBandwidth > 0 && level.writeBandwidth < writeRate)
      slowdown = std::min(slowdown, level.writeBandwidth / writeRate);
    if (level.sharedBandwidth > 0 &&
        level.sharedBandwidth < readRate + writeRate)
      slowdown =
          std::min(slowdown, level.sharedBandwidth / (readRate + writeRate));
    out.bandwidthThrottling = slowdown;
    out.cycles = static_cast<int64_t>(std::ceil(cycles / slowdown));
  }

  result.cycles = result.computeCycles;
  for (unsigned i = 0; i < numLevels; ++i)
    if (result.levels[i].cycles > result.cycles) {
      result.cycles = result.levels[i].cycles;
      result.bottleneck = i;
    }
  result.energy = result.macEnergy;
  for (const LevelResult &level : result.levels)
    result.energy += level.energy;
  result.utilization = static_cast<double>(result.computes) /
                       static_cast<double>(mac.instances) /
                       static_cast<double>(result.cycles);
  return result;
}
