"""One mapping rule per ONNX operator: an ONNX node (and the nodes it absorbs) -> a catalogue layer.

A rule reads the node's attributes, its constant inputs (weights) and the static shapes of its
values, and returns a :class:`Layer`: a catalogue type with params, the weights under torch's
names, the ONNX values it reads and the value it produces. Patterns spanning several nodes
(MatMul + Add, a chain of per-channel Mul/Add, GELU written with Erf) are claimed by the rule
of their first node. A rule that cannot express a node raises :class:`Unmappable` with the reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import onnx

from dlplayground.graph.text import tx
from dlplayground.onnx_import.prepare import PreparedModel


class Unmappable(Exception):
    """The node has no equivalent in the catalogue; the message says why."""


@dataclass
class Layer:
    """One catalogue node made from one or more ONNX nodes."""

    type: str
    params: dict[str, Any]
    sources: list[str]
    output: str
    name: str
    op_type: str
    weights: dict[str, np.ndarray] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    #: the first ONNX node's index in the model's node list
    position: int = -1


@dataclass
class Alias:
    """A node that passes a value on unchanged (Identity, a Reshape to the same shape)."""

    source: str
    output: str


class Context:
    """What the rules read: constants, shapes, consumers; and which nodes are already claimed."""

    def __init__(self, prepared: PreparedModel) -> None:
        self.prepared = prepared
        self.consumers: dict[str, list[onnx.NodeProto]] = {}
        for node in prepared.nodes:
            for name in node.input:
                if name:
                    self.consumers.setdefault(name, []).append(node)
        self.claimed: set[int] = set()
        self.producer: dict[str, onnx.NodeProto] = {out: node for node in prepared.nodes for out in node.output if out}

    def is_const(self, name: str) -> bool:
        return name in self.prepared.constants

    def const(self, node: onnx.NodeProto, index: int, what: str) -> np.ndarray:
        if index >= len(node.input) or not node.input[index]:
            raise Unmappable(tx("its {what} is missing", what=what))
        name = node.input[index]
        if name not in self.prepared.constants:
            raise Unmappable(tx("its {what} ('{name}') is computed from the data, not a constant", what=what, name=name))
        return self.prepared.constants[name]

    def optional_const(self, node: onnx.NodeProto, index: int, what: str) -> np.ndarray | None:
        if index >= len(node.input) or not node.input[index]:
            return None
        return self.const(node, index, what)

    def data(self, node: onnx.NodeProto, index: int = 0) -> str:
        name = node.input[index]
        if name in self.prepared.constants:
            raise Unmappable(tx("input {index} ('{name}') is a constant; layers take data", index=index, name=name))
        return name

    def shape(self, name: str) -> tuple[int, ...]:
        try:
            return self.prepared.shapes[name]
        except KeyError:
            raise Unmappable(tx("the shape of '{name}' is unknown (ONNX shape inference could not fix it)",
                                  name=name)) from None

    def only_consumer(self, name: str) -> onnx.NodeProto | None:
        """The one node reading ``name`` when nothing else (not the graph output) does."""
        users = self.consumers.get(name, [])
        if len(users) != 1 or name == self.prepared.output_name or id(users[0]) in self.claimed:
            return None
        return users[0]

    def claim(self, *nodes: onnx.NodeProto) -> None:
        self.claimed.update(id(n) for n in nodes)


def attributes(node: onnx.NodeProto) -> dict[str, Any]:
    values = {}
    for attribute in node.attribute:
        value = onnx.helper.get_attribute_value(attribute)
        if isinstance(value, list):
            value = [v.decode() if isinstance(v, bytes) else v for v in value]
        values[attribute.name] = value.decode() if isinstance(value, bytes) else value
    return values


Rule = Callable[[onnx.NodeProto, Context], "Layer | Alias"]
RULES: dict[str, Rule] = {}


def rule(*op_types: str) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        for op_type in op_types:
            RULES[op_type] = function
        return function

    return register


def _layer(node: onnx.NodeProto, layer_type: str, params: dict[str, Any], sources: list[str],
           output: str | None = None, weights: dict[str, np.ndarray] | None = None) -> Layer:
    return Layer(layer_type, params, sources, output or node.output[0], node.name, node.op_type,
                 {k: v for k, v in (weights or {}).items() if v is not None})


def _f32(array: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(array, dtype=np.float32)


def _unused_outputs(node: onnx.NodeProto, ctx: Context, what: str) -> None:
    for name in node.output[1:]:
        if name and (ctx.consumers.get(name) or name == ctx.prepared.output_name):
            raise Unmappable(tx("its {what} output '{name}' is used; the layer gives only its main output",
                                  what=what, name=name))


# -- padding --------------------------------------------------------------------------------
def symmetric_pads(attrs: dict[str, Any], sizes: tuple[int, ...], kernel: list[int], strides: list[int],
                   dilations: list[int]) -> list[int]:
    """Per-axis padding from ``pads``/``auto_pad``; asymmetric padding has no catalogue form."""
    rank = len(kernel)
    auto = attrs.get("auto_pad", "NOTSET")
    if auto in ("NOTSET", ""):
        pads = list(attrs.get("pads", [0] * 2 * rank))
    elif auto == "VALID":
        pads = [0] * 2 * rank
    else:  # SAME_UPPER / SAME_LOWER: the output has ceil(size / stride) positions
        begins, ends = [], []
        for size, k, s, d in zip(sizes, kernel, strides, dilations):
            total = max((math.ceil(size / s) - 1) * s + (k - 1) * d + 1 - size, 0)
            small, big = total // 2, total - total // 2
            begins.append(small if auto == "SAME_UPPER" else big)
            ends.append(big if auto == "SAME_UPPER" else small)
        pads = begins + ends
    if pads[:rank] != pads[rank:]:
        raise Unmappable(tx("its padding {pads} differs between the start and the end of an axis; "
                            "the catalogue's layers pad both sides equally", pads=pads))
    return pads[:rank]


def _size(values: list[int]) -> int | list[int]:
    """One int when every axis agrees (as a user would write it), else the per-axis list."""
    return values[0] if len(set(values)) == 1 else list(values)


# -- core -----------------------------------------------------------------------------------
@rule("Gemm")
def gemm(node: onnx.NodeProto, ctx: Context) -> Layer:
    attrs = attributes(node)
    source = ctx.data(node, 0)
    if attrs.get("transA", 0):
        raise Unmappable(tx("transA=1 transposes the data; a Linear layer takes [batch, features]"))
    b = ctx.const(node, 1, tx("weight B"))
    weight = (b if attrs.get("transB", 0) else b.T) * attrs.get("alpha", 1.0)
    bias = ctx.optional_const(node, 2, tx("bias C"))
    if bias is not None:
        bias = np.asarray(bias) * attrs.get("beta", 1.0)
        if bias.size not in (1, weight.shape[0]):
            raise Unmappable(tx("its bias C of shape {shape} is not one value per output", shape=list(bias.shape)))
        bias = np.broadcast_to(bias.reshape(-1), (weight.shape[0],))
    return _layer(node, "Linear", {"out_features": int(weight.shape[0]), "bias": bias is not None}, [source],
                  weights={"weight": _f32(weight), "bias": None if bias is None else _f32(bias)})


@rule("MatMul")
def matmul(node: onnx.NodeProto, ctx: Context) -> Layer:
    source = ctx.data(node, 0)
    b = ctx.const(node, 1, tx("weight matrix"))
    if b.ndim != 2:
        raise Unmappable(tx("its weight has {count} dims; a Linear layer's has 2", count=b.ndim))
    weight, bias, output = b.T, None, node.output[0]
    after = ctx.only_consumer(output)
    if after is not None and after.op_type == "Add":
        other = [name for name in after.input if name != output]
        if len(other) == 1 and ctx.is_const(other[0]):
            value = ctx.prepared.constants[other[0]]
            if value.size == weight.shape[0] and value.shape[-1:] in ((weight.shape[0],), ()):
                bias, output = value.reshape(-1), after.output[0]
                ctx.claim(after)
    return _layer(node, "Linear", {"out_features": int(weight.shape[0]), "bias": bias is not None}, [source],
                  output, weights={"weight": _f32(weight), "bias": None if bias is None else _f32(bias)})


@rule("Identity")
def identity(node: onnx.NodeProto, ctx: Context) -> Alias:
    return Alias(ctx.data(node, 0), node.output[0])


@rule("Dropout")
def dropout(node: onnx.NodeProto, ctx: Context) -> Layer:
    _unused_outputs(node, ctx, tx("mask"))
    attrs = attributes(node)
    ratio = attrs.get("ratio", 0.5)
    given = ctx.optional_const(node, 1, tx("ratio"))
    if given is not None:
        ratio = float(given)
    training = ctx.optional_const(node, 2, "training_mode")
    if training is not None and bool(training):
        raise Unmappable(tx("it runs in training mode inside the model"))
    return _layer(node, "Dropout", {"p": float(ratio)}, [ctx.data(node, 0)])


@rule("Flatten", "Reshape", "Squeeze", "Unsqueeze")
def reshape(node: onnx.NodeProto, ctx: Context) -> Layer | Alias:
    source = ctx.data(node, 0)
    before, after = ctx.shape(source), ctx.shape(node.output[0])
    if after[:1] != before[:1] or not after:
        raise Unmappable(tx("it turns {before} into {after}, moving the batch dim (batch {batch} when imported)",
                            before=list(before), after=list(after), batch=ctx.prepared.batch))
    if after == before:
        return Alias(source, node.output[0])
    if len(after) == 2:
        return _layer(node, "Flatten", {}, [source])
    return _layer(node, "Reshape", {"shape": list(after[1:])}, [source])


@rule("Transpose")
def transpose(node: onnx.NodeProto, ctx: Context) -> Layer | Alias:
    source = ctx.data(node, 0)
    rank = len(ctx.shape(source))
    perm = list(attributes(node).get("perm", range(rank - 1, -1, -1)))
    users = ctx.consumers.get(node.output[0], [])
    if perm == list(range(rank)) or (perm == [1, 0, 2] and users and all(u.op_type in _RECURRENT for u in users)
                                     and node.output[0] != ctx.prepared.output_name):
        return Alias(source, node.output[0])  # time-major for a recurrent op, which reads the source
    if perm[0] != 0:
        raise Unmappable(tx("perm {perm} moves the batch dim", perm=perm))
    return _layer(node, "Transpose", {"perm": perm}, [source])


# -- convolution and pooling ----------------------------------------------------------------
@rule("Conv")
def conv(node: onnx.NodeProto, ctx: Context) -> Layer:
    attrs = attributes(node)
    source = ctx.data(node, 0)
    weight = ctx.const(node, 1, tx("weight"))
    bias = ctx.optional_const(node, 2, tx("bias"))
    rank = weight.ndim - 2
    if rank not in (1, 2):
        raise Unmappable(tx("it is a {rank}-D convolution; the catalogue has Conv1d and Conv2d", rank=rank))
    kernel = list(attrs.get("kernel_shape", weight.shape[2:]))
    strides = list(attrs.get("strides", [1] * rank))
    dilations = list(attrs.get("dilations", [1] * rank))
    pads = symmetric_pads(attrs, ctx.shape(source)[2:], kernel, strides, dilations)
    params = {"out_channels": int(weight.shape[0]), "kernel_size": _size(kernel), "stride": _size(strides),
              "padding": _size(pads), "dilation": _size(dilations), "groups": int(attrs.get("group", 1)),
              "bias": bias is not None}
    return _layer(node, f"Conv{rank}d", params, [source],
                  weights={"weight": _f32(weight), "bias": None if bias is None else _f32(bias)})


@rule("MaxPool", "AveragePool")
def pool(node: onnx.NodeProto, ctx: Context) -> Layer:
    attrs = attributes(node)
    _unused_outputs(node, ctx, tx("indices"))
    source = ctx.data(node, 0)
    sizes = ctx.shape(source)[2:]
    rank = len(sizes)
    kernel = list(attrs["kernel_shape"])
    strides = list(attrs.get("strides", [1] * rank))
    dilations = list(attrs.get("dilations", [1] * rank))
    pads = symmetric_pads(attrs, sizes, kernel, strides, dilations)
    for k, p in zip(kernel, pads):
        if p > k // 2:
            raise Unmappable(tx("its padding {padding} exceeds half its window {window}, which torch's pooling refuses",
                                    padding=p, window=k))
    params: dict[str, Any] = {"kernel_size": _size(kernel), "stride": _size(strides), "padding": _size(pads),
                              "ceil_mode": bool(attrs.get("ceil_mode", 0))}
    if node.op_type == "MaxPool":
        if rank not in (1, 2):
            raise Unmappable(tx("it pools over {rank} dims; the catalogue has MaxPool1d and MaxPool2d", rank=rank))
        params["dilation"] = _size(dilations)
        return _layer(node, f"MaxPool{rank}d", params, [source])
    if rank != 2:
        raise Unmappable(tx("it averages over {rank} dims; the catalogue has AvgPool2d", rank=rank))
    if any(d != 1 for d in dilations):
        raise Unmappable(tx("it has dilations, which AvgPool2d lacks"))
    params["count_include_pad"] = bool(attrs.get("count_include_pad", 0))
    return _layer(node, "AvgPool2d", params, [source])


@rule("GlobalAveragePool")
def global_average_pool(node: onnx.NodeProto, ctx: Context) -> Layer:
    source = ctx.data(node, 0)
    if len(ctx.shape(source)) != 4:
        raise Unmappable(tx("it pools a {rank}-d tensor; AdaptiveAvgPool2d takes [N, C, H, W]",
                            rank=len(ctx.shape(source))))
    return _layer(node, "AdaptiveAvgPool2d", {"output_size": 1}, [source])


@rule("ReduceMean")
def reduce_mean(node: onnx.NodeProto, ctx: Context) -> Layer:
    """The mean over all positions of [N, C, H, W], kept as [N, C, 1, 1]: global average pooling."""
    attrs = attributes(node)
    source = ctx.data(node, 0)
    rank = len(ctx.shape(source))
    axes = attrs.get("axes")
    given = ctx.optional_const(node, 1, tx("axes"))
    if given is not None:
        axes = [int(a) for a in np.asarray(given).reshape(-1)]
    axes = sorted(a + rank if a < 0 else a for a in (axes or range(rank)))
    if rank != 4 or axes != [2, 3] or not attrs.get("keepdims", 1):
        raise Unmappable(tx("only the mean over height and width, dims kept (global average pooling), maps "
                            "onto the catalogue; this one reduces dims {axes} of {shape}", axes=axes,
                            shape=list(ctx.shape(source))))
    return _layer(node, "AdaptiveAvgPool2d", {"output_size": 1}, [source])


# -- normalisation --------------------------------------------------------------------------
def _batch_norm_type(rank: int) -> str:
    if rank == 4:
        return "BatchNorm2d"
    if rank in (2, 3):
        return "BatchNorm1d"
    raise Unmappable(tx("it normalises a {rank}-d tensor; BatchNorm1d/2d take 2 to 4 dims", rank=rank))


@rule("BatchNormalization")
def batch_norm(node: onnx.NodeProto, ctx: Context) -> Layer:
    attrs = attributes(node)
    if attrs.get("training_mode", 0):
        raise Unmappable(tx("it runs in training mode inside the model"))
    _unused_outputs(node, ctx, tx("running statistics"))
    source = ctx.data(node, 0)
    scale, bias, mean, var = (ctx.const(node, i, what) for i, what in
                              enumerate((tx("scale"), tx("bias"), tx("mean"), tx("variance")), start=1))
    momentum = min(max(1.0 - float(attrs.get("momentum", 0.9)), 0.0), 1.0)
    params = {"eps": float(attrs.get("epsilon", 1e-5)), "momentum": momentum}
    return _layer(node, _batch_norm_type(len(ctx.shape(source))), params, [source], weights={
        "weight": _f32(scale), "bias": _f32(bias), "running_mean": _f32(mean), "running_var": _f32(var),
        "num_batches_tracked": np.asarray(0, dtype=np.int64)})


@rule("LRN")
def lrn(node: onnx.NodeProto, ctx: Context) -> Layer:
    attrs = attributes(node)
    params = {"size": int(attrs["size"]), "alpha": float(attrs.get("alpha", 1e-4)),
              "beta": float(attrs.get("beta", 0.75)), "k": float(attrs.get("bias", 1.0))}
    return _layer(node, "LocalResponseNorm", params, [ctx.data(node, 0)])


# -- element-wise ---------------------------------------------------------------------------
_AFFINE = ("Mul", "Add", "Sub", "Div")


def _per_channel(value: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """``value`` as one number per channel (dim 1) of ``shape``, or None if it varies otherwise."""
    if value.ndim > len(shape):
        return None
    full = value.reshape((1,) * (len(shape) - value.ndim) + value.shape)
    channels = shape[1]
    if any(d != 1 for i, d in enumerate(full.shape) if i != 1) or full.shape[1] not in (1, channels):
        return None
    return np.broadcast_to(full.reshape(-1), (channels,)).astype(np.float64)


def _affine_step(node: onnx.NodeProto, ctx: Context, source: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(scale, shift) when ``node`` applies a per-channel constant to ``source``, else None."""
    if node.op_type not in _AFFINE or len(node.input) != 2 or source not in node.input:
        return None
    other = node.input[1] if node.input[0] == source else node.input[0]
    if other == source or not ctx.is_const(other):
        return None
    vector = _per_channel(ctx.prepared.constants[other], ctx.shape(source))
    if vector is None or len(ctx.shape(source)) < 2:
        return None
    ones, zeros = np.ones_like(vector), np.zeros_like(vector)
    if node.op_type == "Mul":
        return vector, zeros
    if node.op_type == "Add":
        return ones, vector
    if node.op_type == "Sub":
        return (-ones, vector) if node.input[0] == other else (ones, -vector)
    if node.input[0] == other:
        return None  # c / x is no affine map
    return 1.0 / vector, zeros


