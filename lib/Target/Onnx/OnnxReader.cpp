//===- OnnxReader.cpp - ONNX protobuf to plain data -----------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The only translation unit that sees protobuf and libonnx. ONNX's shape
// inference reports errors by throwing, so this file is built with
// exceptions and catches them all; it crashes on some malformed models, so
// it runs in a child process.
//
//===----------------------------------------------------------------------===//

#include "Union/Target/OnnxGraph.h"

#include "onnx/defs/schema.h"
#include "onnx/onnx_pb.h"
#include "onnx/shape_inference/implementation.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>

#include <limits>
#include <set>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mlir::union_::onnx_import;

bool ValueType::isStatic() const {
  if (!hasShape)
    return false;
  for (int64_t dim : dims)
    if (dim < 0)
      return false;
  return true;
}

int64_t TensorData::numElements() const { return saturatingProduct(dims); }

bool TensorData::isInteger() const { return !isFloatType(elementType); }

double TensorData::valueAt(int64_t i) const {
  if (!rawFloats.empty()) {
    float value;
    std::memcpy(&value, rawFloats.data() + 4 * i, 4);
    return value;
  }
  if (!floats.empty())
    return floats.size() == 1 ? floats[0] : floats[i];
  return static_cast<double>(ints.size() == 1 ? ints[0] : ints[i]);
}

const Attribute *Node::find(const std::string &attribute) const {
  auto it = attributes.find(attribute);
  return it == attributes.end() ? nullptr : &it->second;
}

namespace {

float halfToFloat(uint16_t half) {
  uint32_t sign = (half & 0x8000u) << 16, exponent = (half >> 10) & 0x1f,
           mantissa = half & 0x3ff, bits;
  if (exponent == 0) {
    if (mantissa == 0) {
      bits = sign;
    } else { // subnormal: normalize
      exponent = 127 - 15 + 1;
      while (!(mantissa & 0x400)) {
        mantissa <<= 1;
        --exponent;
      }
      bits = sign | (exponent << 23) | ((mantissa & 0x3ff) << 13);
    }
  } else if (exponent == 31) {
    bits = sign | 0x7f800000u | (mantissa << 13);
  } else {
    bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  }
  float result;
  std::memcpy(&result, &bits, sizeof result);
  return result;
}

size_t elementBytes(int32_t type) {
  switch (type) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::UINT32:
    return 4;
  case onnx::TensorProto::DOUBLE:
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::UINT64:
    return 8;
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16:
  case onnx::TensorProto::INT16:
  case onnx::TensorProto::UINT16:
    return 2;
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::BOOL:
    return 1;
  default:
    return 0;
  }
}

/// Element `i` of little-endian raw bytes as a double (floats) or int64.
double rawFloat(const std::string &raw, int32_t type, int64_t i) {
  const char *at = raw.data() + i * elementBytes(type);
  switch (type) {
  case onnx::TensorProto::FLOAT: {
    float value;
    std::memcpy(&value, at, 4);
    return value;
  }
  case onnx::TensorProto::DOUBLE: {
    double value;
    std::memcpy(&value, at, 8);
    return value;
  }
  case onnx::TensorProto::FLOAT16: {
    uint16_t bits;
    std::memcpy(&bits, at, 2);
    return halfToFloat(bits);
  }
  default: { // bfloat16
    uint16_t bits;
    std::memcpy(&bits, at, 2);
    uint32_t wide = static_cast<uint32_t>(bits) << 16;
    float value;
    std::memcpy(&value, &wide, 4);
    return value;
  }
  }
}

int64_t rawInt(const std::string &raw, int32_t type, int64_t i) {
  const char *at = raw.data() + i * elementBytes(type);
  switch (type) {
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::UINT64: {
    int64_t value;
    std::memcpy(&value, at, 8);
    return value;
  }
  case onnx::TensorProto::INT32: {
    int32_t value;
    std::memcpy(&value, at, 4);
    return value;
  }
  case onnx::TensorProto::UINT32: {
    uint32_t value;
    std::memcpy(&value, at, 4);
    return value;
  }
  case onnx::TensorProto::INT16: {
    int16_t value;
    std::memcpy(&value, at, 2);
    return value;
  }
  case onnx::TensorProto::UINT16: {
    uint16_t value;
    std::memcpy(&value, at, 2);
    return value;
  }
  case onnx::TensorProto::INT8:
    return static_cast<int8_t>(*at);
  default: // uint8, bool
    return static_cast<uint8_t>(*at);
  }
}

