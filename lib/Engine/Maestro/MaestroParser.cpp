//===- MaestroParser.cpp - MAESTRO mapping and hardware files -------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroParser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <array>
#include <climits>
#include <optional>

using namespace mlir::union_::maestro;
using llvm::StringRef;

namespace {

/// The largest size, offset or stride (MAESTRO's int).
constexpr int64_t kMaxValue = INT_MAX;

struct Token {
  StringRef text;
  unsigned line, column;
};

/// MAESTRO's tokenizer (§1.1): a line splits at space, tab, `,`, `-`, `>`,
/// `(`, `)`, `:` and `;`; a token starting with `//` ends the line. Tokens
/// are made on demand, one ahead, pointing into the text.
class Lexer {
public:
  explicit Lexer(StringRef text)
      : cursor(text.begin()), end(text.end()), lineStart(text.begin()) {
    advance();
  }

  bool atEnd() const { return !hasNext; }
  /// The next token; only when !atEnd().
  const Token &peek() const { return nextToken; }
  /// Takes the next token; only when !atEnd().
  Token take() {
    Token token = nextToken;
    last = token;
    advance();
    return token;
  }
  /// The last token taken (the file's last one once atEnd()).
  const std::optional<Token> &getLast() const { return last; }

private:
  const char *cursor, *end, *lineStart;
  unsigned lineNumber = 1;
  bool hasNext = false;
  Token nextToken;
  std::optional<Token> last;

  enum CharClass : uint8_t { Word, Separator, Newline };
  static constexpr std::array<CharClass, 256> kClasses = [] {
    std::array<CharClass, 256> classes{};
    for (char c : {' ', '\t', '\r', ',', '-', '>', '(', ')', ':', ';'})
      classes[(unsigned char)c] = Separator;
    classes[(unsigned char)'\n'] = Newline;
    return classes;
  }();
  static CharClass classOf(char c) { return kClasses[(unsigned char)c]; }

  void advance() {
    while (cursor != end) {
      CharClass kind = classOf(*cursor);
      if (kind == Newline) {
        ++cursor;
        ++lineNumber;
        lineStart = cursor;
        continue;
      }
      if (kind == Separator) {
        ++cursor;
        continue;
      }
      const char *start = cursor;
      while (cursor != end && classOf(*cursor) == Word)
        ++cursor;
      StringRef word(start, cursor - start);
      if (word.starts_with("//")) {
        cursor = std::find(cursor, end, '\n');
        continue;
      }
      nextToken = {word, lineNumber, unsigned(start - lineStart + 1)};
      hasNext = true;
      return;
    }
    hasNext = false;
  }
};

class MappingParser {
public:
  MappingParser(StringRef text, StringRef fileName)
      : lexer(text), fileName(fileName), fileSize(text.size()) {}

  llvm::Expected<Network> parse();

private:
  Lexer lexer;
  StringRef fileName;
  size_t fileSize;
  llvm::StringMap<int64_t> constants;
  std::string error;
  std::vector<Directive> dataflowScratch;

  bool atEnd() const { return lexer.atEnd(); }
  const Token &peek() const { return lexer.peek(); }
  bool failed() const { return !error.empty(); }

  /// Records the first error, at `token` (or at the end of the file).
  bool fail(const Token *token, const llvm::Twine &message) {
    if (!failed()) {
      if (token)
        error = llvm::formatv("{0}:{1}:{2}: {3}", fileName, token->line,
                              token->column, message.str());
      else
        error = llvm::formatv("{0}: {1}", fileName, message.str());
    }
    return false;
  }
  bool failAtEnd(const llvm::Twine &message) {
    if (!lexer.getLast())
      return fail(nullptr, message);
    const Token &last = *lexer.getLast();
    Token end{"", last.line, unsigned(last.column + last.text.size())};
    return fail(&end, message + " (end of file)");
  }

