//===- TestBudget.h - How much brute force a unit-test build affords -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The brute-force tests (every point of a map space, thousands of random
// mappings against a simulator) take minutes under AddressSanitizer, which
// runs them 10-20x slower. There their job is to find memory and undefined-
// behaviour errors, which a sample of the same inputs finds as well; the
// release build runs every comparison in full (scripts/test.sh runs both).
//
//===----------------------------------------------------------------------===//

#ifndef UNION_UNITTESTS_TESTBUDGET_H
#define UNION_UNITTESTS_TESTBUDGET_H

namespace mlir::union_ {

#ifdef UNION_SANITIZED_BUILD
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif

/// `full` in the release build, `sanitized` in the sanitizer build.
inline constexpr int sanitizerBudget(int full, int sanitized) {
  return kSanitizedBuild ? sanitized : full;
}

} // namespace mlir::union_

#endif // UNION_UNITTESTS_TESTBUDGET_H
