#!/usr/bin/python3
"""Writes small hand-built ONNX graphs (python3-onnx's helper) into OUTDIR,
one file per op form or bad input the importer tests cover.

    /usr/bin/python3 make-graphs.py OUTDIR"""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save

F = TensorProto.FLOAT
I64 = TensorProto.INT64


def tensor(name, shape, elem=F):
    return helper.make_tensor_value_info(name, elem, shape)


def weight(name, shape, value=0.5):
    return numpy_helper.from_array(np.full(shape, value, dtype=np.float32), name)


def ints(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def write(out, name, nodes, inputs, outputs, inits=(), opset=13, output_types=None,
          domains=()):
    graph = helper.make_graph(nodes, name, inputs,
                              output_types or [tensor(o, None) for o in outputs],
                              initializer=list(inits))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)]
                              + [helper.make_opsetid(d, 1) for d in domains],
                              producer_name="make-graphs")
    model.ir_version = 8
    save(model, os.path.join(out, name + ".onnx"))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = helper.make_node

    # Convolutions.
    write(out, "conv_pads", [n("Conv", ["x", "w", "b"], ["y"], name="/stem/conv/Conv",
                               pads=[1, 2, 1, 2], strides=[2, 2], dilations=[2, 1])],
          [tensor("x", [1, 3, 17, 16])], ["y"], [weight("w", [8, 3, 3, 3]), weight("b", [8])])
    write(out, "conv_same", [n("Conv", ["x", "w"], ["y"], name="same", auto_pad="SAME_UPPER",
                               strides=[2, 2])],
          [tensor("x", [1, 4, 15, 15])], ["y"], [weight("w", [6, 4, 4, 4])])
    write(out, "conv_groups", [n("Conv", ["x", "w"], ["y"], name="grouped", group=2)],
          [tensor("x", [1, 4, 8, 8])], ["y"], [weight("w", [6, 2, 3, 3])])
    write(out, "conv_depthwise", [n("Conv", ["x", "w"], ["y"], name="dw", group=4, pads=[1, 1, 1, 1])],
          [tensor("x", [1, 4, 8, 8])], ["y"], [weight("w", [8, 1, 3, 3])])
    write(out, "conv_1d", [n("Conv", ["x", "w"], ["y"], name="c1d", strides=[2])],
          [tensor("x", [1, 4, 20])], ["y"], [weight("w", [5, 4, 3])])
    write(out, "conv_3d", [n("Conv", ["x", "w"], ["y"], name="c3d", pads=[1, 1, 1, 1, 1, 1])],
          [tensor("x", [1, 2, 4, 6, 6])], ["y"], [weight("w", [3, 2, 3, 3, 3])])
    write(out, "conv_transpose", [n("ConvTranspose", ["x", "w"], ["y"], name="up", strides=[2, 2],
                                    pads=[1, 1, 1, 1], output_padding=[1, 1])],
          [tensor("x", [1, 4, 5, 5])], ["y"], [weight("w", [4, 3, 3, 3])])

    # Products.
    write(out, "gemm", [n("Gemm", ["a", "w", "c"], ["y"], name="/fc/Gemm", transB=1, alpha=2.0, beta=0.5)],
          [tensor("a", [3, 10])], ["y"], [weight("w", [7, 10]), weight("c", [7])])
    write(out, "matmul_shared_rhs", [n("MatMul", ["a", "w"], ["y"], name="mm")],
          [tensor("a", [2, 3, 4, 5])], ["y"], [weight("w", [5, 6])])
    write(out, "matmul_shared_lhs", [n("MatMul", ["w", "b"], ["y"], name="mm")],
          [tensor("b", [2, 3, 5, 6])], ["y"], [weight("w", [4, 5])])
    write(out, "matmul_broadcast", [n("MatMul", ["a", "b"], ["y"], name="mm")],
          [tensor("a", [2, 1, 4, 5]), tensor("b", [1, 3, 5, 6])], ["y"])
    write(out, "matmul_vector", [n("MatMul", ["a", "b"], ["y"], name="mv")],
          [tensor("a", [3, 4, 5]), tensor("b", [5])], ["y"])

    write(out, "einsum", [n("Einsum", ["a", "b"], ["y"], name="/attn/Einsum", equation="B I J, B J K -> B K I"),
                          n("Einsum", ["y", "c"], ["z"], name="/attn/Einsum_1", equation="bki,ix")],
          [tensor("a", [2, 3, 4]), tensor("b", [2, 4, 5]), tensor("c", [3, 6])], ["z"])

    # Normalization, activations, elementwise.
    write(out, "batchnorm", [n("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], name="bn", epsilon=1e-3)],
          [tensor("x", [1, 3, 4, 4])], ["y"],
          [weight("s", [3], 2.0), weight("b", [3], 1.0), weight("m", [3], 0.5), weight("v", [3], 3.999)])
    write(out, "activations", [
        n("Relu", ["x"], ["r"]),
        n("Clip", ["r", "lo", "hi"], ["c"]),
        n("Sigmoid", ["c"], ["s"]),
        n("HardSigmoid", ["s"], ["hs"], alpha=0.25, beta=0.4),
        n("HardSwish", ["hs"], ["hw"]),
        n("Erf", ["hw"], ["e"]),
        n("Tanh", ["e"], ["t"]),
        n("Sqrt", ["t"], ["q"]),
        n("Pow", ["q", "two"], ["p"]),
        n("Div", ["p", "x"], ["d"]),
        n("Sub", ["d", "bias"], ["u"]),
        n("Mul", ["u", "bias"], ["m"]),
        n("Add", ["m", "x"], ["y"])],
        [tensor("x", [2, 3, 4])], ["y"],
        [numpy_helper.from_array(np.array(0.0, dtype=np.float32), "lo"),
         numpy_helper.from_array(np.array(6.0, dtype=np.float32), "hi"),
         numpy_helper.from_array(np.array(2.0, dtype=np.float32), "two"),
         weight("bias", [4])], opset=14)
    write(out, "more_elementwise", [
        n("Exp", ["x"], ["e"]),
        n("Log", ["e"], ["l"]),
        n("Neg", ["l"], ["g"]),
        n("Abs", ["g"], ["a"]),
        n("Reciprocal", ["a"], ["r"]),
        n("Max", ["r", "x"], ["mx"]),
        n("Min", ["mx", "x"], ["mn"]),
        n("Gelu", ["mn"], ["y"])],
        [tensor("x", [2, 3])], ["y"], opset=17)
    write(out, "clip_attrs", [n("Clip", ["x"], ["y"], min=-1.0, max=1.0)],
          [tensor("x", [2, 3])], ["y"], opset=9)
    write(out, "softmax_13", [n("Softmax", ["x"], ["y"], axis=1)], [tensor("x", [2, 3, 4])], ["y"])
    write(out, "softmax_11", [n("Softmax", ["x"], ["y"], axis=1)], [tensor("x", [2, 3, 4])], ["y"], opset=11)
    write(out, "layernorm", [n("LayerNormalization", ["x", "s", "b"], ["y"], axis=-1, epsilon=1e-5)],
          [tensor("x", [2, 5, 8])], ["y"], [weight("s", [8]), weight("b", [8])], opset=17)
    write(out, "reducemean", [n("ReduceMean", ["x"], ["y"], axes=[-1, 1], keepdims=0)],
          [tensor("x", [2, 3, 4])], ["y"])

    write(out, "reductions", [
        n("ReduceSum", ["x", "axes"], ["s"], keepdims=1),
        n("ReduceMax", ["s"], ["m"], axes=[2], keepdims=0),
        n("ReduceMin", ["m"], ["y"], axes=[0], keepdims=1)],
        [tensor("x", [2, 3, 4])], ["y"], [ints("axes", [1])])
    write(out, "more_activations", [
        n("LeakyRelu", ["x"], ["l"], alpha=0.1),
        n("PRelu", ["l", "slope"], ["p"]),
        n("Elu", ["p"], ["e"], alpha=0.5),
        n("Selu", ["e"], ["s"]),
        n("Softplus", ["s"], ["y"])],
        [tensor("x", [1, 3, 2, 2])], ["y"], [weight("slope", [3, 1, 1], 0.25)], opset=13)
    write(out, "mish_celu", [n("Mish", ["x"], ["m"]), n("Celu", ["m"], ["y"], alpha=2.0)],
          [tensor("x", [2, 3])], ["y"], opset=18)

    # Resizing: FPN's nearest upsampling to a computed size (Shape, Slice,
    # Concat into `sizes`), scales at opset 11 (empty roi), Upsample at
    # opset 9, and a bilinear downsampling; each feeds a 1x1 conv.
    write(out, "resize_sizes", [
        n("Shape", ["big"], ["shape"]),
        n("Slice", ["shape", "two", "four"], ["hw"]),
        n("Concat", ["nc", "hw"], ["sizes"], axis=0),
        n("Resize", ["small", "", "", "sizes"], ["up"], name="/fpn/Resize", mode="nearest"),
        n("Conv", ["up", "w"], ["y"], name="/fpn/conv")],
        [tensor("small", [1, 4, 5, 7]), tensor("big", [1, 4, 10, 13])], ["y"],
        [ints("two", [2]), ints("four", [4]), ints("nc", [1, 4]), weight("w", [2, 4, 1, 1])])
    write(out, "resize_scales", [
        n("Resize", ["x", "roi", "scales"], ["y"], mode="linear",
          coordinate_transformation_mode="align_corners")],
        [tensor("x", [1, 2, 8, 6])], ["y"],
        [numpy_helper.from_array(np.zeros([0], dtype=np.float32), "roi"),
         numpy_helper.from_array(np.array([1, 1, 0.5, 0.4], dtype=np.float32), "scales")], opset=11)
    write(out, "upsample", [n("Upsample", ["x", "scales"], ["y"], mode="nearest")],
          [tensor("x", [1, 2, 3, 3])], ["y"],
          [numpy_helper.from_array(np.array([1, 1, 2, 2], dtype=np.float32), "scales")], opset=9)
    write(out, "resize_channels", [n("Resize", ["x", "", "scales"], ["y"], name="/bad/Resize")],
          [tensor("x", [1, 2, 3, 3])], ["y"],
          [numpy_helper.from_array(np.array([1, 2, 1, 1], dtype=np.float32), "scales")])

    # Pooling.
    write(out, "pools", [
        n("MaxPool", ["x"], ["m"], kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1),
        n("AveragePool", ["m"], ["a"], kernel_shape=[2, 2], pads=[1, 1, 0, 0]),
        n("GlobalAveragePool", ["a"], ["y"]),
        n("GlobalMaxPool", ["a"], ["z"])],
        [tensor("x", [1, 2, 10, 10])], ["y", "z"])

    # Data movement and shape computations (PyTorch's flatten and view).
    write(out, "shapes", [
        n("Shape", ["x"], ["shape"]),
        n("Gather", ["shape", "zero"], ["batch"], axis=0),
        n("Unsqueeze", ["batch", "axes0"], ["batch1"]),
        n("Concat", ["batch1", "minus1"], ["target"], axis=0),
        n("Reshape", ["x", "target"], ["flat"]),
        n("Transpose", ["flat"], ["t"], perm=[1, 0]),
        n("Slice", ["t", "starts", "ends", "axes0"], ["s"]),
        n("Split", ["s", "halves"], ["s1", "s2"], axis=0),
        n("Concat", ["s2", "s1"], ["c"], axis=0),
        n("Unsqueeze", ["c", "axes0"], ["u"]),
        n("Squeeze", ["u", "axes0"], ["q"]),
        n("Flatten", ["q"], ["f"], axis=0),
        n("Dropout", ["f"], ["d"]),
        n("Identity", ["d"], ["i"]),
        n("Cast", ["i"], ["y"], to=F)],
        [tensor("x", [2, 3, 4, 5])], ["y"],
        [ints("zero", 0), ints("axes0", [0]), ints("minus1", [-1]), ints("starts", [-50]),
         ints("ends", [1000]), ints("halves", [20, 30])])
    # Swin's patch merging: x[:, 0::2] and x[:, 1::2] on 9 (the first
    # takes 5 rows, so its last pair is padded).
    write(out, "strided_slice", [
        n("Slice", ["x", "s0", "e", "a", "st"], ["even"], name="even"),
        n("Slice", ["x", "s1", "e", "a", "st"], ["odd"], name="odd")],
        [tensor("x", [2, 9, 4])], ["even", "odd"],
        [ints("s0", [0]), ints("s1", [1]), ints("e", [100]), ints("a", [1]), ints("st", [2])])
    write(out, "opset11_attrs", [
        n("Unsqueeze", ["x"], ["u"], axes=[0]),
        n("Squeeze", ["u"], ["q"], axes=[0]),
        n("Split", ["q"], ["a", "b"], axis=1, split=[1, 2]),
        n("Concat", ["b", "a"], ["y"], axis=1)],
        [tensor("x", [2, 3])], ["y"], opset=11)
    write(out, "gather", [
        n("Gather", ["x", "one"], ["row"], axis=1),
        n("Gather", ["table", "ids"], ["emb"], axis=0),
        n("MatMul", ["row", "emb2"], ["y"])],
        [tensor("x", [2, 3, 4]), tensor("ids", [5], I64)], ["y", "emb"],
        [ints("one", 1), weight("table", [10, 4]), weight("emb2", [4, 4])])
    # ViT's class token: Expand to a shape with -1s replaced by 1s.
    write(out, "expand", [
        n("ConstantOfShape", ["rank"], ["ones"],
          value=numpy_helper.from_array(np.array([1], dtype=np.int64))),
        n("Equal", ["target", "minus1"], ["isneg"]),
        n("Where", ["isneg", "ones", "target"], ["shape"]),
        n("Expand", ["token", "shape"], ["y"])],
        [tensor("token", [1, 1, 8])], ["y"],
        [ints("rank", [3]), ints("minus1", -1), ints("target", [4, -1, 8])])
    write(out, "pad_constant", [
        n("Constant", [], ["pads"], value=numpy_helper.from_array(np.array([0, 0, 1, 2, 0, 0, 3, 4], dtype=np.int64))),
        n("Pad", ["x", "pads", "v"], ["y"], mode="constant")],
        [tensor("x", [1, 2, 3, 3])], ["y"],
        [numpy_helper.from_array(np.array(0.0, dtype=np.float32), "v")])

    # Weights with distinct values, for --onnx-drop-weights=false.
    write(out, "kept_weights", [n("Conv", ["x", "w"], ["y"], name="conv")],
          [tensor("x", [1, 4, 5, 5])], ["y"],
          [numpy_helper.from_array((np.arange(72, dtype=np.float32) / 4).reshape(2, 4, 3, 3), "w")])

    # Errors.
    write(out, "unsupported", [
        n("Relu", ["x"], ["r"], name="relu"),
        n("LpNormalization", ["r"], ["l"], name="/head/norm/LpNormalization"),
        n("Relu", ["l"], ["l2"], name="after"),
        n("Hardmax", ["x"], ["h"], name="/head/pick/Hardmax"),
        n("MatMul", ["r", "w"], ["y"], name="/head/fc/MatMul")],
        [tensor("x", [2, 4])], ["y", "l2", "h"], [weight("w", [4, 3])])
    write(out, "dynamic_batch", [n("Relu", ["x"], ["y"])],
          [tensor("x", ["batch", 4])], ["y"])
    write(out, "missing_initializer", [n("MatMul", ["x", "w"], ["y"], name="/fc/MatMul")],
          [tensor("x", [2, 4])], ["y"])
    write(out, "opset_too_new", [n("Relu", ["x"], ["y"])], [tensor("x", [2])], ["y"], opset=99)
    write(out, "custom_domain", [helper.make_node("Fancy", ["x"], ["y"], name="fancy", domain="com.example")],
          [tensor("x", [2])], ["y"], output_types=[tensor("y", [2])], domains=["com.example"])
    write(out, "bad_group", [n("Conv", ["x", "w"], ["y"], name="conv", group=3)],
          [tensor("x", [1, 4, 8, 8])], ["y"], [weight("w", [6, 2, 3, 3])])
    write(out, "reversed_slice", [n("Slice", ["x", "s", "e", "a", "st"], ["y"], name="reversed")],
          [tensor("x", [8, 4])], ["y"], [ints("s", [-1]), ints("e", [-9]), ints("a", [0]), ints("st", [-1])])
    write(out, "einsum_diagonal", [n("Einsum", ["a", "b"], ["y"], name="trace", equation="ii,ij->j")],
          [tensor("a", [3, 3]), tensor("b", [3, 4])], ["y"])
    write(out, "reflect_pad", [n("Pad", ["x", "p"], ["y"], name="reflect", mode="reflect")],
          [tensor("x", [1, 2, 3, 3])], ["y"], [ints("p", [0, 0, 1, 1, 0, 0, 1, 1])])
    # Inputs on which libonnx's own shape inference divides by zero or
    # reads out of bounds (found by the fuzzer).
    write(out, "zero_stride", [n("MaxPool", ["x"], ["y"], name="pool", kernel_shape=[3, 3], strides=[2, 0])],
          [tensor("x", [1, 2, 8, 8])], ["y"])
    write(out, "rank_mismatch", [n("Conv", ["x", "w"], ["y"], name="conv")],
          [tensor("x", [1, 4, 8])], ["y"], [weight("w", [6, 4, 3, 3])])
    write(out, "zero_sized", [n("Relu", ["x"], ["y"], name="relu")],
          [tensor("x", [2, 0, 3])], ["y"])
    data = open(os.path.join(out, "conv_pads.onnx"), "rb").read()
    open(os.path.join(out, "truncated.onnx"), "wb").write(data[: len(data) // 2])
    open(os.path.join(out, "not_onnx.onnx"), "wb").write(b"\xff\xff\xff\xff this is not a protobuf")


if __name__ == "__main__":
    main()
