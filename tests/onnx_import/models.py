"""ONNX models for the import tests: torch modules exported with torch.onnx (both of its
exporters), real architectures in small sizes, and an old-opset graph written with onnx.helper."""

from __future__ import annotations

import io
import logging
import warnings

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn
from torch.nn import functional as F

from dlplayground.compile.module import build_model
from dlplayground.export.exporter import export_model
from dlplayground.onnx_import import ImportResult
from dlplayground.onnx_import.verify import relative_difference, run_onnx


def randomise(module: nn.Module, seed: int = 0) -> nn.Module:
    """Non-trivial weights and BatchNorm statistics, so every mapped tensor matters."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, tensor in module.state_dict().items():
            if tensor.dtype.is_floating_point:
                values = torch.randn(tensor.shape, generator=generator) * 0.5
                tensor.copy_(values.abs() + 0.5 if name.endswith("running_var") else values)
    return module.eval()


def to_onnx(module: nn.Module, sample_shape: tuple[int, ...], dynamo: bool = True, opset: int = 18,
            input_name: str = "x") -> onnx.ModelProto:
    """Export with torch.onnx: the dynamo exporter, or the TorchScript one (older graphs)."""
    module = randomise(module)
    x = torch.randn(2, *sample_shape)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        try:
            if dynamo:
                program = torch.onnx.export(module, (x,), dynamo=True, opset_version=opset, verbose=False,
                                            dynamic_shapes=({0: torch.export.Dim("batch")},))
                return program.model_proto
            buffer = io.BytesIO()
            torch.onnx.export(module, (x,), buffer, dynamo=False, opset_version=opset, input_names=[input_name],
                              dynamic_axes={input_name: {0: "batch"}})
            return onnx.load_from_string(buffer.getvalue())
        finally:
            logging.disable(logging.NOTSET)


def round_trip_difference(original: onnx.ModelProto, result: ImportResult, samples: int = 3) -> float:
    """Export the imported project again and compare it with the original under onnxruntime."""
    prepared = result.prepared
    shape = prepared.shapes[prepared.input_name][1:]
    model = build_model(result.project.graph).eval()
    model.load_state_dict_by_node({k: torch.from_numpy(np.array(v)) for k, v in result.imported.weights.items()})
    x = np.random.default_rng(1).standard_normal((samples, *shape)).astype(np.float32)
    exported = export_model(model, result.project.graph, x[:2], np.zeros(1), np.ones(1))
    batch = prepared.batch if prepared.fixed_batch else None
    expected = run_onnx(original, x, batch)
    got = run_onnx(exported, x)
    return relative_difference(expected, got)[1]


# -- torch models covering every mapped operator -------------------------------------------
class ConvNet(nn.Module):
    """Conv2d (groups, dilation, pads), BatchNorm2d, pooling with padding and ceil mode, LRN,
    GlobalAveragePool, a per-channel affine, Concat, Add, Flatten, Gemm. torch's dynamo
    exporter writes LRN as a dozen element-wise ops and the TorchScript one as an ``If`` on the
    input's rank, so neither maps; the old-opset graph has an LRN op."""

    def __init__(self, lrn: bool = False) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.grouped = nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=4, bias=False)
        self.strided = nn.Conv2d(8, 6, (3, 1), stride=2, padding=(1, 0))
        self.lrn = nn.LocalResponseNorm(3) if lrn else nn.Identity()
        self.fc = nn.Linear(6 + 8, 5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.relu(self.bn(self.conv(x)))
        y = y + self.grouped(y)
        y = F.max_pool2d(y, 3, stride=2, padding=1, ceil_mode=True)
        branch = F.avg_pool2d(y * 1.5 - 0.25, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)
        y = self.lrn(self.strided(y))
        y = F.avg_pool2d(y, 2, ceil_mode=True)
        pooled = torch.cat([F.adaptive_avg_pool2d(y, 1), F.adaptive_avg_pool2d(branch, 1)], dim=1)
        return self.fc(torch.flatten(pooled, 1))


class SequenceNet(nn.Module):
    """Conv1d, MaxPool1d, BatchNorm1d, Transpose, MatMul + Add (Linear over time steps), three-way Add."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv1d(4, 6, 3, padding=1, dilation=1)
        self.bn = nn.BatchNorm1d(6)
        self.fc = nn.Linear(6, 5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.max_pool1d(self.bn(self.conv(x)), 2)
        t = self.fc(y.transpose(1, 2))
        return (t + torch.tanh(t) + torch.sigmoid(t)).reshape(t.shape[0], -1, 5)


class Activations(nn.Module):
    """Gemm, LeakyReLU, ELU, GELU (Erf or Gelu), Sigmoid, Tanh, Softmax, Reshape, Flatten."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(6, 12), nn.Linear(12, 12), nn.Linear(12, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.leaky_relu(self.fc1(x), 0.2)
        y = F.gelu(F.elu(self.fc2(y), 0.7))
        y = torch.tanh(torch.sigmoid(y)).view(y.size(0), 3, 4)
        return torch.softmax(self.fc3(y.view(y.size(0), -1)), dim=1)


class Recurrent(nn.Module):
    def __init__(self, kind: str, bidirectional: bool, last: bool) -> None:
        super().__init__()
        self.rnn = getattr(nn, kind)(3, 5, batch_first=True, bidirectional=bidirectional)
        self.last = last

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(x)
        return out[:, -1] if self.last else out


# -- real architectures (small) --------------------------------------------------------------
class BasicBlock(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(y + (x if self.down is None else self.down(x)))


class ResNet(nn.Module):
    """ResNet-18's shape at small width: a stem, residual stages with projections, a head."""

    def __init__(self, width: int = 8, classes: int = 10) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, width, 7, 2, 3, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                                  nn.MaxPool2d(3, 2, 1))
        stages, cin = [], width
        for index, cout in enumerate((width, 2 * width, 4 * width, 8 * width)):
            stride = 1 if index == 0 else 2
            stages += [BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)]
            cin = cout
        self.stages = nn.Sequential(*stages)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(self.stages(self.stem(x)), 1), 1))


