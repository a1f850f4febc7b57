//===- TimeloopExport.cpp - A union op as Timeloop inputs -----------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TimeloopRecord.h"

#include "Union/Target/TimeloopTranslation.h"

#include "mlir/IR/AffineExpr.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <map>

using namespace mlir;
using namespace mlir::union_;
using namespace mlir::union_::timeloop;

namespace {

/// A tensor index as a sum of coefficient x dim terms.
LogicalResult getLinearTerms(AffineExpr expr,
                             std::vector<std::pair<unsigned, int64_t>> &terms,
                             int64_t &constant) {
  if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
    terms.push_back({dim.getPosition(), 1});
    return success();
  }
  if (auto value = dyn_cast<AffineConstantExpr>(expr)) {
    constant += value.getValue();
    return success();
  }
  auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!binary)
    return failure();
  if (binary.getKind() == AffineExprKind::Add)
    return success(
        succeeded(getLinearTerms(binary.getLHS(), terms, constant)) &&
        succeeded(getLinearTerms(binary.getRHS(), terms, constant)));
  if (binary.getKind() == AffineExprKind::Mul) {
    auto dim = dyn_cast<AffineDimExpr>(binary.getLHS());
    auto factor = dyn_cast<AffineConstantExpr>(binary.getRHS());
    if (dim && factor) {
      terms.push_back({dim.getPosition(), factor.getValue()});
      return success();
    }
  }
  return failure();
}

class Exporter {
public:
  Exporter(MappableOpInterface op, const TimeloopExportOptions &options)
      : op(op), options(options), problem(op.getProblemAttr()),
        arch(op.getArchAttr()) {
    record = op->getAttrOfType<DictionaryAttr>(record::kAttrName);
  }

  LogicalResult run(MappingAttr mapping, Inputs &inputs);

private:
  MappableOpInterface op;
  const TimeloopExportOptions &options;
  ProblemAttr problem;
  ArchitectureAttr arch;
  DictionaryAttr record;
  /// Timeloop's single-letter name of each union dim.
  std::vector<std::string> letters;

  Attribute getRecord(StringRef key) const {
    return record ? record.get(key) : Attribute();
  }
  DictionaryAttr getLevelRecord(StringRef level) const {
    auto levels = dyn_cast_or_null<DictionaryAttr>(getRecord("levels"));
    return levels ? dyn_cast_or_null<DictionaryAttr>(levels.get(level))
                  : DictionaryAttr();
  }

  LogicalResult nameDims();
  /// Per dim, its size; a padded op's mapping tiles the padded sizes, so
  /// Timeloop gets those.
  std::vector<int64_t> getDimSizes() const {
    llvm::StringMap<int64_t> padded = getPaddedDimSizes(op);
    std::vector<int64_t> sizes;
    for (const DimSpec &dim : problem.getDims()) {
      auto pad = padded.find(dim.name.getValue());
      sizes.push_back(pad != padded.end() && pad->second > dim.size
                          ? pad->second
                          : dim.size);
    }
    return sizes;
  }
  LogicalResult exportProblem(Problem &out);
  LogicalResult exportArchitecture(Architecture &out,
                                   std::vector<ErtTable> &ert, bool &withErt);
  LogicalResult exportMapping(MappingAttr mapping,
                              std::vector<timeloop::Directive> &out);
  void exportConstraints(Inputs &inputs);
};

LogicalResult Exporter::nameDims() {
  FailureOr<std::vector<std::string>> names = getTimeloopDimLetters(op);
  if (failed(names))
    return failure();
  letters = *names;
  return success();
}

