"""The catalogue's arithmetic parameter counts agree with the modules torch builds."""

import pytest
import torch

from dlplayground.compile.infer import count_parameters
from dlplayground.layers import CATALOGUE

from tests.layers.test_catalogue import SAMPLE_INPUT

#: params that change the count, beyond the catalogue test's samples
VARIANTS = [
    ("Linear", (4, 6), {"out_features": 3, "bias": False}),
    ("Conv1d", (6, 10), {"out_channels": 4, "kernel_size": 5, "groups": 2, "bias": False}),
    ("Conv2d", (4, 8, 8), {"out_channels": 8, "kernel_size": [3, 1], "groups": 4}),
    ("Conv2d", (3, 8, 8), {"out_channels": 2, "kernel_size": 1, "stride": 2}),
    ("BatchNorm2d", (5, 3, 3), {"affine": False}),
    ("BatchNorm1d", (7, 4), {}),
    ("LayerNorm", (3, 4, 5), {"normalized_shape": [4, 5]}),
    ("LayerNorm", (6,), {"bias": False}),
    ("LayerNorm", (6,), {"elementwise_affine": False}),
    ("Embedding", (4,), {"num_embeddings": 20, "embedding_dim": 6, "padding_idx": 0}),
    ("RNN", (5, 4), {"hidden_size": 3, "num_layers": 3, "bidirectional": True, "bias": False}),
    ("GRU", (5, 4), {"hidden_size": 6, "num_layers": 2, "bidirectional": True}),
    ("LSTM", (5, 4), {"hidden_size": 6, "num_layers": 2, "proj_size": 2, "bidirectional": True}),
    ("LSTM", (5, 4), {"hidden_size": 6, "proj_size": 3, "bias": False}),
]
CASES = [(t, shape, params) for t, (shape, params) in SAMPLE_INPUT.items()] + VARIANTS


@pytest.mark.parametrize(("type_name", "shape", "params"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_count_rule_matches_the_torch_module(type_name, shape, params):
    spec = CATALOGUE[type_name]
    resolved = spec.schema.resolve(params)
    spec.shape_rule((shape,), resolved)  # the case is one the editor accepts
    with torch.device("meta"):
        module = spec.factory((shape,), resolved)
    expected = sum(p.numel() for p in module.parameters() if p.requires_grad)
    assert count_parameters(type_name, (shape,), resolved) == expected


def test_every_layer_with_weights_has_a_count_rule():
    """A layer type whose module holds parameters must state how many (else summary shows 0)."""
    for type_name, (shape, params) in SAMPLE_INPUT.items():
        spec = CATALOGUE[type_name]
        with torch.device("meta"):
            module = spec.factory((shape,), spec.schema.resolve(params))
        if any(True for _ in module.parameters()):
            assert spec.count is not None, type_name
