#!/usr/bin/python3
"""Exports PyTorch models to ONNX as a user would (torch.onnx.export, random
weights, batch 1) and writes, next to each NAME.onnx, NAME.macs: the MACs of
its convolutions, linear layers and matrix products, counted while PyTorch
runs the model -- a counter independent of the importer and of Union.

    /usr/bin/python3 export-models.py OUTDIR NAME@OPSET...

NAME is a torchvision.models constructor, `segmentation.<constructor>`
(torchvision.models.segmentation), `fpn_resnet50` (Faster R-CNN's
ResNet-50 + FPN backbone, 320x320) or `transformer_encoder` (a
BERT-base-sized torch.nn.TransformerEncoderLayer, sequence 128).
Prints `skipped: <why>` and exits 0 when torch, torchvision or onnx is
missing (lit then marks the test unsupported through the `onnx-python`
feature; this is for running the script by hand)."""
import os
import sys
import warnings

try:
    import torch
    import torchvision
    from torch.overrides import TorchFunctionMode
except ImportError as error:
    print("skipped: %s" % error)
    sys.exit(0)

F = torch.nn.functional


def product(values):
    result = 1
    for value in values:
        result *= int(value)
    return result


class MacCounter(TorchFunctionMode):
    """Counts multiply-accumulates of every convolution, linear layer,
    matrix product and two-operand einsum PyTorch executes. Fused multi-head attention hides its
    projections and products inside one call, so that call is counted from
    its shapes instead: Q/K/V projections, scores, context, output
    projection."""

    def __init__(self):
        super().__init__()
        self.macs = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        result = func(*args, **kwargs)
        if func in (F.conv1d, F.conv2d, F.conv3d):
            weight = args[1] if len(args) > 1 else kwargs["weight"]
            # each output element: (in_channels / groups) x kernel MACs
            self.macs += result.numel() * product(weight.shape[1:])
        elif func in (F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d):
            weight = args[1] if len(args) > 1 else kwargs["weight"]
            # each input element meets (out_channels / groups) x kernel weights
            self.macs += args[0].numel() * product(weight.shape[1:])
        elif func is F.linear:
            weight = args[1] if len(args) > 1 else kwargs["weight"]
            self.macs += result.numel() * weight.shape[1]
        elif func in (torch.matmul, torch.bmm, torch.mm, torch.Tensor.matmul,
                      torch.Tensor.__matmul__, torch.Tensor.bmm, torch.Tensor.mm):
            self.macs += result.numel() * args[0].shape[-1]
        elif func is torch.einsum:
            # two operands: every letter's size once (batch x free x free x
            # contracted)
            equation = args[0].replace(" ", "")
            operands = args[1] if isinstance(args[1], (list, tuple)) else args[1:]
            if len(operands) == 2 and "..." not in equation:
                sizes = {}
                for term, operand in zip(equation.split("->")[0].split(","), operands):
                    sizes.update(zip(term, operand.shape))
                self.macs += product(sizes.values())
        elif func is F.multi_head_attention_forward:
            query, key = args[0], args[1]  # (L, N, E) and (S, N, E)
            length, batch, embed = query.shape
            source = key.shape[0]
            self.macs += batch * (length * embed * embed          # Q
                                  + 2 * source * embed * embed    # K, V
                                  + 2 * length * source * embed   # scores, context
                                  + length * embed * embed)       # output
        return result


class Values(torch.nn.Module):
    """Detection backbones and segmentation models return dicts; the
    exporter wants tensors."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return tuple(self.model(x).values())


def build(name):
    if name == "fpn_resnet50":
        # Faster R-CNN's backbone: ResNet-50 and a feature pyramid, whose
        # top-down path upsamples (Resize) to the next level's size.
        from torchvision.models.detection.backbone_utils import resnet_fpn_backbone
        return (Values(resnet_fpn_backbone(backbone_name="resnet50", weights=None)),
                torch.randn(1, 3, 320, 320))
    if name.startswith("segmentation."):
        model = getattr(torchvision.models.segmentation, name.split(".")[1])
        return Values(model(weights=None, weights_backbone=None)), torch.randn(1, 3, 224, 224)
    if name == "transformer_encoder":
        model = torch.nn.TransformerEncoderLayer(768, 12, 3072, batch_first=True)
        return model, torch.randn(1, 128, 768)
    model = getattr(torchvision.models, name)()
    size = 299 if name == "inception_v3" else 224
    return model, torch.randn(1, 3, size, size)


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    warnings.filterwarnings("ignore")
    torch.manual_seed(0)
    for spec in sys.argv[2:]:
        name, opset = spec.split("@")
        model, example = build(name)
        model.eval()
        # Grad stays on, here and in the export: with it off, eval-mode
        # transformer layers take a fused fast path (which no counter sees
        # and the exporter rejects).
        counter = MacCounter()
        with counter:
            model(example)
        torch.onnx.export(model, example, os.path.join(out_dir, name + ".onnx"),
                          opset_version=int(opset))
        with open(os.path.join(out_dir, name + ".macs"), "w") as f:
            f.write("%d\n" % counter.macs)
        print("%s opset %s: %d MACs" % (name, opset, counter.macs))


if __name__ == "__main__":
    main()
