//===- TimeloopInputs.h - Timeloop's input files as plain data --*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The content of Timeloop v3.0.3 input files (problem, architecture in the
// v0.3 tree or the legacy flat form, ERT, mapping, constraints) as plain
// C++ data, with a reader (YAML via yaml-cpp) and a writer. The reader
// resolves what Timeloop resolves (instances from name ranges, ERT tables
// to levels) and reports errors as `file:line: key: message`; it warns
// about the inputs Timeloop accepts silently but misreads (the pitfalls of
// the reference set's README).
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_TIMELOOP_TIMELOOPINPUTS_H
#define UNION_COSTMODEL_TIMELOOP_TIMELOOPINPUTS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlir::union_::timeloop {

/// A YAML scalar attribute kept as written (e.g. `technology: 65nm`).
using KeyValue = std::pair<std::string, std::string>;

//===----------------------------------------------------------------------===//
// Problem
//===----------------------------------------------------------------------===//

/// One term of a projection: `dim` times the coefficient called
/// `coefficient` (empty: 1).
struct ProjectionTerm {
  std::string dim;
  std::string coefficient;
};

struct DataSpace {
  std::string name;
  /// Per tensor dimension, a sum of terms.
  std::vector<std::vector<ProjectionTerm>> projection;
  bool readWrite = false;
};

struct Problem {
  std::string shapeName;
  std::vector<std::string> dims; ///< single characters
  /// Coefficients with their defaults, as declared.
  std::vector<std::pair<std::string, int64_t>> coefficients;
  std::vector<DataSpace> dataSpaces;
  /// Bounds of the dims and values of the coefficients.
  std::map<std::string, int64_t> instance;

  int64_t getBound(const std::string &dim) const;
  int64_t getCoefficient(const std::string &name) const;
  int findDim(llvm::StringRef name) const;
  int findDataSpace(llvm::StringRef name) const;
};

//===----------------------------------------------------------------------===//
// Architecture
//===----------------------------------------------------------------------===//

/// A container of the v0.3 tree (`system`, `PE[0..255]`).
struct Container {
  std::string name; ///< as written, with its range
  std::vector<KeyValue> attributes;
};

/// A storage level or the arithmetic, outermost first.
struct Component {
  std::string name;        ///< without a range
  std::string writtenName; ///< as written (`ACCU[0..15]`)
  std::string className;
  bool isStorage = false;
  /// Containers from the root down to the one holding this component
  /// (empty for the flat form).
  std::vector<std::string> path;
  int64_t instances = 1;
  std::optional<int64_t> meshX;
  /// Storage: capacity in words (depth x block-size; 0: unbounded).
  int64_t capacity = 0;
  int64_t wordBits = 16;
  int64_t blockSize = 1;
  double readBandwidth = 0, writeBandwidth = 0; ///< 0: unlimited
  /// The other attributes, as written (width, num-banks, type, ...).
  std::vector<KeyValue> attributes;
  int line = 0;

  /// The dotted name Timeloop gives the component's ERT table.
  std::string getTableName() const;
};

struct Architecture {
  bool flatForm = false;
  std::vector<Container> containers; ///< root first (tree form)
  std::vector<Component> levels;     ///< storage outermost first, then MAC
  const Component &getArithmetic() const { return levels.back(); }
  int findLevel(llvm::StringRef name) const;
};

//===----------------------------------------------------------------------===//
// Energy reference table
//===----------------------------------------------------------------------===//

struct Action {
  std::string name;
  std::string arguments; ///< flow-style YAML, "null" when none
  double energy = 0;     ///< pJ
};

struct ErtTable {
  std::string name;
  std::vector<Action> actions;
  int line = 0;
};

/// The energy of an action family as Timeloop v3.0.3 resolves it: the
/// first of `names` the table has, its largest argument variant.
std::optional<double> resolveAction(const ErtTable &table,
                                    llvm::ArrayRef<llvm::StringRef> names);
/// The families: read, fill, update, compute.
llvm::ArrayRef<llvm::StringRef> getReadActions();
llvm::ArrayRef<llvm::StringRef> getFillActions();
llvm::ArrayRef<llvm::StringRef> getUpdateActions();
llvm::ArrayRef<llvm::StringRef> getComputeActions();

/// The level a table applies to: the last dotted component of its name
/// without a trailing `[a..b]`.
std::string getTableLevelName(llvm::StringRef tableName);

//===----------------------------------------------------------------------===//
// Mapping and constraints
//===----------------------------------------------------------------------===//

struct Directive {
  std::string target;
  std::string type; ///< temporal, spatial, bypass (datatype), utilization
  /// Factors as written, in order (0: the whole dim).
  std::vector<std::pair<std::string, int64_t>> factors;
  std::optional<std::string> permutation; ///< innermost first
  std::optional<int64_t> split;
  std::vector<std::string> keep, bypass;
  std::optional<double> minUtilization;
  int line = 0;
};

struct Inputs {
  std::optional<Problem> problem;
  std::optional<Architecture> architecture;
  std::optional<std::vector<ErtTable>> ert;
  std::optional<std::vector<Directive>> mapping;
  std::vector<Directive> architectureConstraints;
  std::vector<Directive> mapspaceConstraints;
  /// Which file and line each section came from, for messages.
  std::map<std::string, std::pair<std::string, int>> origins;
};

/// Reads the Timeloop YAML `files` (name, text) into `inputs`; like
/// Timeloop, the files form one tree, so each section may come from any of
/// them (but only from one). `warnings` receives the silent pitfalls.
llvm::Error
readInputs(llvm::ArrayRef<std::pair<std::string, std::string>> files,
           Inputs &inputs, std::vector<std::string> &warnings);

/// The YAML text of each section (empty when absent), as Timeloop v3.0.3
/// reads it.
std::string writeProblem(const Problem &problem);
std::string writeArchitecture(const Architecture &arch);
std::string writeErt(const std::vector<ErtTable> &tables);
std::string writeMapping(const std::vector<Directive> &directives);
/// `architecture_constraints` and `mapspace_constraints` sections.
std::string writeConstraints(const std::vector<Directive> &architecture,
                             const std::vector<Directive> &mapspace);

} // namespace mlir::union_::timeloop

#endif // UNION_COSTMODEL_TIMELOOP_TIMELOOPINPUTS_H