/// Reads `proto` into `tensor`; the contents only when `wantValues`.
bool readTensor(onnx::TensorProto &proto, bool wantValues, TensorData &tensor,
                std::string &error) {
  tensor.elementType = proto.data_type();
  tensor.dims.assign(proto.dims().begin(), proto.dims().end());
  for (int64_t dim : tensor.dims)
    if (dim < 0) {
      error = "has a negative dim";
      return false;
    }
  // Overflow-safe element count.
  int64_t count = 1;
  for (int64_t dim : tensor.dims) {
    if (dim != 0 && count > std::numeric_limits<int64_t>::max() / dim) {
      error = "has more elements than fit in 64 bits";
      return false;
    }
    count *= dim;
  }
  if (!wantValues)
    return true;
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    error = "keeps its data in an external file, which the importer does not "
            "read";
    return false;
  }
  int32_t type = tensor.elementType;
  size_t bytes = elementBytes(type);
  if (bytes == 0) {
    error = "has data type " + std::to_string(type) +
            ", which the importer does not read";
    return false;
  }
  bool isFloat = isFloatType(type);
  if (proto.has_raw_data()) {
    const std::string &raw = proto.raw_data();
    if (raw.size() != static_cast<uint64_t>(count) * bytes) {
      error = "has " + std::to_string(raw.size()) + " bytes of data for " +
              std::to_string(count) + " elements";
      return false;
    }
    if (isFloat && type == kFloat && count > 64) {
      tensor.rawFloats = std::move(*proto.mutable_raw_data());
    } else if (isFloat) {
      tensor.floats.resize(count);
      for (int64_t i = 0; i < count; ++i)
        tensor.floats[i] = rawFloat(raw, type, i);
    } else {
      tensor.ints.resize(count);
      for (int64_t i = 0; i < count; ++i)
        tensor.ints[i] = rawInt(raw, type, i);
    }
  } else {
    int64_t stored;
    switch (type) {
    case onnx::TensorProto::FLOAT:
      stored = proto.float_data_size();
      tensor.floats.assign(proto.float_data().begin(),
                           proto.float_data().end());
      break;
    case onnx::TensorProto::DOUBLE:
      stored = proto.double_data_size();
      tensor.floats.assign(proto.double_data().begin(),
                           proto.double_data().end());
      break;
    case onnx::TensorProto::INT64:
      stored = proto.int64_data_size();
      tensor.ints.assign(proto.int64_data().begin(), proto.int64_data().end());
      break;
    case onnx::TensorProto::UINT64:
    case onnx::TensorProto::UINT32:
      stored = proto.uint64_data_size();
      tensor.ints.assign(proto.uint64_data().begin(),
                         proto.uint64_data().end());
      break;
    case onnx::TensorProto::FLOAT16:
    case onnx::TensorProto::BFLOAT16: {
      stored = proto.int32_data_size();
      for (int32_t bits : proto.int32_data()) {
        std::string two(2, '\0');
        uint16_t half = static_cast<uint16_t>(bits);
        std::memcpy(two.data(), &half, 2);
        tensor.floats.push_back(rawFloat(two, type, 0));
      }
      break;
    }
    default:
      stored = proto.int32_data_size();
      tensor.ints.assign(proto.int32_data().begin(), proto.int32_data().end());
      break;
    }
    if (stored != count) {
      error = "has " + std::to_string(stored) + " values for " +
              std::to_string(count) + " elements";
      return false;
    }
  }
  tensor.hasValues = true;
  return true;
}

// --- Dropping weights before protobuf sees them ---------------------------
//
// Parsing copies every initializer's bytes (about the file's size) into
// strings the importer then ignores when weights are dropped. The wire
// format is simple enough to copy the model without the large
// floating-point raw_data payloads first: ModelProto field 7 is the graph,
// GraphProto field 5 an initializer, TensorProto field 2 its data type and
// field 9 its raw data.

bool readVarint(const char *&at, const char *end, uint64_t &value) {
  value = 0;
  for (int shift = 0; shift < 64 && at < end; shift += 7) {
    uint8_t byte = static_cast<uint8_t>(*at++);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80))
      return true;
  }
  return false;
}

