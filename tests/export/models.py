"""Small projects and datasets for export tests, and a cached exported model shared by the
export, command and window tests (exporting takes about a second, so it happens once)."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import torch

from dlplayground.data import Dataset, RawData, prepare
from dlplayground.export.pipeline import export_project, prepare_model
from dlplayground.graph import Project, project_from_dict


def graph_project(nodes: list[tuple[str, str, dict[str, Any]]], edges: list[tuple[str, str, int]],
                  name: str = "coverage") -> Project:
    """A project from (id, type, params) nodes and (src, dst, port) edges."""
    return project_from_dict({
        "name": name,
        "graph": {
            "nodes": [{"id": i, "type": t, "params": p} for i, t, p in nodes],
            "edges": [{"src": s, "dst": d, **({"dst_port": port} if port else {})} for s, d, port in edges],
        },
        "training": {"seed": 0},
    })


def chain(*layers: tuple[str, str, dict[str, Any]], name: str = "coverage") -> Project:
    """Input 'x' -> layers -> Output 'y'."""
    nodes = [("x", "Input", {}), *layers, ("y", "Output", {})]
    return graph_project(nodes, [(a[0], b[0], 0) for a, b in zip(nodes, nodes[1:])], name)


def dataset(shape: tuple[int, ...], layout: str = "features", classes: int = 3, samples: int = 80,
            task: str = "classification", standardise: bool = True, tokens: int = 0, seed: int = 0) -> Dataset:
    """A random dataset with a non-trivial standardisation (offset and scaled inputs)."""
    rng = np.random.default_rng(seed)
    if tokens:
        x = rng.integers(0, tokens, (samples, *shape)).astype(np.float32)
    else:
        x = (rng.standard_normal((samples, *shape)) * 3.0 + 5.0).astype(np.float32)
    if task == "classification":
        y = rng.integers(0, classes, samples)
        names = tuple(f"c{i}" for i in range(classes))
    else:
        y, names = rng.standard_normal((samples, 1)).astype(np.float32), ()
    raw = RawData(x, y, task, layout, names, standardise=standardise)  # type: ignore[arg-type]
    return prepare("test", raw, 0.25, seed)


def trained_like(project: Project, data: Dataset, seed: int = 1) -> torch.nn.Module:
    """The project's module with random weights and BatchNorm statistics (as if trained)."""
    model, _ = prepare_model(project, data)
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, tensor in model.state_dict().items():
            if not tensor.is_floating_point():
                continue
            if name.endswith("running_var"):
                tensor.copy_(torch.rand(tensor.shape, generator=generator) + 0.5)
            else:
                tensor.copy_(torch.randn(tensor.shape, generator=generator) * 0.5)
    return model


def spiral_project() -> Project:
    return project_from_dict({
        "name": "Tiny spiral",
        "graph": {
            "nodes": [{"id": "points", "type": "Input"}, {"id": "fc1", "type": "Linear", "params": {"out_features": 8}},
                      {"id": "act", "type": "Tanh"}, {"id": "fc2", "type": "Linear", "params": {"out_features": 3}},
                      {"id": "scores", "type": "Output"}],
            "edges": [{"src": "points", "dst": "fc1"}, {"src": "fc1", "dst": "act"}, {"src": "act", "dst": "fc2"},
                      {"src": "fc2", "dst": "scores"}],
        },
        "data": {"name": "spiral", "params": {"samples": 120, "classes": 3}, "val_split": 0.25, "seed": 0},
        "training": {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.01}, "batch_size": 16,
                     "epochs": 1, "seed": 0},
    })


def digits_project() -> Project:
    project = chain(("conv", "Conv2d", {"out_channels": 4, "kernel_size": 3, "padding": 1}), ("relu", "ReLU", {}),
                    ("pool", "MaxPool2d", {"kernel_size": 2}), ("flat", "Flatten", {}),
                    ("fc", "Linear", {"out_features": 10}), name="Tiny digits")
    project.data = {"name": "digits", "val_split": 0.2, "seed": 0}
    return project


@functools.lru_cache(maxsize=None)
def _exported(kind: str) -> bytes:
    from dlplayground.data import load_dataset

    project = spiral_project() if kind == "spiral" else digits_project()
    data = load_dataset(project.data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}.onnx"
        report = export_project(project, path, dataset=data, weights=trained_like(project, data))
        assert report.ok, report.lines()
        return path.read_bytes()


def exported_model(kind: str, folder: Path) -> Path:
    """Write the cached export of the tiny ``spiral`` or ``digits`` classifier into ``folder``."""
    path = folder / f"{kind}.onnx"
    path.write_bytes(_exported(kind))
    return path


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
        ("pool", "MaxPool1d", {"kernel_size": 2}), ("swap", "Transpose", {"perm": [0, 2, 1]}),
        ("flat", "Flatten", {}),
        ("head", "Linear", {"out_features": 1})), dataset((12, 2), "sequence", task="regression")),
    "recurrent": lambda: (chain(
        ("rnn", "RNN", {"hidden_size": 4, "num_layers": 2, "bidirectional": True, "nonlinearity": "relu",
                        "return": "sequence"}),
        ("lstm", "LSTM", {"hidden_size": 5, "return": "sequence"}),
        ("gru", "GRU", {"hidden_size": 3, "bidirectional": True}),
        ("head", "Linear", {"out_features": 1})), dataset((4, 2), "sequence", task="regression")),
    "torch_keywords": lambda: (chain(
        ("conv", "Conv2d", {"out_channels": 4, "kernel_size": 3, "padding": "same", "padding_mode": "reflect"}),
        ("bn", "BatchNorm2d", {"track_running_stats": False}),
        ("max", "MaxPool2d", {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True}),
        ("avg", "AvgPool2d", {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True,
                              "count_include_pad": False}),
        ("ln", "LayerNorm", {"normalized_shape": [4, 3, 3], "bias": False}), ("relu", "ReLU", {"inplace": True}),
        ("flat", "Flatten", {}), ("head", "Linear", {"out_features": 3})), dataset((2, 9, 9), "image")),
    "generative": lambda: (graph_project(
        [("x", "Input", {}), ("up", "ConvTranspose2d", {"out_channels": 3, "kernel_size": 4, "stride": 2, "padding": 1}),
         ("up2", "ConvTranspose2d", {"out_channels": 2, "kernel_size": [3, 2], "stride": [1, 2], "output_padding": [0, 1],
                                     "padding": 0, "bias": False}),
         ("flat", "Flatten", {}), ("mu", "Linear", {"out_features": 4}), ("logvar", "Linear", {"out_features": 4}),
         ("z", "Reparameterize", {}), ("head", "Linear", {"out_features": 3}), ("y", "Output", {})],
        [("x", "up", 0), ("up", "up2", 0), ("up2", "flat", 0), ("flat", "mu", 0), ("flat", "logvar", 0),
         ("mu", "z", 0), ("logvar", "z", 1), ("z", "head", 0), ("head", "y", 0)]), dataset((2, 4, 4), "image")),
    "tokens": lambda: (chain(
        ("embed", "Embedding", {"num_embeddings": 11, "embedding_dim": 4, "padding_idx": 0}), ("flat", "Flatten", {}),
        ("head", "Linear", {"out_features": 2})), dataset((6,), classes=2, standardise=False, tokens=11)),
}
