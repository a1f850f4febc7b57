//===- TimeloopYamlReader.cpp - Timeloop YAML files into plain data -------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// yaml-cpp reports errors by throwing, so this file alone is compiled with
// exceptions; none escapes it (readInputs catches them all and returns an
// llvm::Error).
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Timeloop/TimeloopInputs.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <yaml-cpp/yaml.h>

using namespace mlir::union_::timeloop;

namespace {

/// Keys Timeloop v3.0.3 does not read although they look right, with the
/// spelling it does read and what ignoring them does.
struct Pitfall {
  const char *written, *meant, *effect;
};
const Pitfall kStoragePitfalls[] = {
    {"read-bandwidth", "read_bandwidth", "the level's reads are unlimited"},
    {"write-bandwidth", "write_bandwidth", "the level's writes are unlimited"},
    {"shared-bandwidth", "shared_bandwidth", "the level is unlimited"},
    {"word_bits", "word-bits", "the level falls back to 16-bit words"},
    {"block_size", "block-size", "the level falls back to 1-word blocks"},
    {"num_banks", "num-banks", "the level has one bank"},
};

class Reader {
public:
  Reader(Inputs &inputs, std::vector<std::string> &warnings)
      : inputs(inputs), warnings(warnings) {}

  bool readFile(const std::string &name, const std::string &text);

  std::string error;

private:
  Inputs &inputs;
  std::vector<std::string> &warnings;
  std::string file;

  // Messages -----------------------------------------------------------
  std::string where(const YAML::Node &node) const {
    return file + ":" + std::to_string(node.Mark().line + 1);
  }
  bool fail(const YAML::Node &node, const std::string &key,
            const std::string &message) {
    error = where(node) + ": " + key + ": " + message;
    return false;
  }
  void warn(const YAML::Node &node, const std::string &message) {
    warnings.push_back(where(node) + ": warning: " + message);
  }

  // Typed access -------------------------------------------------------
  bool getScalar(const YAML::Node &node, const std::string &key,
                 std::string &out) {
    if (!node.IsScalar())
      return fail(node, key, "expected a scalar");
    out = node.Scalar();
    return true;
  }
  bool getInt(const YAML::Node &node, const std::string &key, int64_t &out) {
    std::string text;
    if (!getScalar(node, key, text))
      return false;
    if (llvm::StringRef(text).trim().getAsInteger(10, out))
      return fail(node, key, "expected an integer, got '" + text + "'");
    return true;
  }
  bool getDouble(const YAML::Node &node, const std::string &key, double &out) {
    std::string text;
    if (!getScalar(node, key, text))
      return false;
    if (llvm::StringRef(text).trim().getAsDouble(out))
      return fail(node, key, "expected a number, got '" + text + "'");
    return true;
  }
  bool getStringList(const YAML::Node &node, const std::string &key,
                     std::vector<std::string> &out) {
    if (node.IsNull())
      return true;
    if (!node.IsSequence())
      return fail(node, key, "expected a list of names");
    for (const YAML::Node &item : node) {
      std::string name;
      if (!getScalar(item, key, name))
        return false;
      out.push_back(name);
    }
    return true;
  }
  bool requireMap(const YAML::Node &node, const std::string &key) {
    return node.IsMap() || fail(node, key, "expected a mapping");
  }
  bool requireSequence(const YAML::Node &node, const std::string &key) {
    return node.IsSequence() || fail(node, key, "expected a list");
  }