  bool next(Token &token, const llvm::Twine &what) {
    if (atEnd())
      return failAtEnd("expected " + what);
    token = lexer.take();
    return true;
  }
  bool expect(StringRef text) {
    Token token;
    if (!next(token, "'" + text + "'"))
      return false;
    if (token.text != text)
      return fail(&token, "expected '" + text + "', got '" + token.text + "'");
    return true;
  }

  bool parseConstant();
  bool parseNetwork(Network &network);
  bool parseLayer(Network &network, const Token &layerToken);
  bool skipBlock();
  bool parseDimensionBlock(Layer &layer, bool isStride,
                           std::array<int64_t, kNumDims> &strideOf,
                           std::array<bool, kNumDims> &strideGiven,
                           llvm::StringRef layerName);
  bool parseDataflow(Layer &layer, const std::array<int64_t, kNumDims> &extent);
  bool parseValue(const std::array<int64_t, kNumDims> &extent, int64_t &value,
                  const char *what);
  bool parseDim(Dim &dim, Token &token);
};

bool MappingParser::parseDim(Dim &dim, Token &token) {
  if (!next(token, "a dimension name"))
    return false;
  std::optional<Dim> parsed = parseDimName(token.text);
  if (!parsed)
    return fail(&token, "unknown dimension '" + token.text +
                            "' (expected one of K, C, R, S, Y, X, N, G, M, "
                            "Y', X')");
  dim = *parsed;
  return true;
}

bool MappingParser::parseValue(const std::array<int64_t, kNumDims> &extent,
                               int64_t &value, const char *what) {
  Token token;
  if (!next(token, what))
    return false;
  if (token.text == "Sz") {
    Dim dim;
    Token dimToken;
    if (!parseDim(dim, dimToken))
      return false;
    if (extent[dim] <= 0)
      return fail(&dimToken, llvm::Twine("Sz(") + getDimName(dim) +
                                 "): dimension " + getDimName(dim) +
                                 " is not declared");
    value = extent[dim];
    return true;
  }
  if (!token.text.getAsInteger(10, value))
    return true;
  auto constant = constants.find(token.text);
  if (constant != constants.end()) {
    value = constant->second;
    return true;
  }
  return fail(&token, llvm::Twine("expected ") + what +
                          " (a number, Sz(dim) "
                          "or a Constant), got '" +
                          token.text + "'");
}

bool MappingParser::parseConstant() {
  Token name, value;
  if (!next(name, "a constant name") || !next(value, "a constant value"))
    return false;
  int64_t number;
  if (value.text.getAsInteger(10, number))
    return fail(&value, "Constant " + name.text +
                            ": expected an integer, "
                            "got '" +
                            value.text + "'");
  constants[name.text] = number;
  return true;
}

bool MappingParser::skipBlock() {
  if (!expect("{"))
    return false;
  unsigned depth = 1;
  while (depth > 0) {
    Token token;
    if (!next(token, "'}'"))
      return false;
    if (token.text == "{")
      ++depth;
    else if (token.text == "}")
      --depth;
  }
  return true;
}

bool MappingParser::parseDimensionBlock(Layer &layer, bool isStride,
                                        std::array<int64_t, kNumDims> &strideOf,
                                        std::array<bool, kNumDims> &strideGiven,
                                        StringRef layerName) {
  if (!expect("{"))
    return false;
  std::array<int64_t, kNumDims> noExtents{};
  while (true) {
    if (atEnd())
      return failAtEnd("expected '}' to close the " +
                       llvm::Twine(isStride ? "Stride" : "Dimensions") +
                       " block of layer " + layerName);
    if (peek().text == "}") {
      lexer.take();
      return true;
    }
    Dim dim;
    Token dimToken;
    if (!parseDim(dim, dimToken))
      return false;
    int64_t value;
    if (!parseValue(noExtents, value, "a size"))
      return false;
    // MAESTRO keeps sizes in 32-bit ints; larger ones would overflow the
    // analysis' products.
    if (value <= 0 || value > kMaxValue)
      return fail(&dimToken,
                  llvm::formatv("layer {0}: {1} {2} must be between 1 and "
                                "{3}, got {4}",
                                layerName, isStride ? "stride of" : "dimension",
                                getDimName(dim), kMaxValue, value));
    if (isStride) {
      strideOf[dim] = value;
      strideGiven[dim] = true;
      continue;
    }
    if (layer.declares(dim))
      return fail(&dimToken, llvm::Twine("layer ") + layerName +
                                 ": dimension " + getDimName(dim) +
                                 " is declared twice");
    layer.sizes[dim] = value;
    if (strideGiven[dim])
      layer.strides[dim] = strideOf[dim];
  }
}

bool MappingParser::parseDataflow(Layer &layer,
                                  const std::array<int64_t, kNumDims> &extent) {
  if (!expect("{"))
    return false;
  layer.hasDataflow = true;
  // Directives collect in a list reused across layers; the layer gets an
  // exact copy (a network of thousands of layers touches less memory).
  std::vector<Directive> &directives = dataflowScratch;
  directives.clear();
  while (true) {
    Token keyword;
    if (!next(keyword, "a directive or '}'"))
      return false;
    if (keyword.text == "}") {
      layer.dataflow.assign(directives.begin(), directives.end());
      return true;
    }
    Directive directive;
    directive.line = keyword.line;
    if (keyword.text == "TemporalMap")
      directive.kind = DirectiveKind::TemporalMap;
    else if (keyword.text == "SpatialMap")
      directive.kind = DirectiveKind::SpatialMap;
    else if (keyword.text == "Cluster")
      directive.kind = DirectiveKind::Cluster;
    else
      return fail(&keyword, "layer " + layer.name +
                                ": expected TemporalMap, "
                                "SpatialMap or Cluster, got '" +
                                keyword.text + "'");
    if (!parseValue(extent, directive.size, "a size"))
      return false;
    if (directive.kind == DirectiveKind::Cluster) {
      // The cluster type (L or P) is accepted and ignored, as in MAESTRO.
      if (!atEnd() && (peek().text == "L" || peek().text == "P"))
        lexer.take();
      if (directive.size < 1 || directive.size > kMaxValue)
        return fail(&keyword,
                    llvm::formatv("layer {0}: Cluster size must be "
                                  "between 1 and {1}, got {2}",
                                  layer.name, kMaxValue, directive.size));
      directives.push_back(directive);
      continue;
    }
    Token dimToken;
    if (!parseValue(extent, directive.offset, "an offset") ||
        !parseDim(directive.dim, dimToken))
      return false;
    // Built only for a message: most files have no error.
    auto what = [&] {
      return layer.name + ": " + describeDirective(directive);
    };
    if (directive.size < 1 || directive.offset < 1 ||
        directive.size > kMaxValue || directive.offset > kMaxValue)
      return fail(&keyword, "layer " + what() +
                                ": size and offset must be between 1 and " +
                                llvm::Twine(kMaxValue));
    if (extent[directive.dim] <= 0)
      return fail(&dimToken, "layer " + what() + ": dimension " +
                                 getDimName(directive.dim) +
                                 " is not declared by the layer");
    // MAESTRO's own check: a temporal map over the filter must cover it.
    if (directive.kind == DirectiveKind::TemporalMap &&
        (directive.dim == R || directive.dim == S) &&
        (directive.size != directive.offset ||
         directive.size != extent[directive.dim]))
      return fail(&keyword, llvm::formatv("layer {0}: a TemporalMap over {1} "
                                          "must cover the whole filter: size "
                                          "and offset {2}",
                                          what(), getDimName(directive.dim),
                                          extent[directive.dim]));
    directives.push_back(directive);
  }
}

bool MappingParser::parseLayer(Network &network, const Token &layerToken) {
  Token name;
  if (!next(name, "a layer name") || !expect("{"))
    return false;
  // Built in place: a layer is a few hundred bytes, and a network file
  // may hold thousands (on an error the whole network is dropped).
  Layer &layer = network.layers.emplace_back();
  layer.name = name.text.str();
  layer.line = layerToken.line;
  bool typeSeen = false, dimensionsSeen = false;
  std::array<int64_t, kNumDims> strideOf;
  strideOf.fill(1);
  std::array<bool, kNumDims> strideGiven{};
  std::array<int64_t, kNumDims> extent{};
  while (true) {
    Token keyword;
    if (!next(keyword, "'}' to close layer " + layer.name))
      return false;
    if (keyword.text == "}")
      break;
    if (keyword.text == "Type") {
      Token type;
      if (!next(type, "a layer type"))
        return false;
      StringRef t = type.text;
      if (t == "CONV" || t == "TRCONV") // [Q1]: TRCONV is analysed as CONV
        layer.type = LayerType::Conv;
      else if (t == "DSCONV")
        layer.type = LayerType::DSConv;
      else if (t == "GEMM")
        layer.type = LayerType::GEMM;
      else if (t == "NGCONV")
        layer.type = LayerType::NGConv;
      else if (t == "FC" || t == "POOL" || t == "LSTM" ||
               t == "RESIDUAL_IDENTITY")
        return fail(&type, "layer " + layer.name + ": layer type " + t +
                               " is not supported by MAESTRO's analysis; "
                               "write it as CONV or GEMM");
      else
        return fail(&type, "layer " + layer.name + ": unknown layer type '" +
                               t +
                               "' (expected CONV, DSCONV, GEMM, NGCONV or "
                               "TRCONV)");
      typeSeen = true;
    } else if (keyword.text == "Stride") {
      if (dimensionsSeen)
        return fail(&keyword, "layer " + layer.name +
                                  ": Stride must come before Dimensions");
      if (!parseDimensionBlock(layer, true, strideOf, strideGiven, layer.name))
        return false;
    } else if (keyword.text == "Dimensions") {
      if (dimensionsSeen)
        return fail(&keyword,
                    "layer " + layer.name + ": a second Dimensions block");
      dimensionsSeen = true;
      if (!parseDimensionBlock(layer, false, strideOf, strideGiven, layer.name))
        return false;
      extent = layer.sizes;
      // Sz() of a derived output or input size (§1.3).
      if (layer.type != LayerType::GEMM) {
        if (extent[X] && !extent[Xp] && extent[S])
          extent[Xp] = extent[X] - extent[S] + 1;
        if (extent[Xp] && !extent[X] && extent[S])
          extent[X] = extent[Xp] + extent[S] - 1;
        if (extent[Y] && !extent[Yp] && extent[R])
          extent[Yp] = extent[Y] - extent[R] + 1;
        if (extent[Yp] && !extent[Y] && extent[R])
          extent[Y] = extent[Yp] + extent[R] - 1;
      }
    } else if (keyword.text == "Dataflow") {
      if (layer.hasDataflow)
        return fail(&keyword,
                    "layer " + layer.name + ": a second Dataflow block");
      if (!parseDataflow(layer, extent))
        return false;
    } else if (keyword.text == "Constant") {
      if (!parseConstant())
        return false;
    } else {
      return fail(&keyword, "layer " + layer.name +
                                ": expected Type, Stride, Dimensions, "
                                "Dataflow or '}', got '" +
                                keyword.text + "'");
    }
  }
  if (!typeSeen)
    return fail(&layerToken, "layer " + layer.name + " has no Type");
  if (!dimensionsSeen)
    return fail(&layerToken, "layer " + layer.name + " has no Dimensions");
  // [Q2]: MAESTRO reuses a mangled copy of the previous list (or crashes).
  if (!layer.hasDataflow)
    return fail(&layerToken, "layer " + layer.name + " has no Dataflow block");
  return true;
}

bool MappingParser::parseNetwork(Network &network) {
  Token name;
  if (!next(name, "a network name") || !expect("{"))
    return false;
  network.name = name.text.str();
  // Room for every layer at one layer per 200 bytes (a layer takes more):
  // no copies as the list grows, and untouched room costs nothing.
  network.layers.reserve(std::min<size_t>(fileSize / 200 + 1, 1 << 20));
  while (true) {
    Token keyword;
    if (!next(keyword, "'}' to close network " + network.name))
      return false;
    if (keyword.text == "}")
      return true;
    if (keyword.text == "Layer") {
      if (!parseLayer(network, keyword))
        return false;
    } else if (keyword.text == "Constant") {
      if (!parseConstant())
        return false;
    } else {
      return fail(&keyword,
                  "expected Layer or '}', got '" + keyword.text + "'");
    }
  }
}

llvm::Expected<Network> MappingParser::parse() {
  Network network;
  bool sawNetwork = false;
  while (!atEnd() && !failed()) {
    Token keyword = lexer.take();
    if (keyword.text == "Constant") {
      parseConstant();
    } else if (keyword.text == "Network") {
      if (sawNetwork) {
        fail(&keyword, "a second Network block");
        break;
      }
      sawNetwork = true;
      parseNetwork(network);
    } else if (keyword.text == "Accelerator") {
      skipBlock(); // accepted and ignored, as in MAESTRO
    } else {
      fail(&keyword, "expected Network, Constant or Accelerator, got '" +
                         keyword.text + "'");
    }
  }
  if (!failed() && !sawNetwork)
    fail(nullptr, "no Network block");
  if (!failed() && network.layers.empty())
    fail(nullptr, "network " + network.name + " has no layers");
  if (failed())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  return network;
}

} // namespace

