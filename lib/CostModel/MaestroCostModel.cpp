//===- MaestroCostModel.cpp - The MAESTRO engine as a cost model ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Costs a union op's MAESTRO dataflow on its architecture. The hierarchy
// maps onto MAESTRO's two buffers: L2 is the storage level right above the
// first network, L1 the innermost storage level; the first network gives
// the NoC bandwidth and latency, the compute level the vector width, and
// the outermost level's read bandwidth the off-chip bandwidth (0 means
// unlimited throughout). Energy uses the architecture's per-access and
// per-MAC energies on MAESTRO's access counts.
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/MaestroCostModel.h"
#include "Union/Arch/ArchitectureSpec.h"
#include "Union/CostModel/CostModel.h"
#include "Union/CostModel/MaestroMapping.h"
#include "Union/Dialect/Union/IR/ArchitectureConversion.h"
#include "Union/Engine/Maestro/MaestroEngine.h"
#include "Union/Target/MaestroTranslation.h"

#include <array>
#include <climits>
#include <cmath>

using namespace mlir;
using namespace mlir::union_;
namespace m = mlir::union_::maestro;

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

int64_t orUnlimited(double value) {
  return value <= 0 ? INT_MAX : int64_t(std::min(value, double(INT_MAX)));
}

struct MaestroHardware {
  m::Hardware hardware;
  // Copied out of the architecture: evaluators outlive the spec.
  double l2ReadEnergy = 0, l2WriteEnergy = 0, l1ReadEnergy = 0,
         l1WriteEnergy = 0, macEnergy = 0;
  /// MAESTRO's L2 as a position among the storage levels.
  unsigned l2Storage = 0;
  /// The architecture's names of MAESTRO's L2, L1, PEs and NoC.
  std::string l2Name, l1Name, macName, nocName;
  /// The level above L2 (empty when L2 is the outermost): MAESTRO does not
  /// charge it, Union does (see OffChipTraffic).
  std::string offchipName;
  double offchipReadEnergy = 0, offchipWriteEnergy = 0;
};

/// Words moved to and from the level above MAESTRO's L2. MAESTRO's L2
/// takes each input and weight element once from off-chip (its L2 fills)
/// and its analysis ends with every output in L2; Union charges those
/// reads and one write of every output at the outer level's energies, a
/// Union addition beside MAESTRO's own figures.
struct OffChipTraffic {
  double reads = 0, writes = 0;
  /// Per MAESTRO tensor (input, filter, output): the op's tensor name and
  /// its off-chip words (reads for the first two, writes for the output).
  std::array<std::string, 3> names;
  std::array<double, 3> words = {0, 0, 0};
};

FailureOr<MaestroHardware> toMaestro(const ArchitectureSpec &arch,
                                     std::string &why) {
  MaestroHardware result;
  m::Hardware &hw = result.hardware;
  hw.numPes = arch.getNumComputeUnits();
  const LevelSpec *lastStorage = nullptr, *l2 = nullptr, *compute = nullptr;
  unsigned storageLevels = 0;
  bool sawNetwork = false;
  for (const LevelSpec &level : arch.levels) {
    switch (level.kind) {
    case LevelKind::Storage:
      lastStorage = &level;
      ++storageLevels;
      break;
    case LevelKind::Network:
      if (!sawNetwork) {
        sawNetwork = true;
        l2 = lastStorage;
        result.l2Storage = storageLevels ? storageLevels - 1 : 0;
        hw.nocBandwidth = orUnlimited(level.bandwidth);
        result.nocName = level.name;
        hw.nocLatency = level.latency;
      }
      break;
    case LevelKind::Compute:
      compute = &level;
      hw.simdLanes = level.vectorWidth;
      break;
    }
  }
  if (!sawNetwork || !compute || !l2 || lastStorage == l2) {
    why = "the maestro cost model needs an architecture with a storage "
          "level, a network, a storage level below it and a compute level "
          "(MAESTRO's L2, NoC, L1 and PEs); '" +
          arch.name + "' has none such";
    return failure();
  }
  const LevelSpec *l1 = lastStorage;
  hw.l2Size = l2->capacity ? l2->capacity : INT_MAX;
  hw.l1Size = l1->capacity ? l1->capacity : INT_MAX;
  result.l2ReadEnergy = l2->readEnergy;
  result.l2WriteEnergy = l2->writeEnergy;
  result.l1ReadEnergy = l1->readEnergy;
  result.l1WriteEnergy = l1->writeEnergy;
  result.macEnergy = compute->macEnergy;
  result.l2Name = l2->name;
  result.l1Name = l1->name;
  result.macName = compute->name;
  hw.offchipBandwidth = orUnlimited(arch.levels.front().readBandwidth);
  if (result.l2Storage > 0) {
    const LevelSpec &outer = arch.levels.front();
    result.offchipName = outer.name;
    result.offchipReadEnergy = outer.readEnergy;
    result.offchipWriteEnergy = outer.writeEnergy;
  }
  return result;
}