def _gelu(node: onnx.NodeProto, ctx: Context) -> Layer | None:
    """x * 0.5 * (1 + erf(x / sqrt(2))), as torch writes GELU below opset 20."""
    if node.op_type not in ("Div", "Mul") or len(node.input) != 2 or not ctx.is_const(node.input[1]):
        return None
    factor = np.asarray(ctx.prepared.constants[node.input[1]], dtype=np.float64)
    expected = math.sqrt(2.0) if node.op_type == "Div" else 1.0 / math.sqrt(2.0)
    if factor.size != 1 or abs(float(factor.reshape(-1)[0]) - expected) > 1e-4:
        return None
    x = node.input[0]
    chain = [node]
    for op_type in ("Erf", "Add"):
        nxt = ctx.only_consumer(chain[-1].output[0])
        if nxt is None or nxt.op_type != op_type:
            return None
        chain.append(nxt)
    add = chain[-1]
    one = [n for n in add.input if n != chain[-2].output[0]]
    if len(one) != 1 or not ctx.is_const(one[0]) or not np.allclose(ctx.prepared.constants[one[0]], 1.0):
        return None
    seen_x = seen_half = False
    value = add.output[0]
    for _ in range(2):
        nxt = ctx.only_consumer(value)
        if nxt is None or nxt.op_type != "Mul":
            return None
        other = [n for n in nxt.input if n != value]
        if other == [x] and not seen_x:
            seen_x = True
        elif (len(other) == 1 and ctx.is_const(other[0]) and not seen_half
              and np.allclose(ctx.prepared.constants[other[0]], 0.5)):
            seen_half = True
        else:
            return None
        chain.append(nxt)
        value = nxt.output[0]
    ctx.claim(*chain[1:])
    return _layer(node, "GELU", {}, [x], value)


