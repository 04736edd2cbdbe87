"""Parameter counts of the catalogue's layers, as arithmetic on shapes and params (no torch).

Each rule gives the number of trainable parameters the layer's torch module would hold for
these per-sample input shapes and resolved params, so that the editor and ``dlplayground
summary`` show counts without importing torch. ``tests/layers/test_counts.py`` checks every
rule against the module torch actually builds.
"""

from __future__ import annotations

from math import prod
from typing import Any, Callable, Mapping, Sequence

from dlplayground.graph.params import as_pair
from dlplayground.layers.spec import Shape

Params = Mapping[str, Any]
CountRule = Callable[[Sequence[Shape], Params], int]


def linear(inputs: Sequence[Shape], params: Params) -> int:
    out = params["out_features"]
    return inputs[0][-1] * out + (out if params["bias"] else 0)


def embedding(inputs: Sequence[Shape], params: Params) -> int:
    return params["num_embeddings"] * params["embedding_dim"]


def conv(dims: int) -> CountRule:
    def rule(inputs: Sequence[Shape], params: Params) -> int:
        kernel = as_pair(params["kernel_size"]) if dims == 2 else (int(params["kernel_size"]),)
        out = params["out_channels"]
        return out * (inputs[0][0] // params["groups"]) * prod(kernel) + (out if params["bias"] else 0)

    return rule


def conv_transpose2d(inputs: Sequence[Shape], params: Params) -> int:
    out = params["out_channels"]
    return inputs[0][0] * out * prod(as_pair(params["kernel_size"])) + (out if params["bias"] else 0)


def batch_norm(inputs: Sequence[Shape], params: Params) -> int:
    return 2 * inputs[0][0] if params["affine"] else 0


def layer_norm(inputs: Sequence[Shape], params: Params) -> int:
    shape = params["normalized_shape"]
    size = inputs[0][-1] if shape is None else prod(shape) if isinstance(shape, (list, tuple)) else int(shape)
    if not params["elementwise_affine"]:
        return 0
    return size * (2 if params["bias"] else 1)


_GATES = {"RNN": 1, "LSTM": 4, "GRU": 3}


def recurrent(name: str) -> CountRule:
    """torch's weights per layer and direction: ``weight_ih`` (gates*H x in), ``weight_hh``
    (gates*H x out), two biases (gates*H each) and, for an LSTM with ``proj_size``, ``weight_hr``
    (out x H); ``out`` is ``proj_size`` or H, and a stacked layer's input is ``out * directions``."""
    gates = _GATES[name]

    def rule(inputs: Sequence[Shape], params: Params) -> int:
        hidden = params["hidden_size"]
        projected = params.get("proj_size") or 0
        out = projected or hidden
        directions = 2 if params["bidirectional"] else 1
        total = 0
        for layer in range(params["num_layers"]):
            width = inputs[0][-1] if layer == 0 else out * directions
            per_direction = gates * hidden * (width + out)
            if params["bias"]:
                per_direction += 2 * gates * hidden
            if projected:
                per_direction += projected * hidden
            total += directions * per_direction
        return total

    return rule