void writeVarint(std::string &out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

/// One field of a message: its number, wire type, and where its bytes
/// (tag included) and, for length-delimited fields, its payload are.
struct WireField {
  uint64_t number, wireType;
  const char *begin, *payload, *end;
};

/// The next field at `at`, or false on malformed input (groups included:
/// ONNX has none).
bool nextField(const char *&at, const char *end, WireField &field) {
  field.begin = at;
  uint64_t tag, length;
  if (!readVarint(at, end, tag))
    return false;
  field.number = tag >> 3;
  field.wireType = tag & 7;
  field.payload = at;
  switch (field.wireType) {
  case 0:
    if (!readVarint(at, end, length))
      return false;
    break;
  case 1:
    if (end - at < 8)
      return false;
    at += 8;
    break;
  case 2:
    if (!readVarint(at, end, length) ||
        length > static_cast<uint64_t>(end - at))
      return false;
    field.payload = at;
    at += length;
    break;
  case 5:
    if (end - at < 4)
      return false;
    at += 4;
    break;
  default:
    return false;
  }
  field.end = at;
  return true;
}

/// Payloads of floating-point initializers above this many bytes go.
constexpr uint64_t kDroppedPayloadBytes = 4096;

bool stripTensor(const char *begin, const char *end, std::string &out) {
  // The data type may follow the data: look it up first.
  int64_t dataType = kUndefined;
  WireField field;
  for (const char *at = begin; at < end;) {
    if (!nextField(at, end, field))
      return false;
    if (field.number == 2 && field.wireType == 0) {
      const char *value = field.payload;
      uint64_t type;
      readVarint(value, field.end, type);
      dataType = static_cast<int64_t>(type);
    }
  }
  bool floating = isFloatType(static_cast<int32_t>(dataType));
  for (const char *at = begin; at < end;) {
    nextField(at, end, field);
    if (floating && field.number == 9 && field.wireType == 2 &&
        static_cast<uint64_t>(field.end - field.payload) > kDroppedPayloadBytes)
      continue;
    out.append(field.begin, field.end);
  }
  return true;
}

/// Copies the length-delimited message [begin, end) into `out`, passing
/// each field numbered `inner` through `strip` (written with its new
/// length) and the others unchanged.
template <typename Strip>
bool stripMessage(const char *begin, const char *end, uint64_t inner,
                  Strip strip, std::string &out) {
  WireField field;
  for (const char *at = begin; at < end;) {
    if (!nextField(at, end, field))
      return false;
    if (field.number != inner || field.wireType != 2) {
      out.append(field.begin, field.end);
      continue;
    }
    std::string stripped;
    if (!strip(field.payload, field.end, stripped))
      return false;
    writeVarint(out, (inner << 3) | 2);
    writeVarint(out, stripped.size());
    out += stripped;
  }
  return true;
}

/// The model without its large floating-point initializer payloads, or
/// false when the bytes are not well-formed protobuf (then protobuf
/// parses the original and reports it).
bool stripWeights(const char *data, size_t size, std::string &out) {
  auto graph = [](const char *begin, const char *end, std::string &result) {
    return stripMessage(begin, end, /*initializer=*/5, stripTensor, result);
  };
  return stripMessage(data, data + size, /*graph=*/7, graph, out);
}

// --- Shape inference in a child process ----------------------------------
//
// libonnx's shape inference trusts its input: on malformed models (a zero
// stride, an input of the wrong rank) it divides by zero or reads out of
// bounds. It runs in a child process forked once and kept (a server on a
// socket pair): the parent sends the model without its weights and reads
// back the value types inferred; a crash there becomes an error here, and
// the next model gets a new child.

bool sendAll(int fd, const char *data, size_t size) {
  for (size_t done = 0; done < size;) {
    ssize_t sent = ::send(fd, data + done, size - done, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR)
      continue;
    if (sent <= 0)
      return false;
    done += sent;
  }
  return true;
}

bool receiveAll(int fd, char *data, size_t size) {
  for (size_t done = 0; done < size;) {
    ssize_t got = ::recv(fd, data + done, size - done, 0);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return false;
    done += got;
  }
  return true;
}

/// A message: its length (8 bytes), then its bytes.
bool sendMessage(int fd, const std::string &message) {
  uint64_t length = message.size();
  return sendAll(fd, reinterpret_cast<const char *>(&length), sizeof length) &&
         sendAll(fd, message.data(), message.size());
}

bool receiveMessage(int fd, std::string &message) {
  uint64_t length;
  if (!receiveAll(fd, reinterpret_cast<char *>(&length), sizeof length) ||
      length > (uint64_t{1} << 32))
    return false;
  message.resize(length);
  return receiveAll(fd, message.data(), length);
}

/// The child's loop: a model in, '0' and the inferred value infos and
/// outputs (a GraphProto) or '1' and ONNX's message out, until the parent
/// closes the socket. _exit: none of the parent's destructors or at-exit
/// handlers.
[[noreturn]] void serveShapeInference(int fd) {
  std::string request;
  while (receiveMessage(fd, request)) {
    std::string reply;
    onnx::ModelProto model;
    if (!model.ParseFromString(request)) {
      reply = "1the model sent for inference does not parse";
    } else {
      try {
        onnx::shape_inference::InferShapes(
            model, onnx::OpSchemaRegistry::Instance(),
            onnx::ShapeInferenceOptions(/*check_type=*/false, /*error_mode=*/0,
                                        /*enable_data_propagation=*/true));
        onnx::GraphProto inferred;
        *inferred.mutable_value_info() = model.graph().value_info();
        *inferred.mutable_output() = model.graph().output();
        reply = "0" + inferred.SerializeAsString();
      } catch (const std::exception &exception) {
        reply = std::string("1") + exception.what();
      } catch (...) {
        reply = "1(no message)";
      }
    }
    if (!sendMessage(fd, reply))
      break;
  }
  _exit(0);
}

class ShapeInferenceServer {
public:
  /// Runs inference on the serialized model `request`; `reply` as the
  /// child sends it.
  bool infer(const std::string &request, std::string &reply,
             std::string &error) {
    if (socket < 0 && !start(error))
      return false;
    if (sendMessage(socket, request) && receiveMessage(socket, reply))
      return true;
    // The child died on this model.
    ::close(socket);
    socket = -1;
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    error = WIFSIGNALED(status)
                ? "ONNX's shape inference crashed on this model (signal " +
                      std::to_string(WTERMSIG(status)) +
                      "): it is malformed (onnx.checker tells how)"
                : "ONNX's shape inference stopped without an answer";
    return false;
  }

private:
  bool start(std::string &error) {
    // ONNX's operator schemas are built here, once, so that every child
    // starts with them.
    onnx::OpSchemaRegistry::Schema("Conv");
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
      error =
          std::string("cannot create a socket pair: ") + std::strerror(errno);
      return false;
    }
    std::fflush(nullptr);
    child = ::fork();
    if (child < 0) {
      ::close(pair[0]);
      ::close(pair[1]);
      error = std::string("cannot fork: ") + std::strerror(errno);
      return false;
    }
    if (child == 0) {
      // A crash here ends the child quietly (no sanitizer's or fuzzer's
      // handler inherited from the parent): the parent reports it.
      for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        std::signal(signal, SIG_DFL);
      ::close(pair[0]);
      serveShapeInference(pair[1]);
    }
    ::close(pair[1]);
    socket = pair[0];
    return true;
  }

  int socket = -1;
  pid_t child = -1;
};

