"""Shape rules of the catalogue's layers: per-sample shapes in, per-sample shape out.

Pure Python (no torch), so the editor can re-infer a whole graph on every edit cheaply. Each
rule raises :class:`ShapeError` with a message a learner can act on.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from dlplayground.graph.params import as_pair
from dlplayground.graph.text import tx
from dlplayground.layers.spec import Shape, ShapeError

Params = Mapping[str, Any]


def fmt(shape: Sequence[object]) -> str:
    """A shape as the program writes it everywhere: ``[1, 8, 8]``."""
    return "[" + ", ".join(str(d) for d in shape) + "]"


def same(inputs: Sequence[Shape], params: Params) -> Shape:
    return inputs[0]


def linear(inputs: Sequence[Shape], params: Params) -> Shape:
    shape = inputs[0]
    if len(shape) == 0:
        raise ShapeError(tx("Linear needs a feature dimension, got a scalar per sample"))
    if len(shape) > 2:
        raise ShapeError(tx("Linear expects [features] (or [time, features]), got {shape}: add a Flatten before it", shape=fmt(shape)))
    return (*shape[:-1], params["out_features"])


def _need_rank(name: str, shape: Shape, rank: int, layout: str) -> None:
    if len(shape) != rank:
        raise ShapeError(tx("{name} expects {layout} per sample, got {shape}", name=name, layout=layout, shape=fmt(shape)))


def _conv_length(size: int, kernel: int, stride: int, padding: int, dilation: int, what: str,
                 ceil_mode: bool = False) -> int:
    span = size + 2 * padding - dilation * (kernel - 1) - 1
    if not ceil_mode:
        out = span // stride + 1 if span >= 0 else 0
    else:
        out = -(-span // stride) + 1
        if (out - 1) * stride >= size + padding:
            out -= 1  # torch drops a last window that would start in the right padding
    if out < 1:
        raise ShapeError(tx("{what}: kernel {kernel} (dilation {dilation}) does not fit an input of {size} with padding {padding}", what=what, kernel=kernel, dilation=dilation, size=size, padding=padding))
    return out


def _check_groups(name: str, channels: int, out_channels: int, groups: int) -> None:
    if channels % groups or out_channels % groups:
        raise ShapeError(tx("{name}: in ({channels}) and out ({out_channels}) channels must be divisible by groups ({groups})", name=name, channels=channels, out_channels=out_channels, groups=groups))


def _conv_dims(name: str, sizes: Sequence[int], params: Params) -> list[int]:
    """Output sizes of a convolution over ``sizes``; ``padding`` may be "same" or "valid"."""
    rank = len(sizes)
    kernel, stride, dilation = (as_pair(params[n])[:rank] for n in ("kernel_size", "stride", "dilation"))
    padding = params["padding"]
    if padding == "same":
        if any(st != 1 for st in stride):
            raise ShapeError(tx("{name}: padding 'same' needs stride 1, got stride {stride}", name=name, stride=params['stride']))
        # torch pads d*(k-1) in all, the larger half on the right
        widest = [d * (k - 1) - d * (k - 1) // 2 for k, d in zip(kernel, dilation)]
        _check_padding_mode(name, sizes, widest, params.get("padding_mode", "zeros"))
        return list(sizes)
    pads = (0,) * rank if padding == "valid" else as_pair(padding)[:rank]
    _check_padding_mode(name, sizes, pads, params.get("padding_mode", "zeros"))
    axes = ("length",) if rank == 1 else ("height", "width")
    return [_conv_length(size, k, st, p, d, f"{name} {axis}" if rank > 1 else name)
            for size, k, st, p, d, axis in zip(sizes, kernel, stride, pads, dilation, axes)]


def _check_padding_mode(name: str, sizes: Sequence[int], pads: Sequence[int], mode: str) -> None:
    """Reflecting needs padding below the input's size, wrapping around at most its size."""
    for size, pad in zip(sizes, pads):
        if mode == "reflect" and pad >= size:
            raise ShapeError(tx("{name}: padding_mode 'reflect' needs padding ({pad}) smaller than the input ({size})", name=name, pad=pad, size=size))
        if mode == "circular" and pad > size:
            raise ShapeError(tx("{name}: padding_mode 'circular' needs padding ({pad}) at most the input's size ({size})", name=name, pad=pad, size=size))


def conv1d(inputs: Sequence[Shape], params: Params) -> Shape:
    shape = inputs[0]
    _need_rank("Conv1d", shape, 2, "[channels, length]")
    _check_groups("Conv1d", shape[0], params["out_channels"], params["groups"])
    return (params["out_channels"], *_conv_dims("Conv1d", shape[1:], params))


def conv2d(inputs: Sequence[Shape], params: Params) -> Shape:
    shape = inputs[0]
    _need_rank("Conv2d", shape, 3, "[channels, height, width]")
    _check_groups("Conv2d", shape[0], params["out_channels"], params["groups"])
    return (params["out_channels"], *_conv_dims("Conv2d", shape[1:], params))


