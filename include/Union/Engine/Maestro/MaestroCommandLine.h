//===- MaestroCommandLine.h - MAESTRO's command-line options ----*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// MAESTRO's options (names, unambiguous prefixes, `--opt=value` or
// `--opt value`, types) and how they and a hardware file combine into the
// effective hardware (§2.1). Shared by union-maestro and the benchmarks.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_MAESTRO_MAESTROCOMMANDLINE_H
#define UNION_COSTMODEL_MAESTRO_MAESTROCOMMANDLINE_H

#include "Union/Engine/Maestro/MaestroModel.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <map>

namespace mlir::union_::maestro {

struct CommandLine {
  /// Option name (full) -> value text; flags map to "true".
  std::map<std::string, std::string> values;

  bool has(llvm::StringRef name) const { return values.count(name.str()); }
  int64_t getInt(llvm::StringRef name, int64_t fallback) const;
  bool getBool(llvm::StringRef name, bool fallback) const;
  std::optional<std::string> getString(llvm::StringRef name) const;
};

/// Parses arguments (without the program name).
llvm::Expected<CommandLine> parseCommandLine(llvm::ArrayRef<std::string> args);

/// Prints the option list.
void printCommandLineHelp(llvm::raw_ostream &os);

/// The effective hardware: the command-line values, replaced by the
/// hardware file's when --HW_file is given. `readFile` returns a file's
/// text (or an error).
llvm::Expected<Hardware> resolveHardware(
    const CommandLine &commandLine,
    const std::function<llvm::Expected<std::string>(llvm::StringRef)>
        &readFile);

} // namespace mlir::union_::maestro

#endif // UNION_COSTMODEL_MAESTRO_MAESTROCOMMANDLINE_H