/// Runs ONNX's shape inference on `model` and adds the value types it
/// inferred to the model's graph. The weights stay here: the child gets
/// the model without large raw data, which inference does not read.
bool inferShapesIsolated(onnx::ModelProto &model, std::string &error) {
  static ShapeInferenceServer server;
  onnx::GraphProto &graph = *model.mutable_graph();
  std::vector<std::string> weights(graph.initializer_size());
  for (int i = 0; i < graph.initializer_size(); ++i) {
    onnx::TensorProto &tensor = *graph.mutable_initializer(i);
    if (isFloatType(tensor.data_type()) &&
        tensor.raw_data().size() > kDroppedPayloadBytes)
      weights[i].swap(*tensor.mutable_raw_data());
  }
  std::string request = model.SerializeAsString();
  for (int i = 0; i < graph.initializer_size(); ++i)
    if (!weights[i].empty())
      graph.mutable_initializer(i)->mutable_raw_data()->swap(weights[i]);
  std::string reply;
  if (!server.infer(request, reply, error))
    return false;
  if (reply.empty() || reply[0] != '0') {
    error = "ONNX shape inference failed: " +
            (reply.empty() ? std::string("(no message)") : reply.substr(1));
    return false;
  }
  onnx::GraphProto inferred;
  if (!inferred.ParseFromArray(reply.data() + 1,
                               static_cast<int>(reply.size() - 1))) {
    error = "ONNX's shape inference sent back no readable types";
    return false;
  }
  *graph.mutable_value_info() = inferred.value_info();
  if (inferred.output_size() == graph.output_size())
    *graph.mutable_output() = inferred.output();
  return true;
}

