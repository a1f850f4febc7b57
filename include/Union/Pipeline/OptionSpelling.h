//===- OptionSpelling.h - Misspelt pass options get a suggestion -*- C++
//-*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// MLIR rejects an unknown pass option with "<Pass-Options-Parser>: no such
// option budgt" and nothing else. Before handing the command line to MLIR,
// Union's tools check the options of every pass and pipeline flag
// (--union-search=..., --union-map=...) and name the closest valid one.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_PIPELINE_OPTIONSPELLING_H
#define UNION_PIPELINE_OPTIONSPELLING_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::union_ {

/// Checks the option keys of each registered pass or Union pipeline given
/// as `--name=options` in `args` (registration must be done). Prints an
/// error with the closest valid key for each unknown one to `os`; returns
/// false when there was one.
bool checkPassOptionSpelling(llvm::ArrayRef<char *> args,
                             llvm::raw_ostream &os);

} // namespace mlir::union_

#endif // UNION_PIPELINE_OPTIONSPELLING_H
