"""The catalogue: every spec type is present, every shape rule agrees with torch."""

import pytest
import torch

from dlplayground.compile import build_model, infer
from dlplayground.graph import project_from_dict
from dlplayground.layers import CATALOGUE, CATEGORIES, by_category

from tests.helpers import chain_project

SPEC_TYPES = """Linear Conv1d Conv2d MaxPool1d MaxPool2d AvgPool2d AdaptiveAvgPool2d Flatten Dropout
BatchNorm1d BatchNorm2d LayerNorm LocalResponseNorm ReLU LeakyReLU ELU GELU Sigmoid Tanh Softmax
Identity Embedding RNN LSTM GRU Input Output Add Concat Reshape""".split()

#: a per-sample input shape and params that suit each single-input type
SAMPLE_INPUT = {
    "Conv1d": ((3, 12), {"out_channels": 4, "kernel_size": 3, "stride": 2, "padding": 1}),
    "Conv2d": ((3, 9, 7), {"out_channels": 5, "kernel_size": [3, 2], "stride": 2, "padding": 1, "dilation": 1}),
    "MaxPool1d": ((3, 11), {"kernel_size": 3, "stride": 2}),
    "MaxPool2d": ((2, 9, 8), {"kernel_size": 3, "padding": 1}),
    "AvgPool2d": ((2, 9, 8), {"kernel_size": [2, 3]}),
    "AdaptiveAvgPool2d": ((4, 7, 7), {"output_size": [2, 3]}),
    "ConvTranspose2d": ((3, 5, 4), {"out_channels": 2, "kernel_size": [4, 3], "stride": [2, 1], "padding": [1, 0],
                                    "output_padding": [1, 0]}),
    "Flatten": ((2, 3, 4), {"start_dim": 2}),
    "BatchNorm1d": ((6,), {}),
    "BatchNorm2d": ((3, 4, 4), {}),
    "LayerNorm": ((5, 6), {}),
    "LocalResponseNorm": ((6, 4, 4), {"size": 3}),
    "Softmax": ((4, 5), {"dim": 1}),
    "Embedding": ((7,), {"num_embeddings": 10, "embedding_dim": 3}),
    "RNN": ((6, 3), {"hidden_size": 5, "nonlinearity": "relu"}),
    "LSTM": ((6, 3), {"hidden_size": 5, "return": "sequence", "num_layers": 2, "bidirectional": True}),
    "GRU": ((6, 3), {"hidden_size": 5}),
    "Reshape": ((12,), {"shape": [3, -1]}),
    "Transpose": ((2, 3, 4), {"perm": [0, 3, 1, 2]}),
    "Linear": ((5,), {"out_features": 7}),
}
SINGLE_INPUT = [t for t, s in CATALOGUE.items() if s.factory is not None and not s.multi_input]


def test_every_spec_type_is_in_the_catalogue():
    assert set(SPEC_TYPES) <= set(CATALOGUE)


def test_every_spec_is_documented_and_grouped():
    groups = by_category()
    assert set(groups) == set(CATEGORIES)
    for spec in CATALOGUE.values():
        assert spec.doc and spec.doc.endswith("."), spec.type
        for param in spec.schema:
            assert param.doc, f"{spec.type}.{param.name}"
            assert param.check(param.default) is None, f"{spec.type}.{param.name} default"


@pytest.mark.parametrize("type_name", SINGLE_INPUT)
def test_shape_rule_and_param_count_agree_with_torch(type_name):
    shape, params = SAMPLE_INPUT.get(type_name, ((4, 6), {}))
    project = project_from_dict(chain_project(("n", type_name, params)))
    inference = infer(project.graph, shape)
    assert inference.ok, inference.problems
    model = build_model(project.graph, shape).eval()
    x = torch.randint(0, 10, (3, *shape)).float() if type_name == "Embedding" else torch.randn(3, *shape)
    with torch.no_grad():
        out = model(x)
    assert tuple(out.shape) == (3, *inference.shapes["n"])
    real = sum(p.numel() for p in model.parameters())
    assert inference.param_counts["n"] == real