ValueType readType(const onnx::TypeProto &proto) {
  ValueType type;
  if (!proto.has_tensor_type())
    return type;
  const onnx::TypeProto::Tensor &tensor = proto.tensor_type();
  type.elementType = tensor.elem_type();
  if (!tensor.has_shape())
    return type;
  type.hasShape = true;
  for (const onnx::TensorShapeProto::Dimension &dim : tensor.shape().dim()) {
    type.dims.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
    type.dimNames.push_back(dim.has_dim_param() ? dim.dim_param() : "");
  }
  return type;
}

bool readAttribute(onnx::AttributeProto &proto, const ReadOptions &options,
                   Attribute &attribute, std::string &error) {
  switch (proto.type()) {
  case onnx::AttributeProto::INT:
    attribute.kind = Attribute::Int;
    attribute.i = proto.i();
    return true;
  case onnx::AttributeProto::FLOAT:
    attribute.kind = Attribute::Float;
    attribute.f = proto.f();
    return true;
  case onnx::AttributeProto::STRING:
    attribute.kind = Attribute::String;
    attribute.s = proto.s();
    return true;
  case onnx::AttributeProto::INTS:
    attribute.kind = Attribute::Ints;
    attribute.ints.assign(proto.ints().begin(), proto.ints().end());
    return true;
  case onnx::AttributeProto::FLOATS:
    attribute.kind = Attribute::Floats;
    attribute.floats.assign(proto.floats().begin(), proto.floats().end());
    return true;
  case onnx::AttributeProto::TENSOR: {
    attribute.kind = Attribute::Tensor;
    attribute.tensor = std::make_shared<TensorData>();
    onnx::TensorProto &tensor = *proto.mutable_t();
    bool wantValues =
        !isFloatType(tensor.data_type()) || options.keepWeights ||
        saturatingProduct({tensor.dims().begin(), tensor.dims().end()}) <=
            options.smallTensorLimit;
    return readTensor(tensor, wantValues, *attribute.tensor, error);
  }
  default:
    attribute.kind = Attribute::Other;
    return true;
  }
}

} // namespace

