//===- CheckedMath.h - Integer arithmetic that records overflow -*- C++ -*-===//
//
// Counts in Union (map-space sizes, MAESTRO's tile products) come from
// user-given sizes and can exceed their integer type on absurd inputs.
// CheckedMath computes with the compiler's overflow builtins, whose results
// wrap (defined behaviour), and remembers that an overflow happened, so a
// computation can run to its end and then report the overflow instead of a
// wrapped number.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_CHECKEDMATH_H
#define UNION_SUPPORT_CHECKEDMATH_H

namespace mlir::union_ {

template <typename T> struct CheckedMath {
  /// Set by the first operation that overflowed; never cleared.
  bool overflowed = false;

  T add(T a, T b) {
    T r;
    overflowed |= __builtin_add_overflow(a, b, &r);
    return r;
  }
  T sub(T a, T b) {
    T r;
    overflowed |= __builtin_sub_overflow(a, b, &r);
    return r;
  }
  T mul(T a, T b) {
    // Unsigned 128-bit: two factors below 2^64 cannot overflow, and the
    // check is a library call; skip it when it cannot fire.
    if constexpr (sizeof(T) == 16 && T(-1) > T(0))
      if (!((a | b) >> 64))
        return a * b;
    T r;
    overflowed |= __builtin_mul_overflow(a, b, &r);
    return r;
  }
};

} // namespace mlir::union_

#endif // UNION_SUPPORT_CHECKEDMATH_H
