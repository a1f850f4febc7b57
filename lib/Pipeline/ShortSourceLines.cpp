//===- ShortSourceLines.cpp - Diagnostics that quote a window of a line ---===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Pipeline/ShortSourceLines.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <vector>

using namespace mlir;

namespace {

/// A file read once, with where its lines start.
struct SourceFile {
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  std::vector<size_t> lineStarts;

  std::optional<llvm::StringRef> getLine(unsigned line) const {
    if (line == 0 || line > lineStarts.size())
      return std::nullopt;
    llvm::StringRef text = buffer->getBuffer();
    size_t start = lineStarts[line - 1];
    size_t end = line < lineStarts.size() ? lineStarts[line] - 1 : text.size();
    return text.slice(start, end).rtrim("\r");
  }
};

class ShortSourceLines {
public:
  explicit ShortSourceLines(const union_::ShortSourceLineOptions &options)
      : options(options) {}

  LogicalResult handle(Diagnostic &diag) {
    std::optional<llvm::StringRef> line = getLongLine(diag.getLocation());
    if (!line)
      return failure();
    // The notes are printed with it; each must be placed in a file.
    for (const Diagnostic &note : diag.getNotes())
      if (!isa<FileLineColLoc>(note.getLocation()))
        return failure();
    DiagnosticSeverity severity = diag.getSeverity();
    if ((severity == DiagnosticSeverity::Warning && !options.showWarnings) ||
        (severity == DiagnosticSeverity::Remark && !options.showRemarks))
      return success();
    llvm::raw_ostream &os = llvm::errs();
    print(os, cast<FileLineColLoc>(diag.getLocation()), severity, diag.str());
    for (const Diagnostic &note : diag.getNotes())
      print(os, cast<FileLineColLoc>(note.getLocation()),
            DiagnosticSeverity::Note, note.str());
    os.flush();
    return success();
  }

private:
  const SourceFile *getFile(llvm::StringRef name) {
    auto [it, added] = files.try_emplace(name);
    if (added) {
      auto buffer = llvm::MemoryBuffer::getFile(name);
      if (buffer) {
        it->second.buffer = std::move(*buffer);
        llvm::StringRef text = it->second.buffer->getBuffer();
        it->second.lineStarts.push_back(0);
        for (size_t i = 0; i < text.size(); ++i)
          if (text[i] == '\n' && i + 1 < text.size())
            it->second.lineStarts.push_back(i + 1);
      }
    }
    return it->second.buffer ? &it->second : nullptr;
  }

  /// The source line of `loc` when it is longer than the window.
  std::optional<llvm::StringRef> getLongLine(Location loc) {
    auto fileLoc = dyn_cast<FileLineColLoc>(loc);
    if (!fileLoc)
      return std::nullopt;
    const SourceFile *file = getFile(fileLoc.getFilename().getValue());
    if (!file)
      return std::nullopt;
    std::optional<llvm::StringRef> line = file->getLine(fileLoc.getLine());
    if (!line || line->size() <= options.width)
      return std::nullopt;
    return line;
  }

  void print(llvm::raw_ostream &os, FileLineColLoc loc,
             DiagnosticSeverity severity, llvm::StringRef message) {
    static const char *const kNames[] = {"note", "warning", "error", "remark"};
    os << loc.getFilename().getValue() << ":" << loc.getLine() << ":"
       << loc.getColumn() << ": " << kNames[static_cast<int>(severity)] << ": "
       << message << "\n";
    const SourceFile *file = getFile(loc.getFilename().getValue());
    std::optional<llvm::StringRef> line =
        file ? file->getLine(loc.getLine()) : std::nullopt;
    if (!line)
      return;
    size_t column = loc.getColumn() > 0 ? loc.getColumn() - 1 : 0;
    size_t start = 0, end = line->size();
    if (line->size() > options.width) {
      size_t half = options.width / 2;
      start = column > half ? column - half : 0;
      end = std::min(line->size(), start + options.width);
      start = end > options.width ? end - options.width : 0;
    }
    llvm::StringRef before = start > 0 ? "..." : "";
    os << before << line->slice(start, end) << (end < line->size() ? "..." : "")
       << "\n";
    os.indent(before.size() + std::min(column, end) - start) << "^\n";
  }

  union_::ShortSourceLineOptions options;
  llvm::StringMap<SourceFile> files;
};

} // namespace

void mlir::union_::registerShortSourceLineHandler(
    MLIRContext *context, const ShortSourceLineOptions &options) {
  auto handler = std::make_shared<ShortSourceLines>(options);
  context->getDiagEngine().registerHandler(
      [handler](Diagnostic &diag) { return handler->handle(diag); });
}