/// Union's cost of a MAESTRO result: figures as MAESTRO counts them,
/// utilization over all `totalPes` of the architecture, energy from the
/// architecture's per-access and per-MAC energies, plus the off-chip
/// traffic's energy when there is a level above L2 (`energy_maestro` keeps
/// MAESTRO's own total).
Cost toCost(const m::LayerResult &result, const MaestroHardware &hw,
            int64_t totalPes, const OffChipTraffic &offchip) {
  Cost cost;
  cost.cycles = result.runtime;
  cost.macs = result.macs;
  cost.utilization = double(result.averageActivePes) / double(totalPes);
  double l2Read = 0, l2Write = 0, l1Read = 0, l1Write = 0;
  int64_t l2Size = 0, l1Size = 0;
  for (const m::TensorFigures &f : result.tensors) {
    l2Read += f.l2Read;
    l2Write += f.l2Write;
    l1Read += f.l1Read;
    l1Write += f.l1Write;
    l2Size += f.l2SizeReq;
    l1Size += f.l1SizeReq;
  }
  double l2Energy = l2Read * hw.l2ReadEnergy + l2Write * hw.l2WriteEnergy;
  double l1Energy = l1Read * hw.l1ReadEnergy + l1Write * hw.l1WriteEnergy;
  double macEnergy = double(result.macs) * hw.macEnergy;
  double maestroEnergy = l2Energy + l1Energy + macEnergy;
  cost.energy = maestroEnergy;
  if (!hw.offchipName.empty()) {
    double offchipEnergy = offchip.reads * hw.offchipReadEnergy +
                           offchip.writes * hw.offchipWriteEnergy;
    cost.energy += offchipEnergy;
    cost.levelEnergies.push_back({hw.offchipName, offchipEnergy});
  }
  // What held most of the cycles (the engine's per-case attribution): the
  // off-chip bandwidth is the outermost level's (or L2's refill when L2 is
  // outermost).
  const std::array<int64_t, 3> &bound = result.cyclesBoundBy;
  unsigned most = m::LayerResult::kCompute;
  for (unsigned b : {m::LayerResult::kNoc, m::LayerResult::kOffchip})
    if (bound[b] > bound[most])
      most = b;
  if (most == m::LayerResult::kCompute)
    cost.bottleneck = "compute";
  else if (most == m::LayerResult::kNoc)
    cost.bottleneck = hw.nocName + " bandwidth";
  else
    cost.bottleneck =
        (hw.offchipName.empty() ? std::string("off-chip") : hw.offchipName) +
        " bandwidth";
  cost.levelEnergies.push_back({hw.l2Name, l2Energy});
  cost.levelEnergies.push_back({hw.l1Name, l1Energy});
  cost.levelEnergies.push_back({hw.macName, macEnergy});
  cost.breakdown = {{"l2_read", l2Read},
                    {"l2_write", l2Write},
                    {"l1_read", l1Read},
                    {"l1_write", l1Write},
                    {"energy_l2", l2Energy},
                    {"energy_l1", l1Energy},
                    {"energy_mac", macEnergy},
                    {"energy_maestro", maestroEnergy},
                    {"l2_size_req", double(l2Size)},
                    {"l1_size_req", double(l1Size)},
                    {hw.l2Name + ".capacity_needed", double(l2Size)},
                    {hw.l1Name + ".capacity_needed", double(l1Size)},
                    {"peak_noc_bw_req", double(result.peakBandwidth)},
                    {"offchip_bw_req", double(result.offchipBandwidthReq)},
                    {"avg_utilized_pes", double(result.averageActivePes)}};
  if (!hw.offchipName.empty()) {
    cost.breakdown.push_back({"offchip_read", offchip.reads});
    cost.breakdown.push_back({"offchip_write", offchip.writes});
    cost.breakdown.push_back({"energy_offchip", cost.energy - maestroEnergy});
  }
  // Per level and tensor, named as the loop-nest and Timeloop costs name
  // them (level.tensor.reads, .fills, .updates), so reports set the models
  // side by side: MAESTRO's writes fill the read tensors and update the
  // output.
  for (unsigned role = 0; role < 3; ++role) {
    const std::string &name = offchip.names[role];
    if (name.empty())
      continue;
    const m::TensorFigures &f = result.tensors[role];
    const char *written = role == 2 ? ".updates" : ".fills";
    if (!hw.offchipName.empty())
      cost.breakdown.push_back(
          {hw.offchipName + "." + name + (role == 2 ? ".updates" : ".reads"),
           offchip.words[role]});
    cost.breakdown.push_back(
        {hw.l2Name + "." + name + ".reads", double(f.l2Read)});
    cost.breakdown.push_back(
        {hw.l2Name + "." + name + written, double(f.l2Write)});
    cost.breakdown.push_back(
        {hw.l1Name + "." + name + ".reads", double(f.l1Read)});
    cost.breakdown.push_back(
        {hw.l1Name + "." + name + written, double(f.l1Write)});
  }
  return cost;
}