class InceptionModule(nn.Module):
    def __init__(self, cin: int, c1: int, c3: int, c5: int, cp: int) -> None:
        super().__init__()
        self.b1 = nn.Sequential(nn.Conv2d(cin, c1, 1), nn.ReLU())
        self.b3 = nn.Sequential(nn.Conv2d(cin, c3, 1), nn.ReLU(), nn.Conv2d(c3, c3, 3, padding=1), nn.ReLU())
        self.b5 = nn.Sequential(nn.Conv2d(cin, c5, 1), nn.ReLU(), nn.Conv2d(c5, c5, 5, padding=2), nn.ReLU())
        self.bp = nn.Sequential(nn.MaxPool2d(3, 1, 1), nn.Conv2d(cin, cp, 1), nn.ReLU())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.b1(x), self.b3(x), self.b5(x), self.bp(x)], 1)


class GoogLeNet(nn.Module):
    """Inception-style: 1x1 reductions in four branches joined by Concat, LRN in the stem."""

    def __init__(self, classes: int = 10) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True))
        self.a = InceptionModule(16, 8, 12, 4, 4)
        self.b = InceptionModule(28, 12, 16, 6, 6)
        self.pool = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.c = InceptionModule(40, 16, 16, 8, 8)
        self.drop = nn.Dropout(0.4)
        self.fc = nn.Linear(48, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.c(self.pool(self.b(self.a(self.stem(x)))))
        return self.fc(self.drop(torch.flatten(F.adaptive_avg_pool2d(y, 1), 1)))


class DenseLayer(nn.Module):
    def __init__(self, cin: int, growth: int) -> None:
        super().__init__()
        self.bn1, self.conv1 = nn.BatchNorm2d(cin), nn.Conv2d(cin, 2 * growth, 1, bias=False)
        self.bn2, self.conv2 = nn.BatchNorm2d(2 * growth), nn.Conv2d(2 * growth, growth, 3, padding=1, bias=False)

    def forward(self, features: list[torch.Tensor]) -> torch.Tensor:
        y = self.conv1(F.relu(self.bn1(torch.cat(features, 1))))
        return self.conv2(F.relu(self.bn2(y)))


class DenseNet(nn.Module):
    """DenseNet-style: every layer of a block reads the Concat of all earlier outputs; transitions
    with 1x1 convolutions and average pooling."""

    def __init__(self, growth: int = 4, layers: int = 3, classes: int = 10) -> None:
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        channels = 8
        self.blocks, self.transitions = nn.ModuleList(), nn.ModuleList()
        for index in range(2):
            block = nn.ModuleList()
            for layer in range(layers):
                block.append(DenseLayer(channels + layer * growth, growth))
            self.blocks.append(block)
            channels += layers * growth
            if index == 0:
                self.transitions.append(nn.Sequential(nn.BatchNorm2d(channels), nn.ReLU(),
                                                      nn.Conv2d(channels, channels // 2, 1, bias=False),
                                                      nn.AvgPool2d(2)))
                channels //= 2
        self.norm = nn.BatchNorm2d(channels)
        self.fc = nn.Linear(channels, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.stem(x)
        for index, block in enumerate(self.blocks):
            features = [y]
            for layer in block:
                features.append(layer(features))
            y = torch.cat(features, 1)
            if index < len(self.transitions):
                y = self.transitions[index](y)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(F.relu(self.norm(y)), 1), 1))


# -- an older-opset graph, as Caffe2- and TensorFlow-era converters wrote them --------------
def old_opset_model(opset: int = 8, batch: int = 1) -> onnx.ModelProto:
    """Conv, BatchNormalization, Relu, MaxPool, Sum of three, Dropout (ratio attribute), Reshape
    to a literal [batch, -1], Gemm, Softmax; fixed batch; input and output names with slashes."""
    rng = np.random.default_rng(3)

    def const(name: str, *shape: int, positive: bool = False) -> onnx.TensorProto:
        values = rng.standard_normal(shape).astype(np.float32) * 0.5
        return numpy_helper.from_array(np.abs(values) + 0.5 if positive else values, name)

    inits = [const("w1", 4, 1, 3, 3), const("b1", 4), const("scale", 4), const("bias", 4), const("mean", 4),
             const("var", 4, positive=True), const("w2", 4, 4, 1, 1), const("fcw", 36, 5), const("fcb", 5),
             numpy_helper.from_array(np.asarray([batch, -1], np.int64), "flat_shape")]
    if opset >= 12:
        inits.append(numpy_helper.from_array(np.asarray(0.3, np.float32), "drop_ratio"))
    nodes = [
        helper.make_node("Conv", ["data/input:0", "w1", "b1"], ["c1"], name="conv1/Conv2D", kernel_shape=[3, 3],
                         pads=[1, 1, 1, 1]),
        helper.make_node("BatchNormalization", ["c1", "scale", "bias", "mean", "var"], ["bn1"], name="bn1",
                         epsilon=1e-3),
        helper.make_node("Relu", ["bn1"], ["r0"], name="relu1"),
        helper.make_node("LRN", ["r0"], ["r1"], name="norm1", size=3, alpha=2e-4, beta=0.7, bias=1.5),
        helper.make_node("Conv", ["r1", "w2"], ["c2"], name="conv2/Conv2D", kernel_shape=[1, 1]),
        helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
        helper.make_node("Sum", ["r1", "c2", "r2"], ["s"], name="sum3"),
        helper.make_node("MaxPool", ["s"], ["p"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
        # the ratio is an attribute up to opset 11, an input from opset 12 on
        helper.make_node("Dropout", ["p"], ["d"], name="drop", ratio=0.3) if opset < 12 else
        helper.make_node("Dropout", ["p", "drop_ratio"], ["d"], name="drop"),
        helper.make_node("Reshape", ["d", "flat_shape"], ["f"], name="flatten/Reshape"),
        helper.make_node("Gemm", ["f", "fcw", "fcb"], ["g"], name="fc/MatMul", alpha=0.5, beta=2.0),
        helper.make_node("Softmax", ["g"], ["prob/out:0"], name="prob", axis=1),
    ]
    graph = helper.make_graph(
        nodes, "old", [helper.make_tensor_value_info("data/input:0", TensorProto.FLOAT, [batch, 1, 6, 6])],
        [helper.make_tensor_value_info("prob/out:0", TensorProto.FLOAT, [batch, 5])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="caffe2-like")
    model.ir_version = 4 if opset <= 9 else 7
    onnx.checker.check_model(model)
    return model


def unmappable_model() -> onnx.ModelProto:
    """A Relu, then a Slice and a Mul of two computed tensors, which the catalogue lacks."""
    nodes = [
        helper.make_node("Relu", ["x"], ["r"], name="relu"),
        helper.make_node("Slice", ["r", "starts", "ends", "axes"], ["s"], name="crop"),
        helper.make_node("Mul", ["s", "s"], ["y"], name="square"),
    ]
    inits = [numpy_helper.from_array(np.asarray(v, np.int64), n) for n, v in
             (("starts", [0]), ("ends", [2]), ("axes", [1]))]
    graph = helper.make_graph(nodes, "bad", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
