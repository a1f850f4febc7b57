//===- TimeloopYamlWriter.cpp - Plain data into Timeloop YAML -------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Writes block-style YAML in the layout of Timeloop's own examples, with
// the spellings v3.0.3 reads (hyphenated keys except the bandwidths).
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Timeloop/TimeloopInputs.h"
#include "Union/Support/NumberFormat.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

using namespace mlir::union_::timeloop;

namespace {

/// Timeloop's own files write numbers in fixed notation.
std::string formatNumber(double value) {
  return mlir::union_::formatDouble(value, mlir::union_::NumberNotation::Fixed);
}

/// Quotes a scalar that YAML would otherwise misread.
std::string scalar(const std::string &text) {
  if (text.empty())
    return "''";
  bool plain = llvm::all_of(text, [](char c) {
    return llvm::isAlnum(c) || llvm::is_contained("_-.[]/+", c);
  });
  if (plain && text[0] != '[' && text[0] != '-')
    return text;
  std::string quoted = "'";
  for (char c : text)
    quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

std::string nameList(const std::vector<std::string> &names) {
  std::string text = "[";
  for (auto [i, name] : llvm::enumerate(names))
    text += (i ? ", " : "") + scalar(name);
  return text + "]";
}

void writeComponent(std::ostringstream &os, const Component &component,
                    const std::string &indent) {
  os << indent << "- name: " << scalar(component.writtenName) << "\n";
  os << indent << "  class: " << scalar(component.className) << "\n";
  std::vector<KeyValue> attributes = component.attributes;
  if (component.isStorage) {
    if (component.capacity > 0) {
      if (component.capacity % component.blockSize == 0)
        attributes.push_back({"depth", std::to_string(component.capacity /
                                                      component.blockSize)});
      else
        attributes.push_back({"entries", std::to_string(component.capacity)});
    }
    attributes.push_back({"block-size", std::to_string(component.blockSize)});
    attributes.push_back({"word-bits", std::to_string(component.wordBits)});
    if (component.readBandwidth > 0)
      attributes.push_back(
          {"read_bandwidth", formatNumber(component.readBandwidth)});
    if (component.writeBandwidth > 0)
      attributes.push_back(
          {"write_bandwidth", formatNumber(component.writeBandwidth)});
  } else if (component.wordBits != 16) {
    attributes.push_back({"word-bits", std::to_string(component.wordBits)});
  }
  if (component.meshX)
    attributes.push_back({"meshX", std::to_string(*component.meshX)});
  if (attributes.empty())
    return;
  os << indent << "  attributes:\n";
  for (const auto &[key, value] : attributes) {
    // Values kept as written may be flow collections: write them verbatim.
    bool flow = !value.empty() && (value[0] == '{' || value[0] == '[');
    os << indent << "    " << key << ": " << (flow ? value : scalar(value))
       << "\n";
  }
}

void writeContainer(std::ostringstream &os, const Architecture &arch,
                    size_t depth, const std::string &indent) {
  const Container &container = arch.containers[depth];
  os << indent << "- name: " << scalar(container.name) << "\n";
  if (!container.attributes.empty()) {
    os << indent << "  attributes:\n";
    for (const auto &[key, value] : container.attributes)
      os << indent << "    " << key << ": " << scalar(value) << "\n";
  }
  bool anyLocal = false;
  for (const Component &component : arch.levels) {
    if (component.path.size() != depth + 1)
      continue;
    if (!anyLocal)
      os << indent << "  local:\n";
    anyLocal = true;
    writeComponent(os, component, indent + "  ");
  }
  if (depth + 1 < arch.containers.size()) {
    os << indent << "  subtree:\n";
    writeContainer(os, arch, depth + 1, indent + "  ");
  }
}

void writeDirective(std::ostringstream &os, const Directive &directive) {
  os << "  - target: " << scalar(directive.target) << "\n";
  os << "    type: " << directive.type << "\n";
  if (!directive.factors.empty()) {
    os << "    factors:";
    for (const auto &[dim, factor] : directive.factors)
      os << " " << dim << "=" << factor;
    os << "\n";
  }
  if (directive.permutation)
    os << "    permutation: " << scalar(*directive.permutation) << "\n";
  if (directive.split)
    os << "    split: " << *directive.split << "\n";
  if (directive.type == "bypass") {
    os << "    keep: " << nameList(directive.keep) << "\n";
    os << "    bypass: " << nameList(directive.bypass) << "\n";
  }
  if (directive.minUtilization)
    os << "    min: " << formatNumber(*directive.minUtilization) << "\n";
}

} // namespace

std::string mlir::union_::timeloop::writeProblem(const Problem &problem) {
  std::ostringstream os;
  os << "problem:\n  shape:\n";
  os << "    name: "
     << scalar(problem.shapeName.empty() ? "Union" : problem.shapeName) << "\n";
  os << "    dimensions: " << nameList(problem.dims) << "\n";
  if (!problem.coefficients.empty()) {
    os << "    coefficients:\n";
    for (const auto &[name, value] : problem.coefficients)
      os << "    - { name: " << scalar(name) << ", default: " << value
         << " }\n";
  }
  os << "    data-spaces:\n";
  for (const DataSpace &space : problem.dataSpaces) {
    os << "    - name: " << scalar(space.name) << "\n";
    os << "      projection:\n";
    for (const auto &terms : space.projection) {
      os << "      - [";
      for (auto [i, term] : llvm::enumerate(terms)) {
        os << (i ? ", " : " ") << "[" << term.dim;
        if (!term.coefficient.empty())
          os << ", " << term.coefficient;
        os << "]";
      }
      os << " ]\n";
    }
    if (space.readWrite)
      os << "      read-write: True\n";
  }
  os << "  instance:\n";
  for (const std::string &dim : problem.dims)
    os << "    " << dim << ": " << problem.getBound(dim) << "\n";
  for (const auto &[name, value] : problem.coefficients)
    os << "    " << name << ": " << problem.getCoefficient(name) << "\n";
  return os.str();
}

std::string
mlir::union_::timeloop::writeArchitecture(const Architecture &arch) {
  std::ostringstream os;
  os << "architecture:\n  version: 0.3\n  subtree:\n";
  writeContainer(os, arch, 0, "  ");
  return os.str();
}

std::string
mlir::union_::timeloop::writeErt(const std::vector<ErtTable> &tables) {
  std::ostringstream os;
  os << "ERT:\n  version: 0.3\n  tables:\n";
  for (const ErtTable &table : tables) {
    os << "  - name: " << scalar(table.name) << "\n";
    os << "    actions:\n";
    for (const Action &action : table.actions) {
      os << "    - name: " << scalar(action.name) << "\n";
      os << "      arguments: " << action.arguments << "\n";
      os << "      energy: " << formatNumber(action.energy) << "\n";
    }
  }
  return os.str();
}

std::string
mlir::union_::timeloop::writeMapping(const std::vector<Directive> &directives) {
  std::ostringstream os;
  os << "mapping:\n";
  for (const Directive &directive : directives)
    writeDirective(os, directive);
  return os.str();
}

std::string mlir::union_::timeloop::writeConstraints(
    const std::vector<Directive> &architecture,
    const std::vector<Directive> &mapspace) {
  std::ostringstream os;
  if (!architecture.empty()) {
    os << "architecture_constraints:\n  targets:\n";
    for (const Directive &directive : architecture)
      writeDirective(os, directive);
  }
  if (!mapspace.empty()) {
    os << "mapspace_constraints:\n  targets:\n";
    for (const Directive &directive : mapspace)
      writeDirective(os, directive);
  }
  return os.str();
}
