//===- MaestroParser.h - MAESTRO mapping and hardware files -----*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Reads MAESTRO's mapping files (Network / Layer / Type / Stride /
// Dimensions / Dataflow, Constant, Sz()) and hardware files (`key: value`
// lines) with MAESTRO's lexical rules (§1.1). Errors are
// `file:line:col: message`.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_MAESTRO_MAESTROPARSER_H
#define UNION_COSTMODEL_MAESTRO_MAESTROPARSER_H

#include "Union/Engine/Maestro/MaestroModel.h"

#include "llvm/Support/Error.h"

namespace mlir::union_::maestro {

/// Parses a mapping file. `fileName` only prefixes error messages.
llvm::Expected<Network> parseMappingFile(llvm::StringRef text,
                                         llvm::StringRef fileName);

/// Applies a hardware file to `hardware` (§2.1): the file replaces the PE
/// count, buffer sizes, bandwidths and NoC latency, with the file's
/// defaults for missing keys. The SIMD lane count is kept.
llvm::Error parseHardwareFile(llvm::StringRef text, llvm::StringRef fileName,
                              Hardware &hardware);

} // namespace mlir::union_::maestro

#endif // UNION_COSTMODEL_MAESTRO_MAESTROPARSER_H