llvm::Expected<Network>
mlir::union_::maestro::parseMappingFile(StringRef text, StringRef fileName) {
  return MappingParser(text, fileName).parse();
}

llvm::Error mlir::union_::maestro::parseHardwareFile(StringRef text,
                                                     StringRef fileName,
                                                     Hardware &hardware) {
  // A hardware file replaces these, with its own defaults (§2.1).
  int64_t numPes = -1;
  hardware.l1Size = INT_MAX;
  hardware.l2Size = INT_MAX;
  hardware.nocBandwidth = INT_MAX;
  hardware.offchipBandwidth = INT_MAX;
  hardware.nocLatency = 1;
  std::vector<Token> tokens;
  for (Lexer lexer(text); !lexer.atEnd();)
    tokens.push_back(lexer.take());
  auto fail = [&](const Token &token, const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   llvm::formatv("{0}:{1}:{2}: {3}", fileName,
                                                 token.line, token.column,
                                                 message.str()));
  };
  for (size_t i = 0; i < tokens.size(); i += 2) {
    const Token &key = tokens[i];
    if (i + 1 >= tokens.size() || tokens[i + 1].line != key.line)
      return fail(key, "expected a value after '" + key.text + "'");
    const Token &valueToken = tokens[i + 1];
    int64_t value;
    if (valueToken.text.getAsInteger(10, value))
      return fail(valueToken, key.text + ": expected an integer, got '" +
                                  valueToken.text + "'");
    if (key.text == "num_pes")
      numPes = value;
    else if (key.text == "l1_size_cstr")
      hardware.l1Size = value;
    else if (key.text == "l2_size_cstr")
      hardware.l2Size = value;
    else if (key.text == "noc_bw_cstr")
      hardware.nocBandwidth = value;
    else if (key.text == "offchip_bw_cstr")
      hardware.offchipBandwidth = value;
    else if (key.text == "NoC_NumHops")
      hardware.nocLatency = value;
    else
      return fail(key, "unknown hardware key '" + key.text +
                           "' (expected num_pes, l1_size_cstr, l2_size_cstr, "
                           "noc_bw_cstr, offchip_bw_cstr or NoC_NumHops)");
  }
  // MAESTRO silently uses 1 PE here; that is never what a file meant.
  if (numPes < 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   fileName + ": missing num_pes");
  hardware.numPes = numPes;
  return llvm::Error::success();
}