  // Sections -----------------------------------------------------------
  bool readProblem(const YAML::Node &node);
  bool readProjection(const YAML::Node &node, const std::string &key,
                      const Problem &problem, DataSpace &space);
  bool readTree(const YAML::Node &node);
  bool readTreeNode(const YAML::Node &node, const std::string &key,
                    std::vector<std::string> path, int64_t instances,
                    Architecture &arch);
  bool readComponent(const YAML::Node &node, const std::string &key,
                     const std::vector<std::string> &path, int64_t instances,
                     Architecture &arch);
  bool readAttributes(const YAML::Node &node, const std::string &key,
                      Component &component);
  bool readFlat(const YAML::Node &node);
  bool readErt(const YAML::Node &node);
  bool readDirectives(const YAML::Node &node, const std::string &key,
                      std::vector<Directive> &out);
  bool readFactors(const YAML::Node &node, const std::string &key,
                   Directive &directive);
};

/// Splits `PE[0..167]` into `PE` and 168 instances.
bool splitRange(llvm::StringRef written, std::string &name, int64_t &count) {
  count = 1;
  name = written.str();
  if (!written.ends_with("]"))
    return true;
  size_t open = written.find('[');
  if (open == llvm::StringRef::npos)
    return false;
  auto [low, high] = written.slice(open + 1, written.size() - 1).split("..");
  int64_t first, last;
  if (low.getAsInteger(10, first) || high.getAsInteger(10, last) ||
      last < first)
    return false;
  name = written.take_front(open).str();
  count = last - first + 1;
  return true;
}

bool isStorageClass(llvm::StringRef cls) {
  return cls.contains("DRAM") || cls.contains("SRAM") ||
         cls.contains("regfile") || cls.contains("smartbuffer") ||
         cls.contains("storage");
}
bool isComputeClass(llvm::StringRef cls) {
  return cls.contains("mac") || cls.contains("compute");
}

} // namespace

//===----------------------------------------------------------------------===//
// Problem
//===----------------------------------------------------------------------===//

bool Reader::readProjection(const YAML::Node &node, const std::string &key,
                            const Problem &problem, DataSpace &space) {
  if (!requireSequence(node, key))
    return false;
  for (auto [d, dimension] : llvm::enumerate(node)) {
    std::string dimKey = key + "[" + std::to_string(d) + "]";
    if (!requireSequence(dimension, dimKey))
      return false;
    std::vector<ProjectionTerm> terms;
    for (const YAML::Node &termNode : dimension) {
      if (!termNode.IsSequence() || termNode.size() < 1 || termNode.size() > 2)
        return fail(termNode, dimKey,
                    "expected a term [dim] or [dim, coefficient]");
      std::vector<std::string> names;
      for (const YAML::Node &part : termNode) {
        std::string name;
        if (!getScalar(part, dimKey, name))
          return false;
        names.push_back(name);
      }
      ProjectionTerm term;
      // Timeloop takes whichever of the two names is a dimension.
      int first = problem.findDim(names[0]);
      if (names.size() == 2 && first < 0)
        std::swap(names[0], names[1]);
      term.dim = names[0];
      if (problem.findDim(term.dim) < 0)
        return fail(termNode, dimKey,
                    "'" + term.dim + "' is not a dimension of the shape");
      if (names.size() == 2) {
        term.coefficient = names[1];
        bool declared = llvm::any_of(problem.coefficients, [&](auto &c) {
          return c.first == term.coefficient;
        });
        if (!declared)
          return fail(termNode, dimKey,
                      "'" + term.coefficient +
                          "' is not a declared coefficient of the shape");
      }
      terms.push_back(term);
    }
    space.projection.push_back(terms);
  }
  return true;
}