@rule(*_AFFINE)
def elementwise(node: onnx.NodeProto, ctx: Context) -> Layer:
    gelu = _gelu(node, ctx)
    if gelu is not None:
        return gelu
    if node.op_type == "Add" and not any(ctx.is_const(n) for n in node.input):
        return add(node, ctx)
    dynamic = [n for n in node.input if not ctx.is_const(n)]
    if len(dynamic) != 1:
        raise Unmappable(tx("{op_type} of two computed tensors has no catalogue layer", op_type=node.op_type))
    source = dynamic[0]
    step = _affine_step(node, ctx, source)
    if step is None:
        raise Unmappable(tx("its constant is not one number per channel of {shape}", shape=list(ctx.shape(source))))
    scale, shift = step
    output = node.output[0]
    while True:  # fold the per-channel steps that follow into one scale and shift
        nxt = ctx.only_consumer(output)
        more = _affine_step(nxt, ctx, output) if nxt is not None else None
        if more is None:
            break
        scale, shift = scale * more[0], shift * more[0] + more[1]
        ctx.claim(nxt)
        output = nxt.output[0]
    channels = len(scale)
    layer = _layer(node, _batch_norm_type(len(ctx.shape(source))), {"eps": 0.0}, [source], output, weights={
        "weight": _f32(scale), "bias": _f32(shift), "running_mean": np.zeros(channels, np.float32),
        "running_var": np.ones(channels, np.float32), "num_batches_tracked": np.asarray(0, dtype=np.int64)})
    # a fixed scale and shift: frozen, so fine-tuning keeps it one (no batch statistics)
    layer.extra["trainable"] = False
    return layer


