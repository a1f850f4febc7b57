//===- FlatMap.h - A small sorted map in one array --------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A map of a few entries kept sorted in a SmallVector: the engines' inner
// loops build many such maps (words per multicast factor, classes per
// size), and a node-based std::map allocates for each entry.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_FLATMAP_H
#define UNION_SUPPORT_FLATMAP_H

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <utility>

namespace mlir::union_ {

template <typename Key, typename Value, unsigned N = 2> class FlatMap {
public:
  using value_type = std::pair<Key, Value>;

  FlatMap() = default;
  FlatMap(std::initializer_list<value_type> init) {
    for (const value_type &entry : init)
      (*this)[entry.first] = entry.second;
  }

  /// The value of `key`, inserted as Value() when missing.
  Value &operator[](const Key &key) {
    auto it = std::lower_bound(
        entries.begin(), entries.end(), key,
        [](const value_type &entry, const Key &k) { return entry.first < k; });
    if (it == entries.end() || it->first != key)
      it = entries.insert(it, value_type(key, Value()));
    return it->second;
  }

  auto begin() { return entries.begin(); }
  auto end() { return entries.end(); }
  auto begin() const { return entries.begin(); }
  auto end() const { return entries.end(); }
  bool empty() const { return entries.empty(); }
  size_t size() const { return entries.size(); }
  void clear() { entries.clear(); }
  bool operator==(const FlatMap &other) const {
    return entries == other.entries;
  }
  bool operator!=(const FlatMap &other) const { return !(*this == other); }

private:
  llvm::SmallVector<value_type, N> entries;
};

} // namespace mlir::union_

#endif // UNION_SUPPORT_FLATMAP_H