bool Reader::readProblem(const YAML::Node &node) {
  if (!requireMap(node, "problem"))
    return false;
  Problem problem;
  YAML::Node shape = node["shape"];
  if (!shape)
    return fail(node, "problem", "missing key 'shape'");
  if (!requireMap(shape, "problem.shape"))
    return false;
  if (YAML::Node name = shape["name"])
    if (!getScalar(name, "problem.shape.name", problem.shapeName))
      return false;
  YAML::Node dims = shape["dimensions"];
  if (!dims)
    return fail(shape, "problem.shape", "missing key 'dimensions'");
  if (!getStringList(dims, "problem.shape.dimensions", problem.dims))
    return false;
  llvm::StringSet<> seen;
  for (const std::string &dim : problem.dims) {
    if (dim.size() != 1 || !llvm::isAlpha(dim[0]))
      return fail(dims, "problem.shape.dimensions",
                  "'" + dim +
                      "' is not a single letter (Timeloop reads "
                      "permutations one character per dimension)");
    if (!seen.insert(dim).second)
      return fail(dims, "problem.shape.dimensions",
                  "dimension '" + dim + "' is declared twice");
  }
  if (YAML::Node coefficients = shape["coefficients"]) {
    if (!requireSequence(coefficients, "problem.shape.coefficients"))
      return false;
    for (const YAML::Node &c : coefficients) {
      std::string key = "problem.shape.coefficients";
      if (!requireMap(c, key))
        return false;
      std::string name;
      int64_t value = 1;
      if (!c["name"])
        return fail(c, key, "missing key 'name'");
      if (!getScalar(c["name"], key + ".name", name))
        return false;
      if (c["default"] && !getInt(c["default"], key + ".default", value))
        return false;
      problem.coefficients.push_back({name, value});
    }
  }
  YAML::Node spaces = shape["data-spaces"];
  if (!spaces) {
    if (shape["data_spaces"])
      return fail(shape["data_spaces"], "problem.shape.data_spaces",
                  "Timeloop reads 'data-spaces' (with a hyphen)");
    return fail(shape, "problem.shape", "missing key 'data-spaces'");
  }
  if (!requireSequence(spaces, "problem.shape.data-spaces"))
    return false;
  for (const YAML::Node &spaceNode : spaces) {
    std::string key = "problem.shape.data-spaces";
    if (!requireMap(spaceNode, key))
      return false;
    DataSpace space;
    if (!spaceNode["name"])
      return fail(spaceNode, key, "missing key 'name'");
    if (!getScalar(spaceNode["name"], key + ".name", space.name))
      return false;
    key += "." + space.name;
    if (problem.findDataSpace(space.name) >= 0)
      return fail(spaceNode, key, "data space declared twice");
    if (!spaceNode["projection"])
      return fail(spaceNode, key, "missing key 'projection'");
    if (!readProjection(spaceNode["projection"], key + ".projection", problem,
                        space))
      return false;
    if (YAML::Node rw = spaceNode["read-write"]) {
      std::string text;
      if (!getScalar(rw, key + ".read-write", text))
        return false;
      space.readWrite = llvm::StringRef(text).equals_insensitive("true") ||
                        text == "1" || text == "yes";
    }
    if (spaceNode["read_write"])
      warn(spaceNode["read_write"],
           "'read_write' is ignored by Timeloop v3.0.3 (it reads "
           "'read-write'): data space '" +
               space.name + "' is modelled as read-only");
    problem.dataSpaces.push_back(space);
  }
  if (llvm::none_of(problem.dataSpaces,
                    [](const DataSpace &s) { return s.readWrite; }))
    warn(spaces, "no data space is marked 'read-write: True'; Timeloop "
                 "then treats every tensor as read-only");
  YAML::Node instance = node["instance"];
  if (!instance)
    return fail(node, "problem", "missing key 'instance'");
  if (!requireMap(instance, "problem.instance"))
    return false;
  for (auto it = instance.begin(); it != instance.end(); ++it) {
    std::string name = it->first.Scalar();
    if (name == "densities")
      continue;
    int64_t value;
    if (!getInt(it->second, "problem.instance." + name, value))
      return false;
    bool isCoefficient = llvm::any_of(problem.coefficients,
                                      [&](auto &c) { return c.first == name; });
    if (problem.findDim(name) < 0 && !isCoefficient)
      return fail(it->first, "problem.instance",
                  "'" + name + "' is neither a dimension nor a coefficient");
    if (problem.findDim(name) >= 0 && value < 1)
      return fail(it->second, "problem.instance." + name,
                  "a bound must be positive, got " + std::to_string(value));
    problem.instance[name] = value;
  }
  inputs.problem = std::move(problem);
  return true;
}