@rule("Sum")
def add(node: onnx.NodeProto, ctx: Context) -> Layer | Alias:
    sources = [ctx.data(node, i) for i in range(len(node.input))]
    if len(sources) == 1:
        return Alias(sources[0], node.output[0])
    shapes = {ctx.shape(s) for s in sources}
    if len(shapes) > 1:
        raise Unmappable(tx("it broadcasts inputs of shapes {shapes}; Add needs equal shapes",
                            shapes=sorted(list(s) for s in shapes)))
    return _layer(node, "Add", {}, sources)


@rule("Concat")
def concat(node: onnx.NodeProto, ctx: Context) -> Layer:
    sources = [ctx.data(node, i) for i in range(len(node.input))]
    rank = len(ctx.shape(sources[0]))
    axis = int(attributes(node)["axis"])
    axis = axis + rank if axis < 0 else axis
    if axis == 0:
        raise Unmappable(tx("it joins along the batch dim"))
    if len(sources) == 1:
        return Alias(sources[0], node.output[0])  # type: ignore[return-value]
    return _layer(node, "Concat", {"dim": axis}, sources)


# -- activations ----------------------------------------------------------------------------
_ACTIVATIONS = {"Relu": "ReLU", "Sigmoid": "Sigmoid", "Tanh": "Tanh", "LeakyRelu": "LeakyReLU", "Elu": "ELU",
                "Gelu": "GELU", "Softmax": "Softmax"}


