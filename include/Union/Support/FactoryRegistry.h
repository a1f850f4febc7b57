//===- FactoryRegistry.h - Named factories of plug-ins ----------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The registries of cost models and mappers: factories by name, each
// making a plug-in configured by an options string. A name is registered
// once; an unknown name is an error listing the known ones.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_FACTORYREGISTRY_H
#define UNION_SUPPORT_FACTORYREGISTRY_H

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mlir::union_ {

/// Factories of `T` by name; `Noun` names a `T` in messages ("cost
/// model", "mapper").
template <typename T, const char *Noun> class FactoryRegistry {
public:
  /// Makes a `T` configured by `options` (`key=value` pairs separated by
  /// spaces); an error names a bad or unknown option.
  using Factory =
      std::function<llvm::Expected<std::unique_ptr<T>>(llvm::StringRef)>;

  /// Adds a factory; an error when `name` is taken.
  llvm::Error add(llvm::StringRef name, llvm::StringRef description,
                  Factory factory) {
    if (name.empty())
      return makeError(llvm::Twine("a ") + Noun + " needs a name");
    if (!entries
             .emplace(name.str(), Entry{description.str(), std::move(factory)})
             .second)
      return makeError(llvm::Twine("a ") + Noun + " named '" + name +
                       "' is already registered");
    return llvm::Error::success();
  }

  /// The `T` called `name` configured by `options`; an error names the
  /// known ones when `name` is unknown.
  llvm::Expected<std::unique_ptr<T>>
  create(llvm::StringRef name, llvm::StringRef options = "") const {
    auto it = entries.find(name.str());
    if (it == entries.end())
      return makeError(llvm::Twine("unknown ") + Noun + " '" + name +
                       "' (available: " + llvm::join(getNames(), ", ") + ")");
    return it->second.factory(options);
  }

  bool contains(llvm::StringRef name) const {
    return entries.count(name.str());
  }

  /// Names, sorted.
  std::vector<std::string> getNames() const {
    std::vector<std::string> names;
    for (const auto &entry : entries)
      names.push_back(entry.first);
    return names;
  }

  llvm::StringRef getDescription(llvm::StringRef name) const {
    auto it = entries.find(name.str());
    return it == entries.end() ? llvm::StringRef() : it->second.description;
  }

private:
  static llvm::Error makeError(const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  }

  struct Entry {
    std::string description;
    Factory factory;
  };
  std::map<std::string, Entry> entries;
};

} // namespace mlir::union_

#endif // UNION_SUPPORT_FACTORYREGISTRY_H
