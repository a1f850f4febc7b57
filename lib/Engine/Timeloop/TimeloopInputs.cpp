//===- TimeloopInputs.cpp - Lookups on Timeloop inputs
//---------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Timeloop/TimeloopInputs.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir::union_::timeloop;

int64_t Problem::getBound(const std::string &dim) const {
  auto it = instance.find(dim);
  return it == instance.end() ? 1 : it->second;
}

int64_t Problem::getCoefficient(const std::string &name) const {
  if (name.empty())
    return 1;
  auto it = instance.find(name);
  if (it != instance.end())
    return it->second;
  for (const auto &[declared, defaultValue] : coefficients)
    if (declared == name)
      return defaultValue;
  return 1;
}

int Problem::findDim(llvm::StringRef name) const {
  for (auto [i, dim] : llvm::enumerate(dims))
    if (dim == name)
      return i;
  return -1;
}

int Problem::findDataSpace(llvm::StringRef name) const {
  for (auto [i, space] : llvm::enumerate(dataSpaces))
    if (space.name == name)
      return i;
  return -1;
}

std::string Component::getTableName() const {
  std::string name;
  for (const std::string &container : path)
    name += container + ".";
  return name + writtenName;
}

int Architecture::findLevel(llvm::StringRef name) const {
  for (auto [i, level] : llvm::enumerate(levels))
    if (level.isStorage && level.name == name)
      return i;
  return -1;
}

std::string mlir::union_::timeloop::getTableLevelName(llvm::StringRef name) {
  // Drop a trailing range first: its dots are not name separators.
  if (name.ends_with("]")) {
    size_t bracket = name.rfind('[');
    if (bracket != llvm::StringRef::npos)
      name = name.take_front(bracket);
  }
  size_t dot = name.rfind('.');
  return (dot == llvm::StringRef::npos ? name : name.drop_front(dot + 1)).str();
}

std::optional<double>
mlir::union_::timeloop::resolveAction(const ErtTable &table,
                                      llvm::ArrayRef<llvm::StringRef> names) {
  for (llvm::StringRef name : names) {
    std::optional<double> largest;
    for (const Action &action : table.actions)
      if (action.name == name)
        largest = std::max(largest.value_or(action.energy), action.energy);
    if (largest)
      return largest;
  }
  return std::nullopt;
}

llvm::ArrayRef<llvm::StringRef> mlir::union_::timeloop::getReadActions() {
  static const llvm::StringRef names[] = {"random_read", "read"};
  return names;
}
llvm::ArrayRef<llvm::StringRef> mlir::union_::timeloop::getFillActions() {
  static const llvm::StringRef names[] = {"random_fill", "write"};
  return names;
}
llvm::ArrayRef<llvm::StringRef> mlir::union_::timeloop::getUpdateActions() {
  static const llvm::StringRef names[] = {"random_update", "random_fill",
                                          "write"};
  return names;
}
llvm::ArrayRef<llvm::StringRef> mlir::union_::timeloop::getComputeActions() {
  static const llvm::StringRef names[] = {"mac_random", "mult_random", "mac",
                                          "mult", "compute"};
  return names;
}