/// Each tensor's footprint over the whole problem: read tensors come in,
/// the output goes out.
/// MAESTRO's tensor (0 input, 1 filter, 2 output) for each of the op's:
/// the first read tensor is the input, the last the filter (weights).
void addTensor(OffChipTraffic &traffic, bool isOutput, bool isFirstRead,
               const std::string &name, double elements) {
  (isOutput ? traffic.writes : traffic.reads) += elements;
  unsigned role = isOutput ? 2 : isFirstRead ? 0 : 1;
  traffic.names[role] = name;
  traffic.words[role] = elements;
}

OffChipTraffic getOffChipTraffic(ProblemAttr problem) {
  OffChipTraffic traffic;
  bool seenRead = false;
  for (auto [t, tensor] : llvm::enumerate(problem.getTensors())) {
    double elements = 1;
    for (int64_t extent : problem.getTensorExtents(t))
      elements *= double(extent);
    bool isOutput = tensor.role == TensorRole::ReadWrite;
    addTensor(traffic, isOutput, !isOutput && !seenRead, tensor.name.str(),
              elements);
    seenRead |= !isOutput;
  }
  return traffic;
}

OffChipTraffic getOffChipTraffic(const SpaceProblem &problem) {
  OffChipTraffic traffic;
  bool seenRead = false;
  for (auto [t, tensor] : llvm::enumerate(problem.tensors)) {
    addTensor(traffic, tensor.isOutput, !tensor.isOutput && !seenRead,
              tensor.name,
              double(problem.getFootprint(t, problem.dimSizes.data())));
    seenRead |= !tensor.isOutput;
  }
  return traffic;
}

class MaestroCostModel : public CostModel {
public:
  llvm::StringRef getName() const override { return "maestro"; }

  llvm::Error checkEvaluable(MappableOpInterface op) const override {
    if (!op.getDataflowAttr())
      return makeError("the maestro cost model evaluates MAESTRO dataflows "
                       "and this op has none");
    if (!op.getArchAttr())
      return makeError("the op has no architecture");
    return llvm::Error::success();
  }