//===----------------------------------------------------------------------===//
// Architecture
//===----------------------------------------------------------------------===//

bool Reader::readAttributes(const YAML::Node &node, const std::string &key,
                            Component &component) {
  if (!node || node.IsNull())
    return true;
  if (!requireMap(node, key))
    return false;
  std::optional<int64_t> depth, entries;
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string name = it->first.Scalar();
    std::string attrKey = key + "." + name;
    // A copy: the iterator hands out a temporary proxy.
    const YAML::Node value = it->second;
    if (name == "depth" || name == "entries" || name == "size") {
      int64_t v;
      if (!getInt(value, attrKey, v))
        return false;
      if (v < 0)
        return fail(value, attrKey, "must not be negative");
      (name == "depth" ? depth : entries) = v;
    } else if (name == "word-bits" || name == "block-size" ||
               name == "instances" || name == "meshX") {
      int64_t v;
      if (!getInt(value, attrKey, v))
        return false;
      if (v < 1)
        return fail(value, attrKey,
                    "must be positive, got " + std::to_string(v));
      if (name == "word-bits")
        component.wordBits = v;
      else if (name == "block-size")
        component.blockSize = v;
      else if (name == "instances")
        component.instances = v;
      else
        component.meshX = v;
    } else if (name == "read_bandwidth" || name == "write_bandwidth") {
      double v;
      if (!getDouble(value, attrKey, v))
        return false;
      if (v < 0)
        return fail(value, attrKey, "must not be negative");
      (name == "read_bandwidth" ? component.readBandwidth
                                : component.writeBandwidth) = v;
    } else {
      for (const Pitfall &pitfall : kStoragePitfalls)
        if (name == pitfall.written)
          warn(it->first, "'" + name +
                              "' is ignored by Timeloop v3.0.3 (it "
                              "reads '" +
                              pitfall.meant + "'): " + pitfall.effect);
      std::string text;
      if (value.IsScalar())
        text = value.Scalar();
      else {
        YAML::Emitter emitter;
        emitter << YAML::Flow << value;
        text = emitter.c_str();
      }
      component.attributes.push_back({name, text});
    }
  }
  if (entries)
    component.capacity = *entries;
  else if (depth)
    component.capacity = *depth * component.blockSize;
  return true;
}

bool Reader::readComponent(const YAML::Node &node, const std::string &key,
                           const std::vector<std::string> &path,
                           int64_t instances, Architecture &arch) {
  if (!requireMap(node, key))
    return false;
  Component component;
  component.line = node.Mark().line + 1;
  component.path = path;
  if (!node["name"])
    return fail(node, key, "missing key 'name'");
  if (!getScalar(node["name"], key + ".name", component.writtenName))
    return false;
  int64_t count;
  if (!splitRange(component.writtenName, component.name, count))
    return fail(node["name"], key + ".name",
                "malformed range in '" + component.writtenName +
                    "' (expected name[first..last])");
  std::string componentKey = key + "." + component.name;
  if (!node["class"])
    return fail(node, componentKey, "missing key 'class'");
  if (!getScalar(node["class"], componentKey + ".class", component.className))
    return false;
  component.instances = instances * count;
  // `word-bits` in the attributes replaces this default.
  if (!readAttributes(node["attributes"], componentKey + ".attributes",
                      component))
    return false;
  bool storage = isStorageClass(component.className);
  bool compute = !storage && isComputeClass(component.className);
  if (!storage && !compute) {
    warn(node, "component '" + component.name + "' of class '" +
                   component.className +
                   "' is neither storage nor compute; Timeloop v3.0.3 drops "
                   "it (a class must contain DRAM, SRAM, regfile, "
                   "smartbuffer, storage, mac or compute)");
    return true;
  }
  if (!arch.levels.empty() && !arch.levels.back().isStorage)
    return fail(node, componentKey,
                "a component follows the arithmetic level '" +
                    arch.levels.back().name + "'; the MAC must be innermost");
  component.isStorage = storage;
  if (storage && arch.findLevel(component.name) >= 0)
    return fail(node, componentKey, "level name used twice");
  arch.levels.push_back(std::move(component));
  return true;
}

