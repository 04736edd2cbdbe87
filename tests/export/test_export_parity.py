"""Every catalogue type and every example project exports, and onnxruntime matches PyTorch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
import torch

from dlplayground.data import load_dataset
from dlplayground.export.pipeline import export_project
from dlplayground.export.runtime import create_session
from dlplayground.graph import load_project
from dlplayground.layers.catalogue import CATALOGUE

from tests.conftest import EXAMPLES
from tests.export.models import chain, dataset, graph_project, trained_like

#: small graphs that together hold every catalogue type: name -> (project, dataset)
COVERAGE = {
    "dense": lambda: (chain(
        ("fc", "Linear", {"out_features": 8}), ("bn", "BatchNorm1d", {}), ("ln", "LayerNorm", {}),
        ("drop", "Dropout", {"p": 0.3}), ("same", "Identity", {}), ("relu", "ReLU", {}),
        ("leaky", "LeakyReLU", {"negative_slope": 0.2}), ("elu", "ELU", {}), ("gelu", "GELU", {}),
        ("gelu_tanh", "GELU", {"approximate": "tanh"}), ("sig", "Sigmoid", {}), ("tanh", "Tanh", {}),
        ("grid", "Reshape", {"shape": [2, -1]}), ("flat", "Flatten", {}), ("head", "Linear", {"out_features": 3}),
        ("probs", "Softmax", {"dim": -1})), dataset((5,))),
    "merge": lambda: (graph_project(
        [("x", "Input", {}), ("a", "Linear", {"out_features": 4}), ("b", "Linear", {"out_features": 4}),
         ("sum", "Add", {}), ("cat", "Concat", {"dim": 1}), ("head", "Linear", {"out_features": 3}), ("y", "Output", {})],
        [("x", "a", 0), ("x", "b", 0), ("a", "sum", 0), ("b", "sum", 1), ("x", "sum", 2), ("sum", "cat", 0),
         ("b", "cat", 1), ("x", "cat", 2), ("cat", "head", 0), ("head", "y", 0)]), dataset((4,))),
    "image": lambda: (chain(
        ("conv", "Conv2d", {"out_channels": 4, "kernel_size": 3, "padding": 1}), ("bn", "BatchNorm2d", {}),
        ("lrn", "LocalResponseNorm", {"size": 3}), ("max", "MaxPool2d", {"kernel_size": 2}),
        ("avg", "AvgPool2d", {"kernel_size": 3, "stride": 1, "padding": 1}),
        ("adapt", "AdaptiveAvgPool2d", {"output_size": 3}), ("flat", "Flatten", {}),
        ("head", "Linear", {"out_features": 3})), dataset((2, 8, 8), "image")),
    "conv1d": lambda: (chain(
        ("to_channels", "Reshape", {"shape": [2, 12]}), ("conv", "Conv1d", {"out_channels": 3, "kernel_size": 3}),
        ("pool", "MaxPool1d", {"kernel_size": 2}), ("flat", "Flatten", {}),
        ("head", "Linear", {"out_features": 1})), dataset((12, 2), "sequence", task="regression")),
    "recurrent": lambda: (chain(
        ("rnn", "RNN", {"hidden_size": 4, "num_layers": 2, "bidirectional": True, "nonlinearity": "relu",
                        "return": "sequence"}),
        ("lstm", "LSTM", {"hidden_size": 5, "return": "sequence"}),
        ("gru", "GRU", {"hidden_size": 3, "bidirectional": True}),
        ("head", "Linear", {"out_features": 1})), dataset((4, 2), "sequence", task="regression")),
    "tokens": lambda: (chain(
        ("embed", "Embedding", {"num_embeddings": 11, "embedding_dim": 4}), ("flat", "Flatten", {}),
        ("head", "Linear", {"out_features": 2})), dataset((6,), classes=2, standardise=False, tokens=11)),
}


def test_coverage_graphs_hold_every_catalogue_type():
    used = {node.type for build in COVERAGE.values() for node in build()[0].graph.nodes}
    assert set(CATALOGUE) - used == set()


@pytest.mark.parametrize("name", list(COVERAGE))
def test_each_layer_type_exports_with_parity(name, tmp_path):
    project, data = COVERAGE[name]()
    model = trained_like(project, data)
    report = export_project(project, tmp_path / f"{name}.onnx", dataset=data, weights=model)

    assert report.verification.checker_ok, report.lines()
    assert [c.batch for c in report.verification.comparisons] == [1, len(data.raw_val)]
    assert report.ok, "\n".join(report.lines())
    # the model takes raw inputs: onnxruntime(raw) == PyTorch(standardised), at another batch size too
    raw = data.raw_val[:3]
    session = create_session(report.path)
    onnx_out = session.run(None, {"x": raw})[0]
    with torch.inference_mode():
        torch_out = model(torch.from_numpy(data.standardise(raw))).numpy()
    np.testing.assert_allclose(onnx_out, torch_out, rtol=1e-3, atol=1e-5)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.dlp.json")), ids=lambda p: p.name.split(".")[0])
def test_each_example_project_exports_with_parity(path: Path, tmp_path):
    project = load_project(path)
    data = load_dataset(project.data, path.parent)
    report = export_project(project, tmp_path / "model.onnx", dataset=data, weights=trained_like(project, data))

    assert report.ok, "\n".join(report.lines())
    assert [c.batch for c in report.verification.comparisons] == [1, min(64, len(data.raw_val))]
    model = onnx.load(str(report.path))
    batch_dims = [v.type.tensor_type.shape.dim[0] for v in (*model.graph.input, *model.graph.output)]
    assert all(d.dim_param and not d.dim_value for d in batch_dims), "the batch axis must stay free"