  FailureOr<Cost> evaluate(MappableOpInterface op) const override {
    FailureOr<m::Layer> layer = getMaestroLayer(op);
    if (failed(layer))
      return failure();
    ArchitectureSpec arch = getArchitectureSpec(op.getArchAttr());
    std::string why;
    FailureOr<MaestroHardware> hw = toMaestro(arch, why);
    if (failed(hw))
      return op.emitOpError(why);
    m::TensorTable tensors = m::TensorTable::forLayer(*layer);
    auto result = m::analyzeLayer(*layer, tensors, hw->hardware);
    if (!result)
      return op.emitOpError("maestro: ") << llvm::toString(result.takeError());
    return toCost(*result, *hw, hw->hardware.numPes,
                  getOffChipTraffic(op.getProblemAttr()));
  }

  llvm::Expected<std::unique_ptr<MappingEvaluator>>
  getMappingEvaluator(MappableOpInterface op, const SpaceProblem &problem,
                      const std::vector<SpaceLevel> &levels) const override;
};

/// Costs map-space points by translating each into a MAESTRO dataflow.
class MaestroMappingEvaluator : public MappingEvaluator {
public:
  MaestroMappingEvaluator(MaestroShape shape, MaestroHardware hardware,
                          SpaceProblem problem, std::vector<SpaceLevel> levels,
                          unsigned arrayLevel)
      : shape(std::move(shape)), hardware(std::move(hardware)),
        problem(std::move(problem)), levels(std::move(levels)),
        arrayLevel(arrayLevel),
        tensors(m::TensorTable::forLayer(this->shape.layer)) {
    // A batch runs its GEMMs one after another; the traffic is the whole
    // problem's, so it is divided here (once, not per evaluation) and the
    // cost multiplied back in evaluate().
    for (unsigned d : this->shape.batchDims)
      batch *= this->problem.dimSizes[d];
    traffic = getOffChipTraffic(this->problem);
    traffic.reads /= double(batch);
    traffic.writes /= double(batch);
    for (double &words : traffic.words)
      words /= double(batch);
  }

  llvm::Error checkConformable(const MapPoint &point) const override {
    return translateToMaestro(shape, problem, levels, arrayLevel, point)
        .takeError();
  }

  llvm::Expected<Cost> evaluate(const MapPoint &point) const override {
    llvm::Expected<MaestroDataflow> dataflow =
        translateToMaestro(shape, problem, levels, arrayLevel, point);
    if (!dataflow)
      return makeCostError(CostFailureKind::NotConformable,
                           llvm::toString(dataflow.takeError()));
    m::Layer layer = shape.layer;
    layer.dataflow = std::move(dataflow->directives);
    m::Hardware hw = hardware.hardware;
    hw.numPes = dataflow->numPes;
    auto result = m::analyzeLayer(layer, tensors, hw);
    if (!result)
      return makeCostError(CostFailureKind::EngineError,
                           llvm::toString(result.takeError()));
    // MAESTRO only warns when its (double-buffered) size requirements
    // exceed the buffers; a search must not pick such a mapping.
    if (llvm::Error overflow = checkBuffers(*result))
      return overflow;
    Cost cost = toCost(*result, hardware, hardware.hardware.numPes, traffic);
    if (batch > 1) {
      cost.cycles *= batch;
      cost.macs *= batch;
      cost.energy *= batch;
      for (auto &[level, energy] : cost.levelEnergies)
        energy *= double(batch);
      for (auto &[name, value] : cost.breakdown)
        if (name.find("size_req") == std::string::npos &&
            name.find("capacity_needed") == std::string::npos &&
            name.find("bw_req") == std::string::npos &&
            name != "avg_utilized_pes")
          value *= batch;
    }
    return cost;
  }

