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
#include <condition_variable>
#include <cstddef>
#include <mutex>
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
/// emit(buffer) in item order, on the calling thread. Emitting overlaps the
/// formatting of later chunks; a few buffers per thread are cleared with
/// clear() and reused, so the text is never held whole.
template <typename Buffer, typename Format, typename Emit>
void formatInOrder(size_t count, unsigned threads, size_t chunkSize,
                   Format &&format, Emit &&emit) {
  size_t numChunks = (count + chunkSize - 1) / chunkSize;
  auto formatChunk = [&](Buffer &buffer, size_t chunk) {
    buffer.clear();
    size_t first = chunk * chunkSize;
    format(buffer, first, std::min(count, first + chunkSize));
  };
  if (threads <= 1 || numChunks <= 1) {
    Buffer buffer;
    for (size_t chunk = 0; chunk < numChunks; ++chunk) {
      formatChunk(buffer, chunk);
      emit(buffer);
    }
    return;
  }
  // Chunk c uses slot c % window; it is taken only once chunk c - window
  // has been emitted. finished[slot] == c + 1 once chunk c is formatted.
  size_t window = size_t(threads) * 2;
  std::vector<Buffer> buffers(window);
  std::vector<size_t> finished(window, 0);
  size_t nextChunk = 0, emitted = 0;
  std::mutex mutex;
  std::condition_variable changed;
  auto canTake = [&] {
    return nextChunk < numChunks && nextChunk < emitted + window;
  };
  // Formats the next chunk; called and returns with the lock held.
  auto formatNext = [&](std::unique_lock<std::mutex> &lock) {
    size_t chunk = nextChunk++;
    lock.unlock();
    formatChunk(buffers[chunk % window], chunk);
    lock.lock();
    finished[chunk % window] = chunk + 1;
    changed.notify_all();
  };
  auto helper = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      changed.wait(lock, [&] { return nextChunk >= numChunks || canTake(); });
      if (nextChunk >= numChunks)
        return;
      formatNext(lock);
    }
  };
  std::vector<std::thread> helpers;
  for (unsigned i = 1; i < threads && i < numChunks; ++i)
    helpers.emplace_back(helper);
  {
    // The caller emits in order and formats while the next chunk to emit
    // is not ready.
    std::unique_lock<std::mutex> lock(mutex);
    while (emitted < numChunks) {
      size_t slot = emitted % window;
      if (finished[slot] == emitted + 1) {
        lock.unlock();
        emit(buffers[slot]);
        lock.lock();
        ++emitted;
        changed.notify_all();
      } else if (canTake()) {
        formatNext(lock);
      } else {
        changed.wait(lock);
      }
    }
  }
  for (std::thread &thread : helpers)
    thread.join();
}

} // namespace mlir::union_

#endif // UNION_SUPPORT_PARALLELCHUNKS_H
