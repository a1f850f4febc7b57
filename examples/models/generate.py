#!/usr/bin/env python3
"""Writes the bundled model workloads of examples/models/ as an exporter
would: TOSA (MLIR 22 syntax, NHWC, f32) for ResNet-50, MobileNetV2, VGG16
and a BERT-base encoder layer, linalg.generic for the TCCG tensor
contractions. Weights are splat constants (the shapes are what matter).

    python3 examples/models/generate.py [output dir]

Layer shapes: He et al. 2016 (ResNet-50 v1.5, stride on the 3x3 conv, as
torchvision), Sandler et al. 2018 (MobileNetV2 1.0, 224), Simonyan and
Zisserman 2015 (VGG16 D), Devlin et al. 2019 (BERT-base: hidden 768, 12
heads, FFN 3072; sequence length 128), Springer et al. (TCCG benchmark).
TOSA needs (in - 1 + pads - (k - 1)) divisible by the stride, so padding
is split as TensorFlow's SAME does (the extra row at the bottom/right),
and a stride-2 1x1 conv reads a slice of the input (all a real exporter
can do)."""
import os
import sys


class Writer:
    def __init__(self, name):
        self.name = name
        self.lines = []
        self.counter = 0

    def value(self):
        self.counter += 1
        return "%%v%d" % self.counter

    def emit(self, text):
        self.lines.append("  " + text)

    def const(self, shape, value="0.01"):
        v = self.value()
        t = tensor(shape)
        self.emit('%s = "tosa.const"() <{values = dense<%s> : %s}> : () -> %s'
                  % (v, value, t, t))
        return v

    def shape_const(self, values):
        v = self.value()
        self.emit("%s = tosa.const_shape {values = dense<[%s]> : tensor<%dxindex>} "
                  ": () -> !tosa.shape<%d>"
                  % (v, ", ".join(map(str, values)), len(values), len(values)))
        return v


def tensor(shape):
    return "tensor<%sxf32>" % "x".join(map(str, shape))


def same_pads(size, kernel, stride):
    """TensorFlow SAME padding; returns (before, after, output)."""
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2, out