bool Reader::readTreeNode(const YAML::Node &node, const std::string &key,
                          std::vector<std::string> path, int64_t instances,
                          Architecture &arch) {
  if (!requireMap(node, key))
    return false;
  Container container;
  if (!node["name"])
    return fail(node, key, "missing key 'name'");
  if (!getScalar(node["name"], key + ".name", container.name))
    return false;
  std::string name;
  int64_t count;
  if (!splitRange(container.name, name, count))
    return fail(node["name"], key + ".name",
                "malformed range in '" + container.name + "'");
  std::string nodeKey = key + "." + name;
  if (YAML::Node attributes = node["attributes"]) {
    if (!requireMap(attributes, nodeKey + ".attributes"))
      return false;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
      if (!it->second.IsScalar())
        return fail(it->second, nodeKey + ".attributes." + it->first.Scalar(),
                    "expected a scalar");
      container.attributes.push_back({it->first.Scalar(), it->second.Scalar()});
    }
  }
  path.push_back(container.name);
  instances *= count;
  arch.containers.push_back(container);
  if (YAML::Node local = node["local"]) {
    if (!requireSequence(local, nodeKey + ".local"))
      return false;
    for (const YAML::Node &component : local)
      if (!readComponent(component, nodeKey + ".local", path, instances, arch))
        return false;
  }
  if (YAML::Node subtree = node["subtree"]) {
    if (!requireSequence(subtree, nodeKey + ".subtree"))
      return false;
    if (subtree.size() > 1)
      return fail(subtree, nodeKey + ".subtree",
                  "Timeloop v3.0.3 takes exactly one subtree per node, got " +
                      std::to_string(subtree.size()));
    for (const YAML::Node &child : subtree)
      if (!readTreeNode(child, nodeKey + ".subtree", path, instances, arch))
        return false;
  }
  return true;
}

bool Reader::readTree(const YAML::Node &node) {
  if (!requireMap(node, "architecture"))
    return false;
  Architecture arch;
  YAML::Node subtree = node["subtree"];
  if (!subtree)
    return fail(node, "architecture", "missing key 'subtree'");
  if (!requireSequence(subtree, "architecture.subtree"))
    return false;
  if (subtree.size() != 1)
    return fail(subtree, "architecture.subtree",
                "expected exactly one root node, got " +
                    std::to_string(subtree.size()));
  if (!readTreeNode(subtree[0], "architecture.subtree", {}, 1, arch))
    return false;
  if (arch.levels.empty() || !arch.levels[0].isStorage)
    return fail(node, "architecture", "no storage level");
  if (arch.levels.back().isStorage)
    return fail(node, "architecture",
                "no arithmetic level (a component whose class contains 'mac' "
                "or 'compute')");
  inputs.architecture = std::move(arch);
  return true;
}