def conv_transpose2d(inputs: Sequence[Shape], params: Params) -> Shape:
    """(H - 1) * stride - 2 * padding + (kernel - 1) + output_padding + 1 per axis."""
    shape = inputs[0]
    _need_rank("ConvTranspose2d", shape, 3, "[channels, height, width]")
    kernel, stride, padding, extra = (as_pair(params[n]) for n in ("kernel_size", "stride", "padding", "output_padding"))
    sizes = []
    for axis, size, k, st, p, e in zip(("height", "width"), shape[1:], kernel, stride, padding, extra):
        if e >= st:
            raise ShapeError(tx("ConvTranspose2d: output_padding ({e}) must be smaller than the stride ({st})", e=e, st=st))
        out = (size - 1) * st - 2 * p + (k - 1) + e + 1
        if out < 1:
            raise ShapeError(tx("ConvTranspose2d {axis}: padding {p} crops away the whole output of an input of {size}", axis=axis, p=p, size=size))
        sizes.append(out)
    return (params["out_channels"], *sizes)


def _pool_dims(name: str, sizes: Sequence[int], params: Params, rank: int) -> list[int]:
    def per_axis(value: Any) -> tuple[int, ...]:
        return as_pair(value)[:rank] if rank == 2 else (as_pair(value)[0],)

    kernel = per_axis(params["kernel_size"])
    stride = per_axis(params.get("stride") or params["kernel_size"])
    padding = per_axis(params.get("padding", 0))
    dilation = per_axis(params.get("dilation", 1))
    ceil_mode = bool(params.get("ceil_mode", False))
    out = []
    for size, k, st, p, d in zip(sizes, kernel, stride, padding, dilation):
        if p > k // 2:
            raise ShapeError(tx("{name}: padding ({p}) must be at most half the kernel size ({k})", name=name, p=p, k=k))
        out.append(_conv_length(size, k, st, p, d, name, ceil_mode))
    return out


def pool1d(inputs: Sequence[Shape], params: Params) -> Shape:
    shape = inputs[0]
    _need_rank("MaxPool1d", shape, 2, "[channels, length]")
    return (shape[0], *_pool_dims("MaxPool1d", shape[1:], params, 1))


def pool2d(name: str):
    def rule(inputs: Sequence[Shape], params: Params) -> Shape:
        shape = inputs[0]
        _need_rank(name, shape, 3, "[channels, height, width]")
        return (shape[0], *_pool_dims(name, shape[1:], params, 2))

    return rule


def adaptive_pool2d(inputs: Sequence[Shape], params: Params) -> Shape:
    shape = inputs[0]
    _need_rank("AdaptiveAvgPool2d", shape, 3, "[channels, height, width]")
    return (shape[0], *as_pair(params["output_size"]))


def _axis(dim: int, rank_with_batch: int, name: str) -> int:
    """A dim counted with the batch dimension, as a per-sample axis."""
    axis = dim if dim >= 0 else rank_with_batch + dim
    if not 1 <= axis < rank_with_batch:
        raise ShapeError(tx("{name}: dim {dim} is out of range for {rank_with_batch}-d tensors (dim 0 is the batch)", name=name, dim=dim, rank_with_batch=rank_with_batch))
    return axis - 1


def flatten(inputs: Sequence[Shape], params: Params) -> Shape:
    shape = inputs[0]
    rank = len(shape) + 1
    start = _axis(params["start_dim"], rank, "Flatten start_dim")
    end = _axis(params["end_dim"], rank, "Flatten end_dim")
    if start > end:
        raise ShapeError(tx("Flatten: start_dim {start_dim} comes after end_dim {end_dim}", start_dim=params['start_dim'], end_dim=params['end_dim']))
    size = 1
    for d in shape[start : end + 1]:
        size *= d
    return (*shape[:start], size, *shape[end + 1 :])


def batchnorm1d(inputs: Sequence[Shape], params: Params) -> Shape:
    shape = inputs[0]
    if len(shape) not in (1, 2):
        raise ShapeError(tx("BatchNorm1d expects [features] or [channels, length], got {shape}", shape=fmt(shape)))
    return shape


def batchnorm2d(inputs: Sequence[Shape], params: Params) -> Shape:
    _need_rank("BatchNorm2d", inputs[0], 3, "[channels, height, width]")
    return inputs[0]


def layer_norm(inputs: Sequence[Shape], params: Params) -> Shape:
    """LayerNorm over the trailing dims ``normalized_shape`` names (the last dim when unset)."""
    shape = inputs[0]
    if len(shape) < 1:
        raise ShapeError(tx("LayerNorm expects at least one dim per sample, got a scalar"))
    wanted = params.get("normalized_shape")
    if wanted is not None:
        dims = tuple(wanted) if isinstance(wanted, (list, tuple)) else (wanted,)
        if not dims or len(dims) > len(shape) or tuple(shape[len(shape) - len(dims):]) != dims:
            raise ShapeError(tx("LayerNorm normalized_shape {dims} must be the trailing dims of the input {shape}", dims=fmt(dims), shape=fmt(shape)))
    return shape


