//===- ArchitectureJson.cpp - Architecture JSON files ---------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Arch/ArchitectureJson.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

using namespace mlir::union_;
using json = nlohmann::json;

namespace {

/// SAX handler that only records where the text stops being valid JSON.
/// The library is built without exceptions, so the DOM parser cannot report
/// the position itself.
struct SyntaxErrorFinder : nlohmann::json_sax<json> {
  size_t position = 0;
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t &) override { return true; }
  bool string(string_t &) override { return true; }
  bool binary(binary_t &) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t &) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string &,
                   const nlohmann::detail::exception &ex) override {
    position = pos;
    message = ex.what();
    return false;
  }
};

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string syntaxError(llvm::StringRef text) {
  SyntaxErrorFinder finder;
  json::sax_parse(text.begin(), text.end(), &finder);
  // Turn the byte offset into line:column (both 1-based).
  size_t offset = std::min(finder.position, text.size());
  if (offset > 0)
    --offset; // nlohmann reports the position after the offending character
  size_t line = 1 + text.take_front(offset).count('\n');
  size_t lineStart = text.take_front(offset).rfind('\n');
  size_t column =
      lineStart == llvm::StringRef::npos ? offset + 1 : offset - lineStart;
  // Drop nlohmann's "[json.exception.parse_error.101] parse error at line
  // 1, column 3: " prefix; we give the position ourselves.
  llvm::StringRef detail = finder.message;
  size_t colon = detail.find(": ");
  if (colon != llvm::StringRef::npos)
    detail = detail.drop_front(colon + 2);
  if (detail.empty())
    detail = "malformed JSON";
  return llvm::formatv("{0}:{1}: invalid JSON: {2}", line, column, detail);
}

/// Reads the fields of one JSON object, remembering which keys were used so
/// that unknown keys (usually typos) are reported.
class ObjectReader {
public:
  ObjectReader(const json &object, std::string path)
      : object(object), path(std::move(path)) {}

  std::string error;

  std::string at(const std::string &key) const {
    return path.empty() ? key : path + "." + key;
  }
  void fail(const std::string &key, const llvm::Twine &what) {
    if (error.empty())
      error = (at(key) + ": " + what).str();
  }
  const json *find(const std::string &key) {
    used.push_back(key);
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  void readString(const std::string &key, std::string &out, bool required) {
    const json *value = find(key);
    if (!value) {
      if (required)
        fail(key, "missing required key");
      return;
    }
    if (!value->is_string())
      return fail(key, "expected a string, got " + describe(*value));
    out = value->get<std::string>();
  }

  /// Integers must be exact; `minimum` is 0 or 1.
  void readInt(const std::string &key, int64_t &out, int64_t minimum) {
    const json *value = find(key);
    if (!value)
      return;
    const char *expected = minimum > 0 ? "expected a positive integer"
                                       : "expected a "
                                         "non-negative integer";
    if (value->is_number_unsigned()) {
      uint64_t v = value->get<uint64_t>();
      if (v > uint64_t(std::numeric_limits<int64_t>::max()))
        return fail(key, llvm::Twine(expected) + ", got " + describe(*value) +
                             " (too large)");
      out = int64_t(v);
    } else if (value->is_number_integer()) {
      out = value->get<int64_t>();
    } else {
      return fail(key, llvm::Twine(expected) + ", got " + describe(*value));
    }
    if (out < minimum)
      fail(key, llvm::Twine(expected) + ", got " + describe(*value));
  }

  void readNumber(const std::string &key, double &out) {
    const json *value = find(key);
    if (!value)
      return;
    if (!value->is_number())
      return fail(key,
                  "expected a non-negative number, got " + describe(*value));
    out = value->get<double>();
    if (!std::isfinite(out) || out < 0)
      fail(key, "expected a non-negative number, got " + describe(*value));
  }

  void readBool(const std::string &key, bool &out) {
    const json *value = find(key);
    if (!value)
      return;
    if (!value->is_boolean())
      return fail(key, "expected true or false, got " + describe(*value));
    out = value->get<bool>();
  }

  void readStringList(const std::string &key,
                      std::optional<std::vector<std::string>> &out) {
    const json *value = find(key);
    if (!value)
      return;
    if (!value->is_array())
      return fail(key, "expected an array of strings, got " + describe(*value));
    out.emplace();
    for (auto [i, element] : llvm::enumerate(*value)) {
      if (!element.is_string())
        return fail(llvm::formatv("{0}[{1}]", key, i),
                    "expected a string, got " + describe(element));
      out->push_back(element.get<std::string>());
    }
  }

  /// Reports the first key that no read asked for.
  void rejectUnknownKeys() {
    for (auto it = object.begin(); it != object.end(); ++it)
      if (llvm::find(used, it.key()) == used.end())
        return fail(it.key(), "unknown key");
  }

  static std::string describe(const json &value) {
    std::string text = value.dump();
    if (text.size() > 40)
      text = text.substr(0, 37) + "...";
    return text;
  }

private:
  const json &object;
  std::string path;
  std::vector<std::string> used;
};

llvm::Expected<LevelSpec> readLevel(const json &object,
                                    const std::string &path) {
  if (!object.is_object())
    return makeError(path + ": expected an object, got " +
                     ObjectReader::describe(object));
  ObjectReader reader(object, path);
  LevelSpec level;
  std::string kind;
  reader.readString("kind", kind, /*required=*/true);
  reader.readString("name", level.name, /*required=*/true);
  if (!reader.error.empty())
    return makeError(reader.error);
  if (kind == "storage") {
    level.kind = LevelKind::Storage;
    reader.readInt("capacity", level.capacity, 1);
    reader.readInt("word_bits", level.wordBits, 1);
    reader.readNumber("read_bandwidth", level.readBandwidth);
    reader.readNumber("write_bandwidth", level.writeBandwidth);
    reader.readNumber("read_energy", level.readEnergy);
    reader.readNumber("write_energy", level.writeEnergy);
    reader.readInt("block_size", level.blockSize, 1);
    reader.readNumber("update_energy", level.updateEnergy);
    reader.readStringList("tensors", level.tensors);
  } else if (kind == "network") {
    level.kind = LevelKind::Network;
    reader.readInt("fanout", level.fanout, 1);
    reader.readInt("mesh_x", level.meshX, 1);
    reader.readNumber("bandwidth", level.bandwidth);
    reader.readInt("latency", level.latency, 0);
    reader.readBool("multicast", level.multicast);
    reader.readBool("reduction", level.reduction);
    reader.readNumber("hop_energy", level.hopEnergy);
  } else if (kind == "compute") {
    level.kind = LevelKind::Compute;
    reader.readInt("vector_width", level.vectorWidth, 1);
    reader.readNumber("mac_energy", level.macEnergy);
  } else {
    return makeError(reader.at("kind") + ": expected \"storage\", " +
                     "\"network\" or \"compute\", got \"" + kind + "\"");
  }
  reader.readString("comment", kind, /*required=*/false);
  reader.rejectUnknownKeys();
  if (!reader.error.empty())
    return makeError(reader.error);
  return level;
}

} // namespace