LogicalResult Exporter::exportProblem(Problem &out) {
  auto shape = dyn_cast_or_null<StringAttr>(getRecord("shape"));
  out.shapeName = shape && !shape.getValue().empty() ? shape.str()
                                                     : getOpLabel(op, "Union");
  std::vector<int64_t> sizes = getDimSizes();
  for (unsigned i = 0; i < sizes.size(); ++i) {
    out.dims.push_back(letters[i]);
    out.instance[letters[i]] = sizes[i];
  }
  // Recorded coefficient names and values.
  std::map<std::string, int64_t> recordedValues;
  if (auto coefficients =
          dyn_cast_or_null<ArrayAttr>(getRecord("coefficients")))
    for (Attribute c : coefficients) {
      auto fields = dyn_cast<ArrayAttr>(c);
      if (!fields || fields.size() != 3)
        continue;
      auto name = dyn_cast<StringAttr>(fields[0]);
      auto defaultValue = dyn_cast<IntegerAttr>(fields[1]);
      auto value = dyn_cast<IntegerAttr>(fields[2]);
      if (!name || !defaultValue || !value)
        continue;
      out.coefficients.push_back({name.str(), defaultValue.getInt()});
      out.instance[name.str()] = value.getInt();
      recordedValues[name.str()] = value.getInt();
    }
  auto projections = dyn_cast_or_null<DictionaryAttr>(getRecord("projections"));
  std::map<int64_t, std::string> generated;
  for (const TensorSpec &tensor : problem.getTensors()) {
    DataSpace space;
    space.name = tensor.name.str();
    space.readWrite = tensor.role == TensorRole::ReadWrite;
    // Terms per tensor dim from the indexing map.
    std::vector<std::vector<std::pair<unsigned, int64_t>>> wanted;
    for (auto [i, expr] : llvm::enumerate(tensor.indexing.getResults())) {
      std::vector<std::pair<unsigned, int64_t>> terms;
      int64_t constant = 0;
      if (failed(getLinearTerms(expr, terms, constant)) || constant != 0)
        return op.emitError()
               << "tensor '" << space.name << "' index #" << i
               << " is not a sum of dims times constants (Timeloop "
                  "projections have no offsets)";
      llvm::erase_if(terms, [](auto &t) { return t.second == 0; });
      wanted.push_back(terms);
    }
    // The recorded projection, when it still says the same.
    auto recorded = record::attrToProjection(
        projections ? projections.get(space.name) : Attribute());
    bool sameAsRecorded = recorded.size() == wanted.size();
    for (size_t i = 0; sameAsRecorded && i < wanted.size(); ++i) {
      std::map<std::string, int64_t> a, b;
      for (auto [d, c] : wanted[i])
        a[letters[d]] += c;
      for (const ProjectionTerm &term : recorded[i]) {
        auto it = recordedValues.find(term.coefficient);
        b[term.dim] += term.coefficient.empty()     ? 1
                       : it == recordedValues.end() ? 0
                                                    : it->second;
      }
      for (auto it = b.begin(); it != b.end();)
        it = it->second == 0 ? b.erase(it) : std::next(it);
      sameAsRecorded = a == b;
    }
    if (sameAsRecorded) {
      space.projection = recorded;
    } else {
      for (const auto &terms : wanted) {
        std::vector<ProjectionTerm> dimTerms;
        for (auto [d, c] : terms) {
          ProjectionTerm term{letters[d], ""};
          if (c != 1) {
            auto [it, fresh] =
                generated.insert({c, "coef" + std::to_string(c)});
            term.coefficient = it->second;
            if (fresh) {
              out.coefficients.push_back({it->second, c});
              out.instance[it->second] = c;
            }
          }
          dimTerms.push_back(term);
        }
        space.projection.push_back(dimTerms);
      }
    }
    out.dataSpaces.push_back(space);
  }
  return success();
}