#: torch keyword arguments a hand-written project may use (the format: "take that class's keyword
#: arguments"), including those that change the output shape
TORCH_KEYWORDS = [
    ("Conv1d", (3, 11), {"out_channels": 4, "kernel_size": 4, "padding": "same", "dilation": 2}),
    ("Conv1d", (3, 11), {"out_channels": 4, "kernel_size": 3, "padding": "valid", "padding_mode": "circular"}),
    ("Conv2d", (2, 9, 7), {"out_channels": 3, "kernel_size": [3, 2], "padding": "same", "padding_mode": "reflect"}),
    ("Conv2d", (2, 9, 7), {"out_channels": 3, "kernel_size": 3, "stride": 2, "padding": [1, 2],
                           "padding_mode": "replicate"}),
    ("MaxPool1d", (2, 10), {"kernel_size": 3, "stride": 2, "ceil_mode": True}),
    ("MaxPool1d", (2, 11), {"kernel_size": 2, "dilation": 3, "padding": 1}),
    ("MaxPool1d", (2, 1), {"kernel_size": 2, "stride": 2, "ceil_mode": True}),  # a partial window only
    ("Conv1d", (3, 4), {"out_channels": 2, "kernel_size": 4, "padding": "same", "padding_mode": "reflect"}),
    ("MaxPool2d", (2, 9, 8), {"kernel_size": 2, "stride": 2, "ceil_mode": True}),
    ("MaxPool2d", (2, 9, 8), {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True, "dilation": [1, 2]}),
    ("AvgPool2d", (2, 7, 7), {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True,
                              "count_include_pad": False}),
    ("AvgPool2d", (2, 8, 8), {"kernel_size": 2, "divisor_override": 3}),
    ("BatchNorm1d", (6,), {"track_running_stats": False}),
    ("LayerNorm", (5, 6), {"normalized_shape": [5, 6], "bias": False}),
    ("LayerNorm", (5, 6), {"normalized_shape": 6}),
    ("Embedding", (7,), {"num_embeddings": 10, "embedding_dim": 3, "padding_idx": 0, "max_norm": 1.0,
                         "norm_type": 1.0, "scale_grad_by_freq": True}),
    ("LSTM", (6, 3), {"hidden_size": 6, "proj_size": 2, "bidirectional": True, "return": "sequence",
                      "batch_first": True}),
    ("ReLU", (4,), {"inplace": True}),
    ("Dropout", (4,), {"p": 0.2, "inplace": True}),
    ("LeakyReLU", (4,), {"negative_slope": 0.1, "inplace": True}),
]


@pytest.mark.parametrize("type_name, shape, params", TORCH_KEYWORDS,
                         ids=[f"{t}-{'-'.join(p)}" for t, _, p in TORCH_KEYWORDS])
def test_torch_keyword_arguments_are_accepted_and_shapes_agree(type_name, shape, params):
    project = project_from_dict(chain_project(("n", type_name, params)))
    inference = infer(project.graph, shape)
    assert inference.ok, inference.problems
    model = build_model(project.graph, shape).eval()
    x = torch.randint(0, 10, (3, *shape)).float() if type_name == "Embedding" else torch.randn(3, *shape)
    before = x.clone()
    with torch.no_grad():
        out = model(x)
    assert tuple(out.shape) == (3, *inference.shapes["n"])
    assert inference.param_counts["n"] == sum(p.numel() for p in model.parameters())
    assert torch.equal(x, before)  # "inplace" never overwrites a value another node may read