class Tosa(Writer):
    def __init__(self, name):
        super().__init__(name)
        self.zp = None

    def zero_point(self):
        if self.zp is None:
            self.zp = self.const([1], "0.0")
        return self.zp

    def conv(self, x, shape, k, cout, stride=1, pad="same", name=None):
        n, h, w, c = shape
        if pad == "same":
            pt, pb, oh = same_pads(h, k, stride)
            pl, pr, ow = same_pads(w, k, stride)
        else:
            pt = pb = pl = pr = 0
            oh, ow = (h - k) // stride + 1, (w - k) // stride + 1
        # TOSA needs an exact fit: drop the input rows/columns the last
        # window never reaches.
        need_h = (oh - 1) * stride + k - pt - pb
        need_w = (ow - 1) * stride + k - pl - pr
        if need_h < h or need_w < w:
            start, size = self.shape_const([0, 0, 0, 0]), self.shape_const([n, need_h, need_w, c])
            v = self.value()
            self.emit("%s = tosa.slice %s, %s, %s : (%s, !tosa.shape<4>, !tosa.shape<4>) -> %s"
                      % (v, x, start, size, tensor(shape), tensor([n, need_h, need_w, c])))
            x, h, w = v, need_h, need_w
        weight = self.const([cout, k, k, c])
        bias = self.const([cout], "0.0")
        zp = self.zero_point()
        out = [n, oh, ow, cout]
        v = self.value()
        loc = ' loc("%s")' % name if name else ""
        self.emit("%s = tosa.conv2d %s, %s, %s, %s, %s {acc_type = f32, pad = array<i64: %d, %d, %d, %d>, "
                  "stride = array<i64: %d, %d>, dilation = array<i64: 1, 1>} : (%s, %s, %s, %s, %s) -> %s%s"
                  % (v, x, weight, bias, zp, zp, pt, pb, pl, pr, stride, stride, tensor([n, h, w, c]),
                     tensor([cout, k, k, c]), tensor([cout]), tensor([1]), tensor([1]), tensor(out), loc))
        return v, out

    def depthwise(self, x, shape, k, stride, name=None):
        n, h, w, c = shape
        pt, pb, oh = same_pads(h, k, stride)
        pl, pr, ow = same_pads(w, k, stride)
        weight = self.const([k, k, c, 1])
        bias = self.const([c], "0.0")
        zp = self.zero_point()
        out = [n, oh, ow, c]
        v = self.value()
        loc = ' loc("%s")' % name if name else ""
        self.emit("%s = tosa.depthwise_conv2d %s, %s, %s, %s, %s {acc_type = f32, pad = array<i64: %d, %d, %d, %d>, "
                  "stride = array<i64: %d, %d>, dilation = array<i64: 1, 1>} : (%s, %s, %s, %s, %s) -> %s%s"
                  % (v, x, weight, bias, zp, zp, pt, pb, pl, pr, stride, stride, tensor(shape),
                     tensor([k, k, c, 1]), tensor([c]), tensor([1]), tensor([1]), tensor(out), loc))
        return v, out

    def relu(self, x, shape, top="3.40282347E+38"):
        v = self.value()
        self.emit("%s = tosa.clamp %s {min_val = 0.0 : f32, max_val = %s : f32} : (%s) -> %s"
                  % (v, x, top, tensor(shape), tensor(shape)))
        return v

    def add(self, a, b, shape):
        v = self.value()
        self.emit("%s = tosa.add %s, %s : (%s, %s) -> %s" % (v, a, b, tensor(shape), tensor(shape), tensor(shape)))
        return v

    def max_pool(self, x, shape, k, stride, pad="same"):
        n, h, w, c = shape
        if pad == "same":
            pt, pb, oh = same_pads(h, k, stride)
            pl, pr, ow = same_pads(w, k, stride)
        else:
            pt = pb = pl = pr = 0
            oh, ow = (h - k) // stride + 1, (w - k) // stride + 1
        out = [n, oh, ow, c]
        v = self.value()
        self.emit("%s = tosa.max_pool2d %s {kernel = array<i64: %d, %d>, pad = array<i64: %d, %d, %d, %d>, "
                  "stride = array<i64: %d, %d>} : (%s) -> %s"
                  % (v, x, k, k, pt, pb, pl, pr, stride, stride, tensor(shape), tensor(out)))
        return v, out

    def global_avg_pool(self, x, shape):
        n, h, w, c = shape
        zp = self.zero_point()
        out = [n, 1, 1, c]
        v = self.value()
        self.emit("%s = tosa.avg_pool2d %s, %s, %s {acc_type = f32, kernel = array<i64: %d, %d>, "
                  "pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (%s, %s, %s) -> %s"
                  % (v, x, zp, zp, h, w, tensor(shape), tensor([1]), tensor([1]), tensor(out)))
        return v, out

    def reshape(self, x, shape, new):
        s = self.shape_const(new)
        v = self.value()
        self.emit("%s = tosa.reshape %s, %s : (%s, !tosa.shape<%d>) -> %s"
                  % (v, x, s, tensor(shape), len(new), tensor(new)))
        return v

    def transpose(self, x, shape, perms):
        out = [shape[p] for p in perms]
        v = self.value()
        self.emit("%s = tosa.transpose %s {perms = array<i32: %s>} : (%s) -> %s"
                  % (v, x, ", ".join(map(str, perms)), tensor(shape), tensor(out)))
        return v, out

    def matmul(self, a, ashape, b, bshape, name=None):
        zp = self.zero_point()
        out = [ashape[0], ashape[1], bshape[2]]
        v = self.value()
        loc = ' loc("%s")' % name if name else ""
        self.emit("%s = tosa.matmul %s, %s, %s, %s : (%s, %s, %s, %s) -> %s%s"
                  % (v, a, b, zp, zp, tensor(ashape), tensor(bshape), tensor([1]), tensor([1]),
                     tensor(out), loc))
        return v, out

    def dense(self, x, shape, units, name):
        """x: [1, features] as [1, 1, features] @ [1, features, units]."""
        w = self.const([1, shape[-1], units])
        return self.matmul(x, [1, 1, shape[-1]], w, [1, shape[-1], units], name)

    def function(self, input_shape, result, result_shape, header):
        return "\n".join([header,
                          "func.func @%s(%%input: %s) -> %s {" % (self.name, tensor(input_shape),
                                                                  tensor(result_shape))]
                         + self.lines + ["  return %s : %s" % (result, tensor(result_shape)), "}", ""])