  std::optional<Cost> getLowerBound(const MapPoint &point) const override {
    Cost bound;
    // Every PE the mapping uses does at most its vector width of MACs per
    // cycle, and every MAC costs its energy.
    double iterations = 1;
    for (int64_t size : problem.dimSizes)
      iterations *= double(size);
    double pes = 1;
    if (arrayLevel < point.spatial.size())
      for (int64_t s : point.spatial[arrayLevel])
        pes *= double(s);
    bound.cycles = int64_t(std::ceil(
        iterations / (pes * double(hardware.hardware.simdLanes)) - 1e-9));
    bound.energy = iterations * hardware.macEnergy;
    return bound;
  }

  /// A rejection when MAESTRO's L1 or L2 size requirement (its §9.3 buffer
  /// analysis: every tensor's tile twice, summed) exceeds the buffer.
  llvm::Error checkBuffers(const m::LayerResult &result) const {
    int64_t l2 = 0, l1 = 0;
    for (const m::TensorFigures &f : result.tensors) {
      l2 += f.l2SizeReq;
      l1 += f.l1SizeReq;
    }
    auto overflow = [](const std::string &level, const char *which,
                       int64_t need, int64_t have) {
      return makeCostError(CostFailureKind::Rejected,
                           "capacity: MAESTRO's " + std::string(which) +
                               " size requirement (double-buffered tiles) is " +
                               std::to_string(need) +
                               " words, more than level '" + level +
                               "' holds (" + std::to_string(have) + ")");
    };
    if (l1 > hardware.hardware.l1Size)
      return overflow(hardware.l1Name, "L1", l1, hardware.hardware.l1Size);
    if (l2 > hardware.hardware.l2Size)
      return overflow(hardware.l2Name, "L2", l2, hardware.hardware.l2Size);
    return llvm::Error::success();
  }

  std::vector<Constraint> getSearchConstraints() const override {
    // MAESTRO does not model bypass, its directives hold one loop per dim
    // above the PEs, and it does not see the order of a PE's own loops:
    // keep one mapping of each class.
    std::vector<Constraint> constraints;
    auto add = [&](ConstraintKind kind, int level) -> Constraint & {
      Constraint c;
      c.source = ConstraintSource::Mapper;
      c.kind = kind;
      c.level = level;
      c.origin = "cost model maestro";
      constraints.push_back(c);
      return constraints.back();
    };
    add(ConstraintKind::MinimalBypass, -1);
    add(ConstraintKind::OneOuterLoop, arrayLevel);
    // Two cluster levels: at most two dims spread over the array.
    add(ConstraintKind::MaxSpatialDims, arrayLevel).value = 2;
    // MAESTRO sizes L2 and L1 for two copies of every tile (checkBuffers
    // rejects what this footprint rule cannot see, e.g. sliding windows'
    // halos counted per step).
    add(ConstraintKind::Capacity, arrayLevel).value = 2;
    add(ConstraintKind::Capacity, levels.size() - 1).value = 2;
    Constraint &order = add(ConstraintKind::Order, levels.size() - 1);
    for (unsigned d = 0; d < problem.getNumDims(); ++d)
      order.order.push_back(d);
    // A batch runs at the outermost level only.
    for (unsigned d : shape.batchDims) {
      if (levels.size() < 2)
        break;
      Constraint &outside = add(ConstraintKind::MaxTile, 1);
      outside.dims = uint64_t(1) << d;
      outside.value = 1;
    }
    // Filter taps stay whole in the PEs' tiles (sliding windows).
    for (auto [d, dim] : shape.names)
      if ((dim == m::R || dim == m::S) && d < problem.getNumDims()) {
        Constraint &whole = add(ConstraintKind::MinTile, levels.size() - 1);
        whole.dims = uint64_t(1) << d;
        whole.value = problem.dimSizes[d];
      }
    return constraints;
  }

private:
  MaestroShape shape;
  MaestroHardware hardware;
  SpaceProblem problem;
  std::vector<SpaceLevel> levels;
  unsigned arrayLevel;
  m::TensorTable tensors;
  int64_t batch = 1;      ///< GEMMs run one after another
  OffChipTraffic traffic; ///< per GEMM of the batch
};