@rule(*_ACTIVATIONS)
def activation(node: onnx.NodeProto, ctx: Context) -> Layer:
    attrs = attributes(node)
    params: dict[str, Any] = {}
    if node.op_type == "LeakyRelu":
        params["negative_slope"] = float(attrs.get("alpha", 0.01))
    elif node.op_type == "Elu":
        params["alpha"] = float(attrs.get("alpha", 1.0))
    elif node.op_type == "Gelu":
        params["approximate"] = attrs.get("approximate", "none")
    elif node.op_type == "Softmax":
        params["dim"] = int(attrs.get("axis", -1))
    return _layer(node, _ACTIVATIONS[node.op_type], params, [ctx.data(node, 0)])


# -- recurrent ------------------------------------------------------------------------------
_RECURRENT = {"LSTM": ("LSTM", [0, 2, 3, 1]), "GRU": ("GRU", [1, 0, 2]), "RNN": ("RNN", [0])}
#: ops torch writes between a recurrent op's [T, D, N, H] output and the batch-first [N, T, D*H]
_REARRANGE = ("Transpose", "Squeeze", "Reshape", "Unsqueeze", "Flatten")


def time_major_source(name: str, ctx: Context) -> str | None:
    """The batch-first tensor that ``name`` transposes to time-major ([1, 0, 2]), if it does."""
    node = ctx.producer.get(name)
    if node is None or node.op_type != "Transpose" or list(attributes(node).get("perm", [])) != [1, 0, 2]:
        return None
    return node.input[0]