def resnet50():
    m = Tosa("resnet50")
    x, s = m.conv("%input", [1, 224, 224, 3], 7, 64, 2, name="conv1")
    x = m.relu(x, s)
    x, s = m.max_pool(x, s, 3, 2)
    for stage, (blocks, width, stride) in enumerate([(3, 64, 1), (4, 128, 2), (6, 256, 2), (3, 512, 2)]):
        for b in range(blocks):
            name = "res%d%s" % (stage + 2, "abcdef"[b])
            st = stride if b == 0 else 1
            y, ys = m.conv(x, s, 1, width, 1, name=name + "_branch2a")
            y = m.relu(y, ys)
            y, ys = m.conv(y, ys, 3, width, st, name=name + "_branch2b")
            y = m.relu(y, ys)
            y, ys = m.conv(y, ys, 1, width * 4, 1, name=name + "_branch2c")
            if b == 0:
                x, s = m.conv(x, s, 1, width * 4, st, name=name + "_branch1")
            x = m.relu(m.add(x, y, ys), ys)
            s = ys
    x, s = m.global_avg_pool(x, s)
    x = m.reshape(x, s, [1, 1, 2048])
    x, s = m.dense(x, [1, 2048], 1000, "fc1000")
    return m.function([1, 224, 224, 3], x, s,
                      "// ResNet-50 v1.5 (torchvision layout), batch 1, 224x224: 53 convs and fc1000.")


def mobilenetv2():
    m = Tosa("mobilenetv2")
    x, s = m.conv("%input", [1, 224, 224, 3], 3, 32, 2, name="conv1")
    x = m.relu(x, s, "6.0")
    cin = 32
    index = 0
    for t, c, n, stride in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                            (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]:
        for i in range(n):
            index += 1
            st = stride if i == 0 else 1
            name = "block%d" % index
            y, ys = x, s
            if t != 1:
                y, ys = m.conv(y, ys, 1, cin * t, 1, name=name + "_expand")
                y = m.relu(y, ys, "6.0")
            y, ys = m.depthwise(y, ys, 3, st, name=name + "_dw")
            y = m.relu(y, ys, "6.0")
            y, ys = m.conv(y, ys, 1, c, 1, name=name + "_project")
            if st == 1 and cin == c:
                y = m.add(x, y, ys)
            x, s, cin = y, ys, c
    x, s = m.conv(x, s, 1, 1280, 1, name="conv_last")
    x = m.relu(x, s, "6.0")
    x, s = m.global_avg_pool(x, s)
    x = m.reshape(x, s, [1, 1, 1280])
    x, s = m.dense(x, [1, 1280], 1000, "fc")
    return m.function([1, 224, 224, 3], x, s,
                      "// MobileNetV2 1.0, batch 1, 224x224: depthwise and pointwise convs.")


def vgg16():
    m = Tosa("vgg16")
    x, s = "%input", [1, 224, 224, 3]
    for block, (convs, width) in enumerate([(2, 64), (2, 128), (3, 256), (3, 512), (3, 512)]):
        for i in range(convs):
            x, s = m.conv(x, s, 3, width, 1, name="conv%d_%d" % (block + 1, i + 1))
            x = m.relu(x, s)
        x, s = m.max_pool(x, s, 2, 2, pad="valid")
    x = m.reshape(x, s, [1, 1, 7 * 7 * 512])
    x, s = m.dense(x, [1, 7 * 7 * 512], 4096, "fc6")
    x = m.relu(x, s)
    x, s = m.dense(x, [1, 4096], 4096, "fc7")
    x = m.relu(x, s)
    x, s = m.dense(x, [1, 4096], 1000, "fc8")
    return m.function([1, 224, 224, 3], x, s, "// VGG16 (configuration D), batch 1, 224x224.")