/// What a mapping evaluator of `op` needs: MAESTRO's hardware, the layer
/// with the map space's (padded) sizes, and the array level (MAESTRO's L2).
struct EvaluatorParts {
  MaestroShape shape;
  MaestroHardware hardware;
  unsigned arrayLevel;
};

llvm::Expected<EvaluatorParts> getEvaluatorParts(MappableOpInterface op,
                                                 const SpaceProblem &problem) {
  if (!op.getArchAttr())
    return makeError("the op has no architecture");
  ArchitectureSpec arch = getArchitectureSpec(op.getArchAttr());
  std::string why;
  FailureOr<MaestroHardware> hw = toMaestro(arch, why);
  if (failed(hw))
    return makeError(why);
  llvm::Expected<MaestroShape> shape = getMaestroShape(op);
  if (!shape)
    return shape.takeError();
  // The layer MAESTRO sees has the (padded) sizes of the map space.
  m::Layer &layer = shape->layer;
  for (auto [d, dim] : shape->names) {
    if (d >= problem.getNumDims())
      continue;
    if (dim != m::Yp && dim != m::Xp) {
      layer.sizes[dim] = problem.dimSizes[d];
      continue;
    }
    m::Dim input = dim == m::Yp ? m::Y : m::X, tap = dim == m::Yp ? m::R : m::S;
    int64_t tapSize = 1;
    for (auto [e, other] : shape->names)
      if (other == tap && e < problem.getNumDims())
        tapSize = problem.dimSizes[e];
    layer.sizes[input] =
        (problem.dimSizes[d] - 1) * layer.strides[input] + tapSize;
  }
  // The array level is MAESTRO's L2.
  unsigned arrayLevel = hw->l2Storage;
  return EvaluatorParts{std::move(*shape), std::move(*hw), arrayLevel};
}

llvm::Expected<std::unique_ptr<MappingEvaluator>>
MaestroCostModel::getMappingEvaluator(
    MappableOpInterface op, const SpaceProblem &problem,
    const std::vector<SpaceLevel> &levels) const {
  llvm::Expected<EvaluatorParts> parts = getEvaluatorParts(op, problem);
  if (!parts)
    return parts.takeError();
  return std::unique_ptr<MappingEvaluator>(
      std::make_unique<MaestroMappingEvaluator>(
          std::move(parts->shape), std::move(parts->hardware), problem, levels,
          parts->arrayLevel));
}

} // namespace

llvm::Expected<MaestroMappedLayer> mlir::union_::getMaestroMappedLayer(
    MappableOpInterface op, const SpaceProblem &problem,
    const std::vector<SpaceLevel> &levels, const MapPoint &point) {
  llvm::Expected<EvaluatorParts> parts = getEvaluatorParts(op, problem);
  if (!parts)
    return parts.takeError();
  // As MaestroMappingEvaluator::evaluate analyses it.
  llvm::Expected<MaestroDataflow> dataflow = translateToMaestro(
      parts->shape, problem, levels, parts->arrayLevel, point);
  if (!dataflow)
    return dataflow.takeError();
  MaestroMappedLayer mapped;
  mapped.layer = parts->shape.layer;
  mapped.layer.dataflow = std::move(dataflow->directives);
  mapped.layer.hasDataflow = true;
  mapped.hardware = parts->hardware.hardware;
  mapped.hardware.numPes = dataflow->numPes;
  for (unsigned d : parts->shape.batchDims)
    mapped.repeat *= problem.dimSizes[d];
  return mapped;
}

llvm::Expected<std::unique_ptr<CostModel>>
mlir::union_::createMaestroCostModel(llvm::StringRef options) {
  auto parsed = parsePluginOptions(options, {}, "cost model 'maestro'");
  if (!parsed)
    return parsed.takeError();
  return std::make_unique<MaestroCostModel>();
}
