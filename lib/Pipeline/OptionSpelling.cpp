//===- OptionSpelling.cpp - Misspelt pass options get a suggestion --------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Pipeline/OptionSpelling.h"
#include "Union/Pipeline/Pipelines.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <cstdio>
#include <optional>
#include <string>

#include <fcntl.h>
#include <unistd.h>

using namespace mlir;

namespace {

/// The keys of "key=value key2={a b} key3" (MLIR's pass option syntax):
/// tokens at brace depth 0 and outside quotes, up to their '='.
llvm::SmallVector<std::string> getKeys(llvm::StringRef text) {
  llvm::SmallVector<std::string> keys;
  int depth = 0;
  bool quoted = false, inKey = true;
  std::string key;
  auto flush = [&] {
    if (!key.empty())
      keys.push_back(key);
    key.clear();
    inKey = true;
  };
  for (char c : text) {
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (c == '"') {
      quoted = true;
      inKey = false;
    } else if (c == '{') {
      ++depth;
      inKey = false;
    } else if (c == '}') {
      --depth;
    } else if (c == ' ' && depth == 0) {
      flush();
    } else if (c == '=' && depth == 0) {
      inKey = false;
    } else if (inKey && depth == 0) {
      key += c;
    }
  }
  flush();
  return keys;
}

/// What MLIR says of `flag=options` when it is a pass or a Union pipeline
/// whose options do not parse (nullopt otherwise), and the options it
/// takes (in `valid`).
/// Runs `fn` with stderr sent to /dev/null: LLVM's option parser prints
/// some errors (a bad value) straight to stderr, and MLIR prints them again
/// when it parses the command line for real.
template <typename Fn> auto withoutStderr(Fn fn) {
  llvm::errs().flush();
  int saved = dup(STDERR_FILENO);
  int null = open("/dev/null", O_WRONLY);
  if (saved >= 0 && null >= 0)
    dup2(null, STDERR_FILENO);
  auto result = fn();
  llvm::errs().flush();
  if (saved >= 0) {
    dup2(saved, STDERR_FILENO);
    close(saved);
  }
  if (null >= 0)
    close(null);
  return result;
}

/// What `fn` prints on stdout (MLIR prints option help to llvm::outs()).
template <typename Fn> std::string captureStdout(Fn fn) {
  llvm::outs().flush();
  std::string text;
  FILE *capture = tmpfile();
  int saved = dup(STDOUT_FILENO);
  if (!capture || saved < 0) {
    if (capture)
      fclose(capture);
    if (saved >= 0)
      close(saved);
    return text;
  }
  dup2(fileno(capture), STDOUT_FILENO);
  fn();
  llvm::outs().flush();
  dup2(saved, STDOUT_FILENO);
  close(saved);
  rewind(capture);
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), capture)) > 0)
    text.append(buffer, n);
  fclose(capture);
  return text;
}

/// The option names in help text: "--name=<type> - ..." or "--name - ...".
/// The printed defaults leave out list options, so their names come from
/// here.
void addHelpKeys(llvm::StringRef help, llvm::StringSet<> &valid) {
  llvm::SmallVector<llvm::StringRef> lines;
  help.split(lines, '\n');
  for (llvm::StringRef line : lines) {
    line = line.ltrim();
    if (!line.consume_front("--"))
      continue;
    llvm::StringRef name =
        line.take_until([](char c) { return c == '=' || c == ' '; });
    if (!name.empty())
      valid.insert(name);
  }
}

std::optional<std::string> parseOptions(llvm::StringRef flag,
                                        llvm::StringRef options,
                                        llvm::StringSet<> &valid) {
  std::string error, printed;
  llvm::raw_string_ostream errors(error), os(printed);
  auto parsePipeline = [&](auto pipelineOptions) {
    bool ok = withoutStderr([&] {
      return succeeded(pipelineOptions.parseFromString(options, errors));
    });
    pipelineOptions.print(os);
    if (!ok)
      addHelpKeys(captureStdout([&] { pipelineOptions.printHelp(0, 40); }),
                  valid);
    return ok;
  };
  bool ok;
  if (flag == "union-map") {
    ok = parsePipeline(union_::UnionMapPipelineOptions());
  } else if (flag == "union-from-tosa") {
    ok = parsePipeline(union_::UnionFromTosaPipelineOptions());
  } else if (const PassInfo *info = PassInfo::lookup(flag)) {
    OpPassManager pm;
    auto record = [&](const llvm::Twine &message) {
      errors << message;
      return failure();
    };
    ok = withoutStderr(
        [&] { return succeeded(info->addToPipeline(pm, options, record)); });
    OpPassManager defaults;
    if (succeeded(info->addToPipeline(defaults, "", record)) &&
        !defaults.empty())
      (*defaults.begin()).printAsTextualPipeline(os);
    if (!ok) {
      // The pass's own line is "--flag"; its options are indented below.
      llvm::StringSet<> keys;
      addHelpKeys(captureStdout([&] { info->printHelpStr(0, 40); }), keys);
      for (const auto &key : keys)
        if (key.getKey() != flag)
          valid.insert(key.getKey());
    }
  } else {
    return std::nullopt;
  }
  if (ok)
    return std::nullopt;
  // "name{key=value ...}" or "{key=value ...}".
  llvm::StringRef body = printed;
  size_t open = body.find('{');
  if (open != llvm::StringRef::npos) {
    body = body.drop_front(open + 1);
    body.consume_back("}");
    for (const std::string &key : getKeys(body))
      valid.insert(key);
  }
  return error;
}

} // namespace

bool mlir::union_::checkPassOptionSpelling(llvm::ArrayRef<char *> args,
                                           llvm::raw_ostream &os) {
  bool ok = true;
  for (const char *arg : args.drop_front()) {
    llvm::StringRef text(arg);
    if (!text.consume_front("--") && !text.consume_front("-"))
      continue;
    auto [flag, options] = text.split('=');
    if (options.empty())
      continue;
    llvm::StringSet<> valid;
    std::optional<std::string> error = parseOptions(flag, options, valid);
    // Only unknown keys are ours to explain; MLIR reports the rest.
    llvm::StringRef message = error ? llvm::StringRef(*error) : "";
    size_t at = message.find("no such option ");
    if (at == llvm::StringRef::npos)
      continue;
    llvm::StringRef key = message.drop_front(at + 15).take_until(
        [](char c) { return c == ' ' || c == '\n'; });
    ok = false;
    os << "error: --" << flag << " has no option '" << key << "'";
    llvm::StringRef best;
    unsigned bestDistance = ~0u;
    for (const auto &entry : valid) {
      unsigned distance = key.edit_distance(entry.getKey());
      if (distance < bestDistance) {
        bestDistance = distance;
        best = entry.getKey();
      }
    }
    if (!best.empty() && bestDistance <= std::max<size_t>(2, key.size() / 3))
      os << "; did you mean '" << best << "'?";
    os << " (`union-opt --help` lists each pass's options)\n";
  }
  return ok;
}
