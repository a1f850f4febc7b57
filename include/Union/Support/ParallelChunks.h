//===- ParallelChunks.h - Split a range of items over threads ---*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// For per-item work whose results are kept per item (layer analyses, rows
// of a report): the items are cut into contiguous chunks that threads take
// in turn, so callers can write each chunk's output into its own buffer and
// emit the buffers in order (formatInOrder), with the same bytes for any
// thread count.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_PARALLELCHUNKS_H
#define UNION_SUPPORT_PARALLELCHUNKS_H

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace mlir::union_ {

/// The chunks forEachChunk cuts `count` items into for `threads` threads:
/// one with one thread, else a few per thread so uneven items balance.
inline size_t getNumChunks(size_t count, unsigned threads) {
  if (threads <= 1 || count < 2)
    return count ? 1 : 0;
  return std::min(count, size_t(threads) * 8);
}

/// Runs fn(chunk, begin, end) for every chunk of [0, count) (see
/// getNumChunks), on up to `threads` threads including the caller's.
template <typename Fn>
void forEachChunk(size_t count, unsigned threads, Fn &&fn) {
  size_t numChunks = getNumChunks(count, threads);
  auto bounds = [&](size_t chunk) { return chunk * count / numChunks; };
  if (numChunks <= 1) {
    if (numChunks)
      fn(size_t(0), size_t(0), count);
    return;
  }
  std::atomic<size_t> nextChunk{0};
  auto worker = [&] {
    for (size_t chunk; (chunk = nextChunk.fetch_add(1)) < numChunks;)
      fn(chunk, bounds(chunk), bounds(chunk + 1));
  };
  std::vector<std::thread> helpers;
  unsigned numHelpers = unsigned(std::min<size_t>(threads, numChunks)) - 1;
  for (unsigned i = 0; i < numHelpers; ++i)
    helpers.emplace_back(worker);
  worker();
  for (std::thread &helper : helpers)
    helper.join();
}

/// Formats items [0, count) in chunks of `chunkSize` with format(buffer,
/// begin, end), on up to `threads` threads, and hands the buffers to
/// emit(buffer) in item order. The buffers (a few per thread) are cleared
/// with clear() and reused, so the text never needs to be held whole.
template <typename Buffer, typename Format, typename Emit>
void formatInOrder(size_t count, unsigned threads, size_t chunkSize,
                   Format &&format, Emit &&emit) {
  size_t numChunks = (count + chunkSize - 1) / chunkSize;
  size_t wave = threads <= 1 ? 1 : size_t(threads) * 2;
  std::vector<Buffer> buffers(std::min(wave, numChunks));
  for (size_t first = 0; first < numChunks; first += wave) {
    size_t inWave = std::min(wave, numChunks - first);
    forEachChunk(inWave, threads, [&](size_t, size_t begin, size_t end) {
      for (size_t c = begin; c < end; ++c) {
        buffers[c].clear();
        size_t firstItem = (first + c) * chunkSize;
        format(buffers[c], firstItem, std::min(count, firstItem + chunkSize));
      }
    });
    for (size_t c = 0; c < inWave; ++c)
      emit(buffers[c]);
  }
}

} // namespace mlir::union_

#endif // UNION_SUPPORT_PARALLELCHUNKS_H