llvm::Expected<ArchitectureSpec>
mlir::union_::parseArchitectureJson(llvm::StringRef text) {
  json root = json::parse(text.begin(), text.end(), /*cb=*/nullptr,
                          /*allow_exceptions=*/false);
  if (root.is_discarded())
    return makeError(syntaxError(text));
  if (!root.is_object())
    return makeError("expected a JSON object at the top level, got " +
                     ObjectReader::describe(root));
  ObjectReader reader(root, "");
  ArchitectureSpec spec;
  reader.readString("name", spec.name, /*required=*/true);
  reader.readString("description", spec.description, /*required=*/false);
  const json *levels = reader.find("levels");
  reader.rejectUnknownKeys();
  if (!reader.error.empty())
    return makeError(reader.error);
  if (!levels)
    return makeError("levels: missing required key");
  if (!levels->is_array())
    return makeError("levels: expected an array, got " +
                     ObjectReader::describe(*levels));
  for (auto [i, object] : llvm::enumerate(*levels)) {
    auto level = readLevel(object, llvm::formatv("levels[{0}]", i));
    if (!level)
      return level.takeError();
    spec.levels.push_back(std::move(*level));
  }
  if (llvm::Error error = validateArchitecture(spec))
    return std::move(error);
  return spec;
}

llvm::Expected<ArchitectureSpec>
mlir::union_::loadArchitectureFile(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return makeError(path + ": cannot read architecture file: " +
                     buffer.getError().message());
  auto spec = parseArchitectureJson((*buffer)->getBuffer());
  if (!spec)
    return makeError(path + ": " + llvm::toString(spec.takeError()));
  return spec;
}

std::string mlir::union_::printArchitectureJson(const ArchitectureSpec &spec) {
  json root = json::object();
  root["name"] = spec.name;
  if (!spec.description.empty())
    root["description"] = spec.description;
  json levels = json::array();
  const LevelSpec defaults;
  for (const LevelSpec &level : spec.levels) {
    // nlohmann's ordered_json would keep insertion order, but the default
    // object sorts keys, which is deterministic and good enough here.
    json object = json::object();
    object["kind"] = stringifyLevelKind(level.kind);
    object["name"] = level.name;
    auto put = [&](const char *key, auto value, auto defaultValue) {
      if (value != defaultValue)
        object[key] = value;
    };
    switch (level.kind) {
    case LevelKind::Storage:
      put("capacity", level.capacity, defaults.capacity);
      put("word_bits", level.wordBits, defaults.wordBits);
      put("read_bandwidth", level.readBandwidth, defaults.readBandwidth);
      put("write_bandwidth", level.writeBandwidth, defaults.writeBandwidth);
      put("read_energy", level.readEnergy, defaults.readEnergy);
      put("write_energy", level.writeEnergy, defaults.writeEnergy);
      put("block_size", level.blockSize, defaults.blockSize);
      put("update_energy", level.updateEnergy, defaults.updateEnergy);
      if (level.tensors)
        object["tensors"] = *level.tensors;
      break;
    case LevelKind::Network:
      put("fanout", level.fanout, defaults.fanout);
      put("mesh_x", level.meshX, defaults.meshX);
      put("bandwidth", level.bandwidth, defaults.bandwidth);
      put("latency", level.latency, defaults.latency);
      put("multicast", level.multicast, defaults.multicast);
      put("reduction", level.reduction, defaults.reduction);
      put("hop_energy", level.hopEnergy, defaults.hopEnergy);
      break;
    case LevelKind::Compute:
      put("vector_width", level.vectorWidth, defaults.vectorWidth);
      put("mac_energy", level.macEnergy, defaults.macEnergy);
      break;
    }
    levels.push_back(std::move(object));
  }
  root["levels"] = std::move(levels);
  return root.dump(2);
}