@pytest.mark.parametrize("type_name, params, message", [
    ("Conv2d", {"out_channels": 2, "stride": 2, "padding": "same"}, "padding 'same' needs stride 1"),
    ("Conv2d", {"out_channels": 2, "padding": "full"}, "'padding' must be an integer or a pair of integers or 'same'"),
    ("MaxPool2d", {"return_indices": True}, "unknown parameter 'return_indices'"),
    ("Linear", {"dtype": "float64"}, "unknown parameter 'dtype'"),
    ("LayerNorm", {"normalized_shape": [4]}, "normalized_shape [4] must be the trailing dims"),
    ("LSTM", {"hidden_size": 4, "proj_size": 4}, "proj_size (4) must be smaller than hidden_size (4)"),
    ("Conv2d", {"out_channels": 2, "padding": 8, "padding_mode": "reflect"}, "'reflect' needs padding (8) smaller"),
    ("Conv2d", {"out_channels": 2, "padding": 9, "padding_mode": "circular"}, "'circular' needs padding (9) at most"),
    ("LayerNorm", {"normalized_shape": []}, "normalized_shape [] must be the trailing dims"),
    ("GRU", {"batch_first": False}, "'batch_first' must be one of True"),
])
def test_torch_keyword_arguments_that_cannot_work_here_are_refused_naming_the_node(type_name, params, message):
    project = project_from_dict(chain_project(("n", type_name, params)))
    shape = (6, 3) if type_name in ("LSTM", "GRU") else (2, 6) if type_name == "LayerNorm" else (2, 8, 8)
    problems = infer(project.graph, shape).problems
    assert any(message in str(p) and p.node_ids[0] == "n" for p in problems), [str(p) for p in problems]


def test_recurrent_return_last_is_the_last_step_of_the_sequence():
    torch.manual_seed(0)
    seq = project_from_dict(chain_project(("r", "LSTM", {"hidden_size": 4, "return": "sequence"})))
    last = project_from_dict(chain_project(("r", "LSTM", {"hidden_size": 4})))
    seq_model, last_model = build_model(seq.graph, (5, 2)), build_model(last.graph, (5, 2))
    last_model.load_state_dict(seq_model.state_dict())
    x = torch.randn(2, 5, 2)
    assert torch.allclose(seq_model(x)[:, -1], last_model(x))


def test_convolution_and_pooling_shape_rules_agree_with_torch_on_random_options():
    # every combination either gets the shape torch computes or is refused, exactly when torch
    # refuses it (500 seeded draws over sizes, kernels, strides, dilation, padding and its modes)
    import random

    from dlplayground.layers.spec import ShapeError

    rng = random.Random(0)
    disagreements = []
    for _ in range(500):
        type_name = rng.choice(["Conv1d", "Conv2d", "MaxPool1d", "MaxPool2d", "AvgPool2d"])
        size = rng.randint(1, 7)
        kernel, stride, dilation = rng.randint(1, 5), rng.randint(1, 3), rng.randint(1, 3)
        if type_name.startswith("Conv"):
            padding = rng.choice([0, 1, 2, 3, "same", "valid"])
            params = {"out_channels": 2, "kernel_size": kernel, "stride": 1 if padding == "same" else stride,
                      "padding": padding, "dilation": dilation,
                      "padding_mode": rng.choice(["zeros", "reflect", "replicate", "circular"])}
            shape = (3, size) if type_name == "Conv1d" else (3, size, rng.randint(1, 7))
        else:
            params = {"kernel_size": kernel, "stride": stride, "padding": rng.randint(0, 2),
                      "ceil_mode": rng.choice([True, False])}
            if type_name != "AvgPool2d":
                params["dilation"] = dilation
            shape = (2, size) if type_name == "MaxPool1d" else (2, size, rng.randint(1, 7))
        spec = CATALOGUE[type_name]
        if spec.schema.problems(params):
            continue
        resolved = spec.schema.resolve(params)
        try:
            ours = tuple(spec.shape_rule([shape], resolved))
        except ShapeError:
            ours = None
        try:
            with torch.no_grad():
                theirs = tuple(spec.factory([shape], resolved)(torch.randn(2, *shape)).shape[1:])
        except (RuntimeError, ValueError):
            theirs = None
        if ours != theirs:
            disagreements.append((type_name, shape, params, ours, theirs))
    assert not disagreements, disagreements[:5]