bool mlir::union_::onnx_import::readOnnxModel(const char *data, size_t size,
                                              const ReadOptions &options,
                                              Graph &graph,
                                              std::string &error) {
  onnx::ModelProto model;
  if (size > static_cast<size_t>(std::numeric_limits<int>::max())) {
    error = "the file is over 2 GB; ONNX files keep such models' weights in "
            "external data, which the importer does not read";
    return false;
  }
  std::string skeleton;
  if (!options.keepWeights && stripWeights(data, size, skeleton)) {
    data = skeleton.data();
    size = skeleton.size();
  }
  if (!model.ParseFromArray(data, static_cast<int>(size))) {
    error = "not an ONNX model: the protobuf does not parse (truncated or "
            "corrupt file?)";
    return false;
  }
  if (!model.has_graph()) {
    error = "the model has no graph";
    return false;
  }
  graph.opset = 0;
  for (const onnx::OperatorSetIdProto &opset : model.opset_import())
    if (opset.domain().empty() || opset.domain() == "ai.onnx")
      graph.opset = opset.version();
  if (graph.opset == 0) {
    error = "the model imports no version of the default ONNX opset";
    return false;
  }
  if (graph.opset < kMinOpset || graph.opset > kMaxOpset) {
    error = "opset " + std::to_string(graph.opset) +
            " is not supported (the importer reads opsets " +
            std::to_string(kMinOpset) + " to " + std::to_string(kMaxOpset) +
            ")";
    return false;
  }
  graph.producer = model.producer_name();
  onnx::GraphProto &proto = *model.mutable_graph();

  // Named dynamic dims of the inputs take the values given for them.
  std::set<std::string> usedDims;
  for (onnx::ValueInfoProto &input : *proto.mutable_input()) {
    if (!input.type().has_tensor_type() ||
        !input.type().tensor_type().has_shape())
      continue;
    for (onnx::TensorShapeProto::Dimension &dim : *input.mutable_type()
                                                       ->mutable_tensor_type()
                                                       ->mutable_shape()
                                                       ->mutable_dim()) {
      if (!dim.has_dim_param())
        continue;
      auto it = options.dims.find(dim.dim_param());
      if (it == options.dims.end())
        continue;
      usedDims.insert(it->first);
      dim.set_dim_value(it->second);
    }
  }
  for (const auto &[name, value] : options.dims)
    if (!usedDims.count(name)) {
      error = "--onnx-dim names '" + name +
              "', which no dynamic dim of the model's inputs is called";
      return false;
    }
  // libonnx's shape inference divides by some attributes unchecked (a
  // zero stride is a SIGFPE inside it): reject those first.
  for (const onnx::NodeProto &node : proto.node()) {
    std::string where = "node '" + node.name() + "' (" + node.op_type() + ")";
    if (node.output_size() == 0) {
      error = where + " has no outputs";
      return false;
    }
    for (const onnx::AttributeProto &attribute : node.attribute()) {
      const std::string &name = attribute.name();
      if (name != "strides" && name != "dilations" && name != "kernel_shape" &&
          name != "blocksize")
        continue;
      bool positive =
          attribute.i() > 0 || attribute.type() != onnx::AttributeProto::INT;
      for (int64_t value : attribute.ints())
        positive &= value > 0;
      if (!positive) {
        error = where + ": attribute '" + name + "' must be positive";
        return false;
      }
    }
  }
  // Shape inference recomputes intermediate types from the inputs; old
  // value infos would hold the symbolic dims just given values.
  proto.clear_value_info();
  for (onnx::ValueInfoProto &output : *proto.mutable_output())
    if (output.type().has_tensor_type())
      output.mutable_type()->mutable_tensor_type()->clear_shape();
  if (!inferShapesIsolated(model, error))
    return false;

  std::set<std::string> initializerNames;
  for (onnx::TensorProto &initializer : *proto.mutable_initializer()) {
    TensorData tensor;
    int64_t count = saturatingProduct(
        {initializer.dims().begin(), initializer.dims().end()});
    bool wantValues = !isFloatType(initializer.data_type()) ||
                      options.keepWeights || count <= options.smallTensorLimit;
    if (!readTensor(initializer, wantValues, tensor, error)) {
      error = "initializer '" + initializer.name() + "' " + error;
      return false;
    }
    ValueType type;
    type.elementType = tensor.elementType;
    type.hasShape = true;
    type.dims = tensor.dims;
    type.dimNames.assign(tensor.dims.size(), "");
    graph.types[initializer.name()] = type;
    initializerNames.insert(initializer.name());
    graph.initializers[initializer.name()] = std::move(tensor);
  }
  auto addType = [&](const onnx::ValueInfoProto &info) {
    if (!graph.types.count(info.name()))
      graph.types[info.name()] = readType(info.type());
  };
  for (const onnx::ValueInfoProto &input : proto.input()) {
    addType(input);
    if (!initializerNames.count(input.name()))
      graph.inputs.push_back(input.name());
  }
  for (const onnx::ValueInfoProto &info : proto.value_info())
    addType(info);
  for (const onnx::ValueInfoProto &output : proto.output()) {
    addType(output);
    graph.outputs.push_back(output.name());
  }

  graph.nodes.reserve(proto.node_size());
  for (onnx::NodeProto &nodeProto : *proto.mutable_node()) {
    Node node;
    node.opType = nodeProto.op_type();
    node.domain = nodeProto.domain();
    node.name = nodeProto.name();
    node.inputs.assign(nodeProto.input().begin(), nodeProto.input().end());
    node.outputs.assign(nodeProto.output().begin(), nodeProto.output().end());
    for (onnx::AttributeProto &attributeProto :
         *nodeProto.mutable_attribute()) {
      Attribute attribute;
      if (!readAttribute(attributeProto, options, attribute, error)) {
        error = "node '" + node.name + "' (" + node.opType + "): attribute '" +
                attributeProto.name() + "' " + error;
        return false;
      }
      node.attributes[attributeProto.name()] = std::move(attribute);
    }
    graph.nodes.push_back(std::move(node));
  }
  return true;
}