def at_least_rank(name: str, rank: int, layout: str):
    def rule(inputs: Sequence[Shape], params: Params) -> Shape:
        if len(inputs[0]) < rank:
            raise ShapeError(tx("{name} expects {layout} per sample, got {shape}", name=name, layout=layout, shape=fmt(inputs[0])))
        return inputs[0]

    return rule


def softmax(inputs: Sequence[Shape], params: Params) -> Shape:
    _axis(params["dim"], len(inputs[0]) + 1, "Softmax")
    return inputs[0]


def embedding(inputs: Sequence[Shape], params: Params) -> Shape:
    padding_idx = params.get("padding_idx")
    count = params["num_embeddings"]
    if padding_idx is not None and not -count <= padding_idx < count:
        raise ShapeError(tx("Embedding: padding_idx {padding_idx} must be within num_embeddings ({count})", padding_idx=padding_idx, count=count))
    return (*inputs[0], params["embedding_dim"])


def recurrent(name: str):
    def rule(inputs: Sequence[Shape], params: Params) -> Shape:
        shape = inputs[0]
        _need_rank(name, shape, 2, "[time, features]")
        if params.get("proj_size", 0) >= params["hidden_size"]:
            raise ShapeError(tx("{name}: proj_size ({proj_size}) must be smaller than hidden_size ({hidden_size})", name=name, proj_size=params['proj_size'], hidden_size=params['hidden_size']))
        width = (params.get("proj_size") or params["hidden_size"]) * (2 if params["bidirectional"] else 1)
        return (shape[0], width) if params["return"] == "sequence" else (width,)

    return rule


def add(inputs: Sequence[Shape], params: Params) -> Shape:
    first = inputs[0]
    if any(shape != first for shape in inputs[1:]):
        listed = " + ".join(fmt(s) for s in inputs)
        raise ShapeError(tx("Add needs inputs of equal shape, got {listed}", listed=listed))
    return first


def reparameterize(inputs: Sequence[Shape], params: Params) -> Shape:
    """mu (port 0) and logvar (port 1): two vectors ``[D]`` of equal size; z has their shape."""
    mu, logvar = inputs[0], inputs[1]
    if len(mu) != 1 or mu != logvar:
        raise ShapeError(tx("Reparameterize needs mu and logvar of equal shape [D], got {mu} and {logvar}", mu=fmt(mu), logvar=fmt(logvar)))
    return mu


def concat(inputs: Sequence[Shape], params: Params) -> Shape:
    first = inputs[0]
    axis = _axis(params["dim"], len(first) + 1, "Concat")
    for shape in inputs[1:]:
        if len(shape) != len(first) or any(a != b for i, (a, b) in enumerate(zip(shape, first)) if i != axis):
            listed = ", ".join(fmt(s) for s in inputs)
            raise ShapeError(tx("Concat along dim {dim} needs equal sizes elsewhere, got {listed}", dim=params['dim'], listed=listed))
    return (*first[:axis], sum(s[axis] for s in inputs), *first[axis + 1 :])


def transpose(inputs: Sequence[Shape], params: Params) -> Shape:
    """Permute the dims; ``perm`` counts the batch dim, which must stay first."""
    shape = inputs[0]
    perm = params["perm"]
    perm = [perm] if isinstance(perm, int) else list(perm)
    if sorted(perm) != list(range(len(shape) + 1)):
        raise ShapeError(tx("Transpose: perm {perm} must order all {dims} dims 0..{last} of the input {shape} (the batch dim counted)", perm=fmt(perm), dims=len(shape) + 1, last=len(shape), shape=fmt(shape)))
    if perm[0] != 0:
        raise ShapeError(tx("Transpose: perm {perm} must keep the batch dim first (start with 0)", perm=fmt(perm)))
    return tuple(shape[d - 1] for d in perm[1:])


def reshape(inputs: Sequence[Shape], params: Params) -> Shape:
    size = 1
    for d in inputs[0]:
        size *= d
    target = list(params["shape"])
    known = 1
    for d in target:
        if d != -1:
            known *= d
    if -1 in target:
        if size % known:
            raise ShapeError(tx("Reshape: cannot fit {size} values ({shape}) into {target}", size=size, shape=fmt(inputs[0]), target=fmt(target)))
        target[target.index(-1)] = size // known
    elif known != size:
        raise ShapeError(tx("Reshape: {target} holds {known} values, the input {shape} has {size}", target=fmt(target), known=known, shape=fmt(inputs[0]), size=size))
    return tuple(target)
