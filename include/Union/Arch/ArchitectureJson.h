//===- ArchitectureJson.h - Architecture JSON files -------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reads and writes the architecture JSON format documented in
// docs/Architectures.md. Malformed text, unknown keys, wrong types and
// inconsistent hardware are errors that name the JSON path; nothing aborts.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_ARCH_ARCHITECTUREJSON_H
#define UNION_ARCH_ARCHITECTUREJSON_H

#include "Union/Arch/ArchitectureSpec.h"

#include "llvm/ADT/StringRef.h"

namespace mlir::union_ {

/// Parses and validates an architecture from JSON text.
llvm::Expected<ArchitectureSpec> parseArchitectureJson(llvm::StringRef text);

/// Reads, parses and validates an architecture file; errors start with the
/// file name.
llvm::Expected<ArchitectureSpec> loadArchitectureFile(llvm::StringRef path);

/// Writes `spec` in the JSON format (omitting fields at their defaults).
std::string printArchitectureJson(const ArchitectureSpec &spec);

} // namespace mlir::union_

#endif // UNION_ARCH_ARCHITECTUREJSON_H