def _regate(weight: np.ndarray, order: list[int]) -> np.ndarray:
    """Reorder the gate blocks of ONNX's stacked weights to torch's order."""
    blocks = np.split(weight, len(order), axis=0)
    return np.concatenate([blocks[i] for i in order], axis=0)


@rule(*_RECURRENT)
def recurrent(node: onnx.NodeProto, ctx: Context) -> Layer:
    layer_type, order = _RECURRENT[node.op_type]
    attrs = attributes(node)
    if attrs.get("layout", 0):
        raise Unmappable(tx("layout=1 (batch-first inside the op) is not read yet; torch writes layout 0"))
    source = time_major_source(node.input[0], ctx)
    if source is None:
        raise Unmappable(tx("its input is not a batch-first tensor transposed to time-major, as torch writes it"))
    direction = attrs.get("direction", "forward")
    if direction == "reverse":
        raise Unmappable(tx("direction 'reverse' has no torch equivalent (bidirectional or forward only)"))
    if attrs.get("clip") is not None or attrs.get("input_forget", 0):
        raise Unmappable(tx("clip and input_forget have no torch equivalent"))
    if node.op_type == "GRU" and not attrs.get("linear_before_reset", 0):
        raise Unmappable(tx("linear_before_reset=0 differs from torch's GRU"))
    params: dict[str, Any] = {"hidden_size": int(attrs["hidden_size"]), "bidirectional": direction == "bidirectional"}
    if node.op_type == "RNN":
        activations = {a.lower() for a in attrs.get("activations", ["Tanh"])}
        if len(activations) != 1 or not activations <= {"tanh", "relu"}:
            raise Unmappable(tx("activations {activations} differ from torch's tanh or relu",
                                    activations=attrs.get("activations")))
        params["nonlinearity"] = activations.pop()
    for index, what in ((4, "sequence_lens"), (5, "initial_h"), (6, "initial_c"), (7, "peepholes")):
        value = ctx.optional_const(node, index, what)
        if value is None:
            continue
        if index == 4:
            if np.any(value != ctx.shape(source)[1]):
                raise Unmappable(tx("its sequence_lens vary; the layer reads whole sequences"))
        elif np.any(value != 0):
            raise Unmappable(tx("its {what} is not zero, which a torch layer starts from", what=what))
    _unused_outputs(node, ctx, tx("final state"))
    w, r = ctx.const(node, 1, "W"), ctx.const(node, 2, "R")
    b = ctx.optional_const(node, 3, "B")
    hidden = params["hidden_size"]
    weights: dict[str, np.ndarray] = {}
    for direction_index in range(w.shape[0]):
        suffix = "_reverse" if direction_index else ""
        weights[f"weight_ih_l0{suffix}"] = _f32(_regate(w[direction_index], order))
        weights[f"weight_hh_l0{suffix}"] = _f32(_regate(r[direction_index], order))
        if b is not None:
            gates = len(order) * hidden
            weights[f"bias_ih_l0{suffix}"] = _f32(_regate(b[direction_index][:gates], order))
            weights[f"bias_hh_l0{suffix}"] = _f32(_regate(b[direction_index][gates:], order))
    params["bias"] = b is not None
    # follow torch's rearrangement of Y [T, D, N, H] to batch-first [N, T, D * H]
    batch, steps = ctx.shape(source)[:2]
    wanted = (batch, steps, w.shape[0] * hidden)
    value, chain = node.output[0], []
    while ctx.shape(value) != wanted or not chain:
        nxt = ctx.only_consumer(value)
        if nxt is None or nxt.op_type not in _REARRANGE or len(chain) > 4:
            raise Unmappable(tx("its output is not rearranged to batch-first [N, T, features] as torch writes it"))
        chain.append(nxt)
        value = nxt.output[0]
    ctx.claim(*chain)
    params["return"] = "sequence"
    last = ctx.only_consumer(value)
    if last is not None and last.op_type == "Gather" and ctx.is_const(last.input[1]):
        index = ctx.prepared.constants[last.input[1]]
        if attributes(last).get("axis", 0) == 1 and index.size == 1 and int(index) in (-1, steps - 1) \
                and index.ndim == 0:
            params["return"] = "last"
            ctx.claim(last)
            value = last.output[0]
    return _layer(node, layer_type, params, [source], value, weights)