LogicalResult Exporter::exportArchitecture(Architecture &out,
                                           std::vector<ErtTable> &ert,
                                           bool &withErt) {
  ArrayRef<Attribute> levels = arch.getLevels().getValue();
  auto ertRecord = dyn_cast_or_null<BoolAttr>(getRecord("ert"));
  withErt = !ertRecord || ertRecord.getValue();

  // Components, outermost first, with their instance counts.
  struct Level {
    unsigned index;
    Attribute attr;
    DictionaryAttr rec;
  };
  std::vector<Level> components;
  for (auto [i, level] : llvm::enumerate(levels))
    if (!isa<NetworkLevelAttr>(level))
      components.push_back(
          {unsigned(i), level,
           getLevelRecord(ArchitectureAttr::getLevelName(level))});

  // The recorded tree, if every level still has the instances it implies.
  std::vector<Container> containers;
  if (auto recorded = dyn_cast_or_null<ArrayAttr>(getRecord("containers")))
    for (Attribute c : recorded) {
      auto fields = dyn_cast<ArrayAttr>(c);
      if (!fields || fields.size() != 2 || !isa<StringAttr>(fields[0]))
        continue;
      containers.push_back(
          {cast<StringAttr>(fields[0]).str(), record::attrToPairs(fields[1])});
    }
  auto rangeOf = [](StringRef written) {
    if (!written.ends_with("]"))
      return int64_t(1);
    auto [low, high] =
        written.slice(written.find('[') + 1, written.size() - 1).split("..");
    int64_t first = 0, last = 0;
    if (low.getAsInteger(10, first) || high.getAsInteger(10, last))
      return int64_t(-1);
    return last - first + 1;
  };
  bool useRecorded = !containers.empty();
  for (const Level &level : components) {
    if (!useRecorded)
      break;
    if (!level.rec) {
      useRecorded = false;
      break;
    }
    std::vector<std::string> path =
        record::attrToStrings(level.rec.get("path"));
    auto written = dyn_cast_or_null<StringAttr>(level.rec.get("written"));
    if (!written || path.size() > containers.size()) {
      useRecorded = false;
      break;
    }
    int64_t instances = rangeOf(written.getValue());
    for (auto [i, name] : llvm::enumerate(path)) {
      if (containers[i].name != name)
        useRecorded = false;
      instances *= rangeOf(name);
    }
    if (instances != arch.getInstances(level.index))
      useRecorded = false;
  }

  if (!useRecorded) {
    // A generated tree: a new container below every network.
    containers = {{"system", {}}};
  }
  std::vector<std::string> generatedPath = {"system"};
  int64_t meshX = 1;
  bool anyMesh = false;
  for (auto [i, level] : llvm::enumerate(levels)) {
    if (auto network = dyn_cast<NetworkLevelAttr>(level)) {
      meshX *=
          network.getMeshX() > 0 ? network.getMeshX() : network.getFanout();
      anyMesh |= network.getMeshX() > 0;
      if (!useRecorded && network.getFanout() > 1) {
        std::string name;
        for (char c : network.getName())
          name += llvm::isAlnum(c) || c == '_' ? c : '_';
        if (name.empty() || !llvm::isAlpha(name[0]))
          name = "N" + name;
        name += "[0.." + std::to_string(network.getFanout() - 1) + "]";
        containers.push_back({name, {}});
        generatedPath.push_back(name);
      }
      continue;
    }
    StringRef levelName = ArchitectureAttr::getLevelName(level);
    DictionaryAttr rec = getLevelRecord(levelName);
    Component component;
    component.name = levelName.str();
    component.instances = arch.getInstances(i);
    if (useRecorded) {
      component.writtenName = cast<StringAttr>(rec.get("written")).str();
      component.path = record::attrToStrings(rec.get("path"));
    } else {
      component.writtenName = component.name;
      component.path = generatedPath;
    }
    auto recordedClass =
        rec ? dyn_cast_or_null<StringAttr>(rec.get("class")) : StringAttr();
    if (rec) {
      component.attributes = record::attrToPairs(rec.get("attributes"));
      if (auto block = dyn_cast_or_null<IntegerAttr>(rec.get("block_size")))
        component.blockSize = block.getInt();
    }
    bool recordedMesh = rec && rec.get("mesh_x");
    if (recordedMesh || (!rec && anyMesh && component.instances > 1))
      component.meshX = meshX;

    std::vector<Action> actions;
    std::string tableName = component.getTableName();
    bool builtin = false;
    if (rec) {
      actions = record::attrToActions(rec.get("actions"));
      if (auto table = dyn_cast_or_null<StringAttr>(rec.get("table")))
        tableName = table.str();
      auto energy = dyn_cast_or_null<StringAttr>(rec.get("energy"));
      builtin = energy && energy.getValue() == "builtin";
    }
    std::vector<Action> modelled;
    if (auto storage = dyn_cast<StorageLevelAttr>(level)) {
      component.isStorage = true;
      component.className =
          recordedClass ? recordedClass.str()
                        : (storage.getCapacity() == 0 ? "DRAM" : "SRAM");
      component.capacity = storage.getCapacity();
      // The attribute's block size; IR written before it had one keeps it
      // in the record.
      if (storage.getBlockSize() > 1)
        component.blockSize = storage.getBlockSize();
      component.wordBits = storage.getWordBits();
      component.readBandwidth = storage.getReadBandwidth();
      component.writeBandwidth = storage.getWriteBandwidth();
      if (!rec)
        component.attributes.push_back(
            {"width",
             std::to_string(component.wordBits * component.blockSize)});
      double block = component.blockSize;
      modelled.push_back({"read", "null", storage.getReadEnergy() * block});
      modelled.push_back({"write", "null", storage.getWriteEnergy() * block});
      if (storage.getUpdateEnergy() > 0)
        modelled.push_back(
            {"random_update", "null", storage.getUpdateEnergy() * block});
      else if (rec)
        if (auto update = dyn_cast_or_null<FloatAttr>(rec.get("update_energy")))
          modelled.push_back(
              {"random_update", "null", update.getValueAsDouble() * block});
    } else if (auto compute = dyn_cast<ComputeLevelAttr>(level)) {
      component.className =
          recordedClass ? recordedClass.str() : std::string("intmac");
      if (rec) {
        if (auto bits = dyn_cast_or_null<IntegerAttr>(rec.get("word_bits")))
          component.wordBits = bits.getInt();
      } else {
        int64_t bits = out.levels.empty() ? 16 : out.levels.back().wordBits;
        component.attributes.push_back({"datawidth", std::to_string(bits)});
      }
      if (compute.getVectorWidth() > 1) {
        // Vector lanes: more MAC instances under the innermost storage.
        if (useRecorded)
          return op.emitError()
                 << "the recorded Timeloop tree has no room for vector "
                    "width "
                 << compute.getVectorWidth() << " of '" << component.name
                 << "'";
        component.writtenName +=
            "[0.." + std::to_string(compute.getVectorWidth() - 1) + "]";
        component.instances *= compute.getVectorWidth();
      }
      modelled.push_back({"mac_random", "null", compute.getMacEnergy()});
    }
    if (!builtin)
      actions.insert(actions.begin(), modelled.begin(), modelled.end());
    if (withErt && !actions.empty())
      ert.push_back({tableName, actions, 0});
    out.levels.push_back(component);
  }
  out.containers = containers;
  if (useRecorded)
    return success();
  // Generated levels sit in the deepest container at their depth.
  return success();
}

