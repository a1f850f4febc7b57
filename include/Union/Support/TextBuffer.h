//===- TextBuffer.h - Text output that keeps up with the engines -*- C++
//-*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A growable character buffer for writers that print millions of numbers
// (MAESTRO reports, CSV and JSON lines, DSE tables): numbers are written in
// place with the NumberFormat.h functions, nothing is allocated per value,
// and the whole text reaches its stream in one write. Writers can fill one
// buffer per chunk of rows on several threads and write them in order.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_TEXTBUFFER_H
#define UNION_SUPPORT_TEXTBUFFER_H

#include "Union/Support/NumberFormat.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

namespace mlir::union_ {

/// A number printed as printf("%Lg") prints it (see writeG6).
struct G6 {
  long double value;
};

/// A double printed as the shortest decimal that reads back as it.
struct Shortest {
  double value;
};

class TextBuffer {
public:
  TextBuffer &operator<<(std::string_view text) {
    if (text.empty()) // data() may be null; memcpy must not see it
      return *this;
    std::memcpy(reserve(text.size()), text.data(), text.size());
    used_ += text.size();
    return *this;
  }
  TextBuffer &operator<<(const char *text) {
    return *this << std::string_view(text);
  }
  TextBuffer &operator<<(const std::string &text) {
    return *this << std::string_view(text);
  }
  TextBuffer &operator<<(char c) {
    *reserve(1) = c;
    ++used_;
    return *this;
  }
  template <typename Integer,
            typename = std::enable_if_t<std::is_integral_v<Integer> &&
                                        !std::is_same_v<Integer, char> &&
                                        !std::is_same_v<Integer, bool>>>
  TextBuffer &operator<<(Integer value) {
    char *start = reserve(kMaxNumberChars);
    commit(std::to_chars(start, start + kMaxNumberChars, value).ptr);
    return *this;
  }
  TextBuffer &operator<<(G6 number) {
    commit(writeG6(reserve(kMaxNumberChars), number.value));
    return *this;
  }
  TextBuffer &operator<<(Shortest number) {
    commit(writeShortest(reserve(kMaxNumberChars), number.value));
    return *this;
  }

  /// The text written so far.
  std::string_view view() const { return {storage_.get(), used_}; }
  size_t size() const { return used_; }
  void clear() { used_ = 0; }

  /// Room for `count` more characters at the end (for writers that format
  /// in place); commit() then keeps what was written.
  char *reserve(size_t count) {
    if (used_ + count > capacity_)
      grow(used_ + count);
    return storage_.get() + used_;
  }
  void commit(const char *end) { used_ = end - storage_.get(); }

private:
  // Uninitialised beyond used_: growing neither zeroes nor copies more
  // than the text.
  std::unique_ptr<char[]> storage_;
  size_t used_ = 0, capacity_ = 0;

  void grow(size_t needed) {
    size_t capacity = std::max({needed, 2 * capacity_, size_t(64 * 1024)});
    std::unique_ptr<char[]> larger(new char[capacity]);
    if (used_)
      std::memcpy(larger.get(), storage_.get(), used_);
    storage_ = std::move(larger);
    capacity_ = capacity;
  }
};

} // namespace mlir::union_

#endif // UNION_SUPPORT_TEXTBUFFER_H