bool Reader::readFlat(const YAML::Node &node) {
  if (!requireMap(node, "arch"))
    return false;
  Architecture arch;
  arch.flatForm = true;
  YAML::Node storage = node["storage"];
  YAML::Node arithmetic = node["arithmetic"];
  if (!storage || !requireSequence(storage, "arch.storage"))
    return storage ? false : fail(node, "arch", "missing key 'storage'");
  if (!arithmetic)
    return fail(node, "arch", "missing key 'arithmetic'");
  // The flat form lists storage innermost first.
  for (size_t i = storage.size(); i-- > 0;) {
    const YAML::Node &level = storage[i];
    std::string key = "arch.storage[" + std::to_string(i) + "]";
    if (!requireMap(level, key))
      return false;
    Component component;
    component.line = level.Mark().line + 1;
    component.isStorage = true;
    if (!level["name"] ||
        !getScalar(level["name"], key + ".name", component.writtenName))
      return level["name"] ? false : fail(level, key, "missing key 'name'");
    component.name = component.writtenName;
    component.className = "SRAM";
    YAML::Node attributes(YAML::NodeType::Map);
    for (auto it = level.begin(); it != level.end(); ++it) {
      std::string name = it->first.Scalar();
      if (name == "name")
        continue;
      if (name == "technology" || name == "class") {
        if (!getScalar(it->second, key + "." + name, component.className))
          return false;
        continue;
      }
      attributes[name] = it->second;
    }
    if (!readAttributes(attributes, key + "." + component.name, component))
      return false;
    if (arch.findLevel(component.name) >= 0)
      return fail(level, key, "level name used twice");
    arch.levels.push_back(component);
  }
  Component mac;
  mac.line = arithmetic.Mark().line + 1;
  mac.name = mac.writtenName = "MAC";
  mac.className = "intmac";
  if (!requireMap(arithmetic, "arch.arithmetic"))
    return false;
  YAML::Node attributes(YAML::NodeType::Map);
  for (auto it = arithmetic.begin(); it != arithmetic.end(); ++it) {
    std::string name = it->first.Scalar();
    if (name == "name") {
      if (!getScalar(it->second, "arch.arithmetic.name", mac.name))
        return false;
      mac.writtenName = mac.name;
    } else {
      attributes[name] = it->second;
    }
  }
  if (!readAttributes(attributes, "arch.arithmetic", mac))
    return false;
  arch.levels.push_back(mac);
  inputs.architecture = std::move(arch);
  return true;
}

//===----------------------------------------------------------------------===//
// ERT
//===----------------------------------------------------------------------===//

bool Reader::readErt(const YAML::Node &node) {
  if (!requireMap(node, "ERT"))
    return false;
  YAML::Node tables = node["tables"];
  if (!tables)
    return fail(node, "ERT", "missing key 'tables'");
  if (!requireSequence(tables, "ERT.tables"))
    return false;
  std::vector<ErtTable> ert;
  for (const YAML::Node &tableNode : tables) {
    std::string key = "ERT.tables";
    if (!requireMap(tableNode, key))
      return false;
    ErtTable table;
    table.line = tableNode.Mark().line + 1;
    if (!tableNode["name"])
      return fail(tableNode, key, "missing key 'name'");
    if (!getScalar(tableNode["name"], key + ".name", table.name))
      return false;
    key += "." + table.name;
    YAML::Node actions = tableNode["actions"];
    if (!actions)
      return fail(tableNode, key, "missing key 'actions'");
    if (!requireSequence(actions, key + ".actions"))
      return false;
    for (const YAML::Node &actionNode : actions) {
      std::string actionKey = key + ".actions";
      if (!requireMap(actionNode, actionKey))
        return false;
      Action action;
      if (!actionNode["name"])
        return fail(actionNode, actionKey, "missing key 'name'");
      if (!getScalar(actionNode["name"], actionKey + ".name", action.name))
        return false;
      actionKey += "." + action.name;
      if (!actionNode["energy"])
        return fail(actionNode, actionKey, "missing key 'energy'");
      if (!getDouble(actionNode["energy"], actionKey + ".energy",
                     action.energy))
        return false;
      if (action.energy < 0)
        return fail(actionNode["energy"], actionKey + ".energy",
                    "an energy must not be negative");
      YAML::Node arguments = actionNode["arguments"];
      if (!arguments || arguments.IsNull()) {
        action.arguments = "null";
      } else {
        YAML::Emitter emitter;
        emitter << YAML::Flow << arguments;
        action.arguments = emitter.c_str();
      }
      if (action.name == "update")
        warn(actionNode, "ERT action 'update' of '" + table.name +
                             "' is not used by Timeloop v3.0.3: updates are "
                             "charged as random_update, else random_fill, "
                             "else write");
      table.actions.push_back(action);
    }
    ert.push_back(std::move(table));
  }
  inputs.ert = std::move(ert);
  return true;
}