LogicalResult Exporter::exportMapping(MappingAttr mapping,
                                      std::vector<timeloop::Directive> &out) {
  ArrayRef<DimSpec> dims = problem.getDims();
  unsigned numDims = dims.size();
  std::vector<int64_t> sizes = getDimSizes();
  using LevelLoops = TimeloopLevelLoops;
  ArrayRef<Attribute> levels = arch.getLevels().getValue();
  std::vector<unsigned> storage;
  for (auto [i, level] : llvm::enumerate(levels))
    if (isa<StorageLevelAttr>(level))
      storage.push_back(i);
  std::vector<LevelLoops> loops(storage.size());
  for (LevelLoops &l : loops) {
    l.temporal.assign(numDims, 1);
    l.spatial.assign(numDims, 1);
  }
  std::vector<int64_t> products(numDims, 1);
  for (LevelMappingAttr levelMapping : mapping.getLevels()) {
    StringRef name = levelMapping.getLevel().getValue();
    auto it = llvm::find_if(storage, [&](unsigned i) {
      return ArchitectureAttr::getLevelName(levels[i]) == name;
    });
    if (it == storage.end())
      return op.emitError() << "mapping level '" << name
                            << "' is not a storage level of the architecture";
    LevelLoops &l = loops[it - storage.begin()];
    for (const LoopSpec &loop : levelMapping.getLoops()) {
      std::optional<unsigned> d = problem.getDimIndex(loop.dim.getValue());
      if (!d)
        return op.emitError()
               << "mapping names unknown dim '" << loop.dim.getValue() << "'";
      bool spatial = loop.kind == LoopKind::Spatial;
      std::vector<int64_t> &factors = spatial ? l.spatial : l.temporal;
      std::vector<unsigned> &order = spatial ? l.spatialOrder : l.temporalOrder;
      if (llvm::is_contained(order, *d))
        return op.emitError() << "level '" << name << "' has two "
                              << (spatial ? "spatial" : "temporal")
                              << " loops over '" << loop.dim.getValue()
                              << "'; Timeloop has one factor per dim and level";
      factors[*d] = loop.factor;
      order.push_back(*d);
      products[*d] *= loop.factor;
    }
    for (StringAttr tensor : levelMapping.getBypass())
      l.bypass.push_back(tensor.str());
  }
  // Leftover iterations run as the outermost loop (union's implicit loop).
  for (unsigned d = 0; d < numDims; ++d) {
    if (sizes[d] % products[d] != 0)
      return op.emitError()
             << "the factors of dim '" << dims[d].name.getValue()
             << "' multiply to " << products[d] << ", which does not divide "
             << sizes[d]
             << "; Timeloop needs an exact factorization (pad the dim, "
                "e.g. with union-prune-workload pad=...)";
    int64_t left = sizes[d] / products[d];
    if (left == 1)
      continue;
    LevelLoops &outer = loops[0];
    if (!outer.temporalOrder.empty() && outer.temporalOrder[0] != d &&
        llvm::is_contained(outer.temporalOrder, d))
      return op.emitError()
             << "dim '" << dims[d].name.getValue()
             << "' has a loop at the outermost level and leftover "
                "iterations outside it; Timeloop has one loop per dim and "
                "level";
    if (!llvm::is_contained(outer.temporalOrder, d))
      outer.temporalOrder.insert(outer.temporalOrder.begin(), d);
    outer.temporal[d] *= left;
  }

  FailureOr<TimeloopMappingWriter> writer = TimeloopMappingWriter::get(op);
  if (failed(writer))
    return failure();
  auto directives = writer->write(loops);
  if (!directives)
    return op.emitError() << llvm::toString(directives.takeError());
  out = std::move(*directives);
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// Mapping writer
//===----------------------------------------------------------------------===//

FailureOr<std::vector<std::string>>
mlir::union_::getTimeloopDimLetters(MappableOpInterface op) {
  llvm::StringSet<> used;
  ArrayRef<DimSpec> dims = op.getProblemAttr().getDims();
  std::vector<std::string> letters(dims.size());
  // Single-letter names stay; the others take their first letter in upper
  // case if free, else the first free letter.
  for (auto [i, dim] : llvm::enumerate(dims)) {
    StringRef name = dim.name.getValue();
    if (name.size() == 1 && llvm::isAlpha(name[0]) && used.insert(name).second)
      letters[i] = name.str();
  }
  static const char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  for (auto [i, dim] : llvm::enumerate(dims)) {
    if (!letters[i].empty())
      continue;
    std::string first(1, llvm::toUpper(dim.name.getValue()[0]));
    if (llvm::isAlpha(first[0]) && used.insert(first).second) {
      letters[i] = first;
      continue;
    }
    for (const char *c = alphabet; *c; ++c)
      if (used.insert(std::string(1, *c)).second) {
        letters[i] = std::string(1, *c);
        break;
      }
    if (letters[i].empty())
      return op.emitError() << "Timeloop names dims by single letters; this "
                               "problem has more than 52 dims";
  }
  return letters;
}

FailureOr<TimeloopMappingWriter>
TimeloopMappingWriter::get(MappableOpInterface op) {
  ArchitectureAttr arch = op.getArchAttr();
  if (!arch)
    return op.emitError() << "exporting to Timeloop needs an architecture",
           failure();
  FailureOr<std::vector<std::string>> letters = getTimeloopDimLetters(op);
  if (failed(letters))
    return failure();
  TimeloopMappingWriter writer;
  writer.letters = *letters;
  for (const DimSpec &dim : op.getProblemAttr().getDims())
    writer.dimNames.push_back(dim.name.str());
  for (const TensorSpec &tensor : op.getProblemAttr().getTensors())
    writer.tensors.push_back(tensor.name.str());
  auto rec = op->getAttrOfType<DictionaryAttr>(record::kAttrName);
  auto spatialX = rec ? dyn_cast_or_null<DictionaryAttr>(rec.get("spatial_x"))
                      : DictionaryAttr();
  ArrayRef<Attribute> levels = arch.getLevels().getValue();
  bool anyMesh = llvm::any_of(levels, [](Attribute level) {
    auto network = dyn_cast<NetworkLevelAttr>(level);
    return network && network.getMeshX() > 0;
  });
  for (auto [i, level] : llvm::enumerate(levels)) {
    if (!isa<StorageLevelAttr>(level))
      continue;
    Level entry;
    entry.name = ArchitectureAttr::getLevelName(level).str();
    entry.fanout = arch.getFanoutBelow(i);
    entry.meshX = record::getMeshXBelow(arch, i);
    // The fan-out counts vector lanes (MAC instances below the innermost
    // storage level); the architecture is written with them along Y of a
    // declared mesh, else along X.
    unsigned next = i + 1;
    while (next < levels.size() && isa<NetworkLevelAttr>(levels[next]))
      ++next;
    if (!anyMesh && next < levels.size())
      if (auto compute = dyn_cast<ComputeLevelAttr>(levels[next]))
        entry.meshX *= compute.getVectorWidth();
    if (spatialX)
      if (Attribute recorded = spatialX.get(entry.name))
        entry.recordedX = record::attrToStrings(recorded);
    if (MappingAttr mapping = op.getMappingAttr())
      for (LevelMappingAttr levelMapping : mapping.getLevels())
        if (levelMapping.getLevel().getValue() == entry.name)
          for (const LoopSpec &loop : levelMapping.getLoops())
            if (loop.kind == LoopKind::Spatial)
              if (auto d = op.getProblemAttr().getDimIndex(loop.dim.getValue()))
                entry.preferredSpatialOrder.push_back(*d);
    writer.levels.push_back(entry);
  }
  return writer;
}

llvm::Expected<std::vector<timeloop::Directive>> TimeloopMappingWriter::write(
    const std::vector<TimeloopLevelLoops> &loops) const {
  std::vector<timeloop::Directive> out;
  std::string why;
  if (!writeInto(loops, out, why))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
  return out;
}

bool TimeloopMappingWriter::writeInto(
    const std::vector<TimeloopLevelLoops> &loops,
    std::vector<timeloop::Directive> &out, std::string &why) const {
  if (loops.size() != levels.size()) {
    why = "the mapping has " + std::to_string(loops.size()) +
          " levels, the architecture " + std::to_string(levels.size()) +
          " storage levels";
    return false;
  }
  auto factorList = [&](const std::vector<int64_t> &factors) {
    std::vector<std::pair<std::string, int64_t>> list;
    for (unsigned d = 0; d < letters.size(); ++d)
      list.push_back({letters[d], factors[d]});
    return list;
  };
  auto permutation = [&](std::vector<unsigned> innermostFirst) {
    std::string text;
    for (unsigned d : innermostFirst)
      text += letters[d];
    for (unsigned d = 0; d < letters.size(); ++d)
      if (!llvm::is_contained(innermostFirst, d))
        text += letters[d];
    return text;
  };
  for (auto [s, level] : llvm::enumerate(levels)) {
    const TimeloopLevelLoops &l = loops[s];
    const std::string &name = level.name;
    timeloop::Directive temporal;
    temporal.target = name;
    temporal.type = "temporal";
    temporal.factors = factorList(l.temporal);
    std::vector<unsigned> temporalOrder;
    for (unsigned d : llvm::reverse(l.temporalOrder))
      if (l.temporal[d] > 1)
        temporalOrder.push_back(d);
    temporal.permutation = permutation(temporalOrder);
    out.push_back(temporal);

    int64_t fanout = level.fanout;
    if (fanout > 1) {
      int64_t meshX = level.meshX;
      int64_t meshY = fanout / meshX;
      std::vector<unsigned> used;
      for (unsigned d : llvm::reverse(l.spatialOrder))
        if (l.spatial[d] > 1)
          used.push_back(d);
      // Innermost first, in the op's own order where it has one.
      auto rank = [&](unsigned d) {
        auto it = llvm::find(level.preferredSpatialOrder, d);
        return it == level.preferredSpatialOrder.end()
                   ? -1
                   : int(it - level.preferredSpatialOrder.begin());
      };
      std::stable_sort(used.begin(), used.end(), [&](unsigned a, unsigned b) {
        return rank(a) > rank(b);
      });
      // Which dims go along X: as recorded if that still fits, else the
      // first split that fits.
      auto fits = [&](uint64_t onX) {
        int64_t x = 1, y = 1;
        for (auto [i, d] : llvm::enumerate(used))
          (onX >> i & 1 ? x : y) *= l.spatial[d];
        return x <= meshX && y <= meshY;
      };
      uint64_t all = (uint64_t(1) << used.size()) - 1, chosen = all;
      bool found = false;
      if (level.recordedX) {
        uint64_t onX = 0;
        for (auto [i, d] : llvm::enumerate(used))
          if (llvm::is_contained(*level.recordedX, dimNames[d]))
            onX |= uint64_t(1) << i;
        if (fits(onX)) {
          chosen = onX;
          found = true;
        }
      }
      for (uint64_t onX = all + 1; !found && onX-- > 0;)
        if (fits(onX)) {
          chosen = onX;
          found = true;
        }
      if (!found) {
        why = "the spatial loops at '" + name + "' do not fit its " +
              std::to_string(meshX) + " x " + std::to_string(meshY) + " mesh";
        return false;
      }
      std::vector<unsigned> order;
      for (auto [i, d] : llvm::enumerate(used))
        if (chosen >> i & 1)
          order.push_back(d);
      int64_t split = order.size();
      for (auto [i, d] : llvm::enumerate(used))
        if (!(chosen >> i & 1))
          order.push_back(d);
      timeloop::Directive spatial;
      spatial.target = name;
      spatial.type = "spatial";
      spatial.factors = factorList(l.spatial);
      spatial.permutation = permutation(order);
      spatial.split = split;
      out.push_back(spatial);
    } else if (llvm::any_of(l.spatial, [](int64_t f) { return f > 1; })) {
      why = "level '" + name + "' has spatial loops but no fan-out below it";
      return false;
    }

    timeloop::Directive bypass;
    bypass.target = name;
    bypass.type = "bypass";
    for (const std::string &tensor : tensors)
      (llvm::is_contained(l.bypass, tensor) ? bypass.bypass : bypass.keep)
          .push_back(tensor);
    out.push_back(bypass);
  }
  return true;
}

namespace {

void Exporter::exportConstraints(Inputs &inputs) {
  if (!options.constraints)
    return;
  ArrayRef<Attribute> levels = arch.getLevels().getValue();
  auto dimLetters = [&](ArrayAttr names) {
    std::vector<unsigned> dims;
    if (names)
      for (Attribute name : names)
        if (auto s = dyn_cast<StringAttr>(name))
          if (auto d = problem.getDimIndex(s.getValue()))
            dims.push_back(*d);
    return dims;
  };
  // Tensors a level cannot hold are bypassed there.
  for (Attribute level : levels)
    if (auto storage = dyn_cast<StorageLevelAttr>(level))
      if (ArrayAttr holdable = storage.getTensors()) {
        timeloop::Directive directive;
        directive.target = storage.getName().str();
        directive.type = "bypass";
        for (const TensorSpec &tensor : problem.getTensors()) {
          bool holds = llvm::any_of(holdable, [&](Attribute a) {
            auto s = dyn_cast<StringAttr>(a);
            return s && s.getValue() == tensor.name.getValue();
          });
          (holds ? directive.keep : directive.bypass)
              .push_back(tensor.name.str());
        }
        inputs.architectureConstraints.push_back(directive);
      }
  auto addFrom = [&](ArrayAttr constraints) {
    if (!constraints)
      return;
    for (Attribute attr : constraints) {
      auto c = dyn_cast<ConstraintAttr>(attr);
      if (!c)
        continue;
      timeloop::Directive directive;
      if (c.getKind() == ir::ConstraintKind::MinUtilization) {
        // Timeloop takes it at the innermost storage level, over all MACs.
        for (Attribute level : llvm::reverse(levels))
          if (auto storage = dyn_cast<StorageLevelAttr>(level)) {
            directive.target = storage.getName().str();
            break;
          }
        directive.type = "utilization";
        directive.minUtilization = c.getFraction();
        inputs.mapspaceConstraints.push_back(directive);
        continue;
      }
      if (!c.getLevel())
        continue;
      directive.target = c.getLevel().str();
      switch (c.getKind()) {
      case ir::ConstraintKind::SpatialDims:
      case ir::ConstraintKind::MeshAxes: {
        std::vector<unsigned> x = dimLetters(c.getDims());
        std::vector<unsigned> y = dimLetters(c.getY());
        directive.type = "spatial";
        for (unsigned d = 0; d < problem.getDims().size(); ++d)
          if (!llvm::is_contained(x, d) && !llvm::is_contained(y, d))
            directive.factors.push_back({letters[d], 1});
        if (c.getKind() == ir::ConstraintKind::MeshAxes) {
          std::string permutation;
          for (unsigned d : x)
            permutation += letters[d];
          for (unsigned d : y)
            permutation += letters[d];
          directive.permutation = permutation;
          directive.split = x.size();
        }
        inputs.architectureConstraints.push_back(directive);
        break;
      }
      default:
        break; // No Timeloop form; see docs/Timeloop.md.
      }
    }
  };
  addFrom(op->getAttrOfType<ArrayAttr>("union.constraints"));
  addFrom(op->getAttrOfType<ArrayAttr>("union.mapper_constraints"));
}

LogicalResult Exporter::run(MappingAttr mapping, Inputs &inputs) {
  if (!arch)
    return op.emitError() << "exporting to Timeloop needs an architecture "
                             "(attach one with union-attach-arch)";
  if (failed(nameDims()))
    return failure();
  inputs.problem.emplace();
  if (failed(exportProblem(*inputs.problem)))
    return failure();
  inputs.architecture.emplace();
  std::vector<ErtTable> ert;
  bool withErt = true;
  if (failed(exportArchitecture(*inputs.architecture, ert, withErt)))
    return failure();
  if (withErt && !ert.empty())
    inputs.ert = ert;
  if (mapping) {
    inputs.mapping.emplace();
    if (failed(exportMapping(mapping, *inputs.mapping)))
      return failure();
  }
  exportConstraints(inputs);
  return success();
}

} // namespace

LogicalResult
mlir::union_::exportTimeloop(MappableOpInterface op, MappingAttr mapping,
                             Inputs &inputs,
                             const TimeloopExportOptions &options) {
  return Exporter(op, options).run(mapping, inputs);
}

LogicalResult
mlir::union_::exportTimeloop(MappableOpInterface op, Inputs &inputs,
                             const TimeloopExportOptions &options) {
  return exportTimeloop(op, op.getMappingAttr(), inputs, options);
}

std::vector<std::pair<std::string, std::string>>
mlir::union_::writeTimeloopFiles(const Inputs &inputs) {
  std::vector<std::pair<std::string, std::string>> files;
  if (inputs.architecture)
    files.push_back({"arch.yaml", writeArchitecture(*inputs.architecture)});
  if (inputs.problem)
    files.push_back({"problem.yaml", writeProblem(*inputs.problem)});
  if (inputs.mapping)
    files.push_back({"mapping.yaml", writeMapping(*inputs.mapping)});
  if (inputs.ert)
    files.push_back({"ert.yaml", writeErt(*inputs.ert)});
  if (!inputs.architectureConstraints.empty() ||
      !inputs.mapspaceConstraints.empty())
    files.push_back(
        {"constraints.yaml", writeConstraints(inputs.architectureConstraints,
                                              inputs.mapspaceConstraints)});
  return files;
}