def bert_layer():
    m = Tosa("bert_encoder_layer")
    seq, hidden, heads, ffn = 128, 768, 12, 3072
    head = hidden // heads
    x, s = "%input", [1, seq, hidden]

    def proj(v, vs, units, name):
        w = m.const([1, vs[2], units])
        return m.matmul(v, vs, w, [1, vs[2], units], name)

    def split_heads(v, perms):
        r = m.reshape(v, [1, seq, hidden], [seq, heads, head])
        return m.transpose(r, [seq, heads, head], perms)

    q, qs = proj(x, s, hidden, "query")
    k, ks = proj(x, s, hidden, "key")
    v, vs = proj(x, s, hidden, "value")
    q, qs = split_heads(q, [1, 0, 2])    # heads x seq x head
    k, ks = split_heads(k, [1, 2, 0])    # heads x head x seq
    v, vs = split_heads(v, [1, 0, 2])    # heads x seq x head
    scores, ss = m.matmul(q, qs, k, ks, "attention_scores")
    context, cs = m.matmul(scores, ss, v, vs, "attention_context")
    context, cs = m.transpose(context, cs, [1, 0, 2])
    context = m.reshape(context, cs, [1, seq, hidden])
    out, os_ = proj(context, [1, seq, hidden], hidden, "attention_output")
    x = m.add(x, out, os_)
    h, hs = proj(x, os_, ffn, "ffn_intermediate")
    h = m.relu(h, hs)
    y, ys = proj(h, hs, hidden, "ffn_output")
    y = m.add(x, y, ys)
    return m.function([1, seq, hidden], y, ys,
                      "// One BERT-base encoder layer, sequence length 128 (softmax and layer norms\n"
                      "// left out: they are not multiply-accumulates).")


# TCCG benchmark contractions (C-A-B index strings) with sizes per index.
TCCG = [
    ("abcd-aebf-fdec", 24),
    ("abc-adec-ebd", 32),
    ("abcd-ea-ebcd", 48),
    ("abcdef-dega-gfbc", 12),
    ("ab-ac-cb", 256),
    ("abcd-dbea-ec", 40),
]


def tccg():
    lines = ["// Tensor contractions of the TCCG benchmark (Springer and Bientinesi), written",
             "// as an exporter writes einsums: one linalg.generic each, loops in letter order."]
    for spec, size in TCCG:
        c, a, b = spec.split("-")
        letters = sorted(set(a + b + c))
        dims = ", ".join(letters)
        maps = ["affine_map<(%s) -> (%s)>" % (dims, ", ".join(t)) for t in (a, b, c)]
        iterators = ", ".join('"parallel"' if l in c else '"reduction"' for l in letters)
        ty = lambda t: "tensor<%sxf64>" % "x".join(str(size) for _ in t)
        name = spec.replace("-", "_")
        lines += ["func.func @%s(%%A: %s, %%B: %s, %%C: %s) -> %s {" % (name, ty(a), ty(b), ty(c), ty(c)),
                  "  %%0 = linalg.generic {indexing_maps = [%s], iterator_types = [%s]}" % (", ".join(maps), iterators),
                  "         ins(%%A, %%B : %s, %s) outs(%%C : %s) {" % (ty(a), ty(b), ty(c)),
                  "  ^bb0(%x: f64, %y: f64, %z: f64):",
                  "    %m = arith.mulf %x, %y : f64",
                  "    %s = arith.addf %z, %m : f64",
                  "    linalg.yield %s : f64",
                  "  } -> %s loc(\"%s\")" % (ty(c), spec),
                  "  return %%0 : %s" % ty(c),
                  "}", ""]
    return "\n".join(lines)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    files = {"resnet50.tosa.mlir": resnet50(), "mobilenetv2.tosa.mlir": mobilenetv2(),
             "vgg16.tosa.mlir": vgg16(), "bert-layer.tosa.mlir": bert_layer(),
             "tccg.linalg.mlir": tccg()}
    for name, text in files.items():
        with open(os.path.join(out, name), "w") as f:
            f.write("// Generated by examples/models/generate.py; do not edit.\n" + text)
    print("wrote " + ", ".join(sorted(files)))


if __name__ == "__main__":
    main()