//===----------------------------------------------------------------------===//
// Mapping and constraints
//===----------------------------------------------------------------------===//

bool Reader::readFactors(const YAML::Node &node, const std::string &key,
                         Directive &directive) {
  std::string text;
  if (!getScalar(node, key, text))
    return false;
  // `R=1 S=3` or `R1 S3`: a letter, an optional '=', digits.
  llvm::StringRef rest(text);
  while (!(rest = rest.ltrim()).empty()) {
    if (!llvm::isAlpha(rest[0]))
      return fail(node, key,
                  "expected a dimension letter at '" + rest.str() + "' in '" +
                      text + "'");
    std::string dim(1, rest[0]);
    rest = rest.drop_front();
    if (rest.consume_front("="))
      rest = rest.ltrim();
    size_t digits = 0;
    while (digits < rest.size() && llvm::isDigit(rest[digits]))
      ++digits;
    int64_t factor;
    if (digits == 0 || rest.take_front(digits).getAsInteger(10, factor))
      return fail(node, key,
                  "expected a factor after '" + dim + "' in '" + text + "'");
    rest = rest.drop_front(digits);
    directive.factors.push_back({dim, factor});
  }
  return true;
}

bool Reader::readDirectives(const YAML::Node &node, const std::string &key,
                            std::vector<Directive> &out) {
  if (!requireSequence(node, key))
    return false;
  for (auto [i, item] : llvm::enumerate(node)) {
    std::string itemKey = key + "[" + std::to_string(i) + "]";
    if (!requireMap(item, itemKey))
      return false;
    Directive directive;
    directive.line = item.Mark().line + 1;
    if (!item["target"])
      return fail(item, itemKey, "missing key 'target'");
    if (!getScalar(item["target"], itemKey + ".target", directive.target))
      return false;
    if (!item["type"])
      return fail(item, itemKey, "missing key 'type'");
    if (!getScalar(item["type"], itemKey + ".type", directive.type))
      return false;
    if (directive.type == "datatype")
      directive.type = "bypass";
    if (!llvm::is_contained({"temporal", "spatial", "bypass", "utilization"},
                            directive.type))
      return fail(item["type"], itemKey + ".type",
                  "unknown directive type '" + directive.type +
                      "' (expected temporal, spatial, bypass, datatype or "
                      "utilization)");
    if (YAML::Node factors = item["factors"])
      if (!readFactors(factors, itemKey + ".factors", directive))
        return false;
    if (YAML::Node permutation = item["permutation"]) {
      std::string text;
      if (!getScalar(permutation, itemKey + ".permutation", text))
        return false;
      directive.permutation = text;
    }
    if (YAML::Node split = item["split"]) {
      int64_t value;
      if (!getInt(split, itemKey + ".split", value))
        return false;
      if (value < 0)
        return fail(split, itemKey + ".split", "must not be negative");
      directive.split = value;
    }
    if (YAML::Node keep = item["keep"])
      if (!getStringList(keep, itemKey + ".keep", directive.keep))
        return false;
    if (YAML::Node bypass = item["bypass"])
      if (!getStringList(bypass, itemKey + ".bypass", directive.bypass))
        return false;
    if (YAML::Node min = item["min"]) {
      double value;
      if (!getDouble(min, itemKey + ".min", value))
        return false;
      directive.minUtilization = value;
    }
    out.push_back(std::move(directive));
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Files
//===----------------------------------------------------------------------===//

bool Reader::readFile(const std::string &name, const std::string &text) {
  file = name;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception &e) {
    error = file + ":" + std::to_string(e.mark.line + 1) +
            ": YAML syntax error: " + e.msg;
    return false;
  }
  if (root.IsNull())
    return true;
  if (!root.IsMap())
    return fail(root, "(top level)", "expected a mapping of sections");
  for (auto it = root.begin(); it != root.end(); ++it) {
    std::string section = it->first.Scalar();
    // A copy: the iterator hands out a temporary proxy.
    const YAML::Node value = it->second;
    static const char *known[] = {"problem",
                                  "architecture",
                                  "arch",
                                  "ERT",
                                  "mapping",
                                  "architecture_constraints",
                                  "mapspace_constraints"};
    if (!llvm::is_contained(known, section)) {
      // Mapper, model and Accelergy settings are not Union's business.
      continue;
    }
    std::string canonical = section == "arch" ? "architecture" : section;
    auto [origin, fresh] =
        inputs.origins.insert({canonical, {file, it->first.Mark().line + 1}});
    if (!fresh)
      return fail(it->first, section,
                  "section given twice (also in " + origin->second.first + ":" +
                      std::to_string(origin->second.second) + ")");
    bool ok = true;
    if (section == "problem")
      ok = readProblem(value);
    else if (section == "architecture")
      ok = readTree(value);
    else if (section == "arch")
      ok = readFlat(value);
    else if (section == "ERT")
      ok = readErt(value);
    else if (section == "mapping") {
      inputs.mapping.emplace();
      ok = readDirectives(value, "mapping", *inputs.mapping);
    } else {
      std::vector<Directive> &out = section == "architecture_constraints"
                                        ? inputs.architectureConstraints
                                        : inputs.mapspaceConstraints;
      if (!requireMap(value, section))
        return false;
      if (YAML::Node targets = value["targets"])
        ok = readDirectives(targets, section + ".targets", out);
    }
    if (!ok)
      return false;
  }
  return true;
}

llvm::Error mlir::union_::timeloop::readInputs(
    llvm::ArrayRef<std::pair<std::string, std::string>> files, Inputs &inputs,
    std::vector<std::string> &warnings) {
  Reader reader(inputs, warnings);
  try {
    for (const auto &[name, text] : files)
      if (!reader.readFile(name, text))
        return llvm::createStringError(reader.error);
  } catch (const std::exception &e) {
    // A yaml-cpp conversion we did not anticipate: still an error, not a
    // crash.
    return llvm::createStringError(std::string("malformed Timeloop input: ") +
                                   e.what());
  }
  // ERT tables that name no level are ignored by Timeloop: say so.
  if (inputs.ert && inputs.architecture) {
    for (const ErtTable &table : *inputs.ert) {
      std::string level = getTableLevelName(table.name);
      bool found =
          llvm::any_of(inputs.architecture->levels,
                       [&](const Component &c) { return c.name == level; });
      std::string where = inputs.origins["ERT"].first + ":" +
                          std::to_string(table.line) + ": warning: ";
      if (!found) {
        warnings.push_back(where + "ERT table '" + table.name +
                           "' names no level of the architecture; Timeloop "
                           "ignores it");
        continue;
      }
      const Component &component =
          *llvm::find_if(inputs.architecture->levels,
                         [&](const Component &c) { return c.name == level; });
      bool usable = component.isStorage
                        ? resolveAction(table, getReadActions()) ||
                              resolveAction(table, getFillActions())
                        : resolveAction(table, getComputeActions()).has_value();
      if (!usable)
        warnings.push_back(
            where + "ERT table '" + table.name +
            "' has no action Timeloop v3.0.3 charges (" +
            (component.isStorage ? "read/random_read, write/random_fill"
                                 : "mac_random, mult_random, mac, mult, "
                                   "compute") +
            "); level '" + level + "' keeps Timeloop's built-in energies");
    }
  }
  return llvm::Error::success();
}
