"""The plain-vs-residual example projects, generated so each residual one is exactly the twin of
its plain one (the same layers, ids and settings, plus the skips :func:`make_residual_twin` adds).

``python -m dlplayground.experiments.presets [FOLDER]`` rewrites them (default: the examples
folder of the source tree); a test checks that the shipped files equal what this module makes.
The same builders give the degradation experiment its networks.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from dlplayground.compile.residual import make_residual_twin, twin_name
from dlplayground.data import describe
from dlplayground.graph.io import FORMAT, VERSION, atomic_write_text

SPIRAL_DATA: dict[str, Any] = {"name": "spiral", "params": {"samples": 1000, "noise": 0.1, "classes": 3},
                               "val_split": 0.2, "seed": 0}
DIGITS_DATA: dict[str, Any] = {"name": "digits", "params": {}, "val_split": 0.2, "seed": 0}
MLP_TRAINING: dict[str, Any] = {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.003},
                                "batch_size": 32, "epochs": 50, "seed": 0}
CNN_TRAINING: dict[str, Any] = {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.003},
                                "batch_size": 64, "epochs": 15, "seed": 0}
#: horizontal distance between consecutive nodes of a generated chain, in scene units
NODE_SPACING = 200
#: keys written first, in this order, by :func:`format_project`
_KEY_ORDER = ("format", "version", "name", "description", "graph", "data", "training")

Layer = tuple[str, str, dict[str, Any]]


def chain_project(layers: Sequence[Layer], name: str, description: str, data: Mapping[str, Any],
                  training: Mapping[str, Any]) -> dict[str, Any]:
    """A project: Input -> layers -> Output in one row, each layer given as (id, type, params)."""
    nodes: list[dict[str, Any]] = [{"id": "x", "type": "Input", "params": {}}]
    nodes += [{"id": node_id, "type": kind, "params": dict(params)} for node_id, kind, params in layers]
    nodes.append({"id": "y", "type": "Output", "params": {}})
    for index, node in enumerate(nodes):
        node["pos"] = [index * NODE_SPACING, 0]
    return {
        "format": FORMAT, "version": VERSION, "name": name, "description": description,
        "graph": {"nodes": nodes, "edges": [{"src": a["id"], "dst": b["id"]} for a, b in zip(nodes, nodes[1:])]},
        "data": json.loads(json.dumps(data)), "training": json.loads(json.dumps(training)),
    }


def deep_mlp(depth: int, activation: str = "Sigmoid", width: int = 32, batchnorm: bool = False,
             data: Mapping[str, Any] = SPIRAL_DATA, training: Mapping[str, Any] = MLP_TRAINING,
             name: str | None = None, description: str | None = None) -> dict[str, Any]:
    """A plain MLP of ``depth`` Linear layers (the last one the head), each hidden one followed by
    an optional BatchNorm1d and ``activation``.

    Raises:
        ValueError: ``depth`` is below 4 (a first layer, two to skip over and a head).
    """
    if depth < 4:
        raise ValueError(f"depth must be at least 4 (the twin skips over two layers), got {depth}")
    layers: list[Layer] = []
    for index in range(depth - 1):
        layers.append((f"fc{index}", "Linear", {"out_features": width}))
        if batchnorm:
            layers.append((f"bn{index}", "BatchNorm1d", {}))
        layers.append((f"act{index}", activation, {}))
    layers.append(("head", "Linear", {"out_features": _classes(data)}))
    norm = ", batch norm" if batchnorm else ""
    return chain_project(
        layers,
        name or f"Deep plain MLP ({depth} layers, {activation.lower()}{norm})",
        description or (f"{depth} Linear layers of width {width} with {activation} in a plain chain. "
                        "Watch the gradient-flow heatmap: the first layers' gradients vanish."),
        data, training,
    )


def deep_cnn(depth: int = 20, widths: Sequence[int] = (16, 32, 64), batchnorm: bool = True,
             data: Mapping[str, Any] = DIGITS_DATA, training: Mapping[str, Any] = CNN_TRAINING,
             name: str | None = None, description: str | None = None) -> dict[str, Any]:
    """A plain CNN in the shape of the CIFAR ResNets: a 3x3 stem, then one stage of 3x3
    convolutions per width (each later stage starts with a stride-2 convolution), global average
    pooling and a Linear head; ``depth`` counts the convolutions and the head.

    Raises:
        ValueError: the inner convolutions do not split evenly into the stages.
    """
    inner = depth - 2
    if inner < len(widths) or inner % len(widths):
        raise ValueError(f"depth - 2 = {inner} inner convolutions do not split into {len(widths)} stages")
    per_stage = inner // len(widths)
    layers: list[Layer] = []

    def conv(index: int, channels: int, stride: int = 1) -> None:
        params: dict[str, Any] = {"out_channels": channels, "kernel_size": 3, "padding": 1}
        if stride != 1:
            params["stride"] = stride
        layers.append((f"conv{index}", "Conv2d", params))
        if batchnorm:
            layers.append((f"bn{index}", "BatchNorm2d", {}))
        layers.append((f"relu{index}", "ReLU", {}))

    conv(0, widths[0])
    for stage, channels in enumerate(widths):
        for offset in range(per_stage):
            conv(1 + stage * per_stage + offset, channels, 2 if stage and not offset else 1)
    layers += [("gap", "AdaptiveAvgPool2d", {"output_size": 1}), ("flat", "Flatten", {}),
               ("head", "Linear", {"out_features": _classes(data)})]
    norm = " with batch norm" if batchnorm else ""
    return chain_project(
        layers,
        name or f"Deep plain CNN ({depth} layers{norm})",
        description or (f"{depth - 1} 3x3 convolutions{norm} in {len(widths)} stages and a Linear head, "
                        "a plain chain shaped like the CIFAR ResNets."),
        data, training,
    )


def residual_twin(plain: Mapping[str, Any], name: str, description: str) -> dict[str, Any]:
    """The residual twin of a generated plain project, under its own name and description."""
    twin = make_residual_twin(plain, describe(plain["data"]).input_shape)
    twin["name"], twin["description"] = name, description
    return twin


def _pair(plain: dict[str, Any], what: str) -> tuple[dict[str, Any], dict[str, Any]]:
    twin = residual_twin(
        plain, twin_name(plain["name"]),
        f"The residual twin of '{plain['name']}': the same {what} and ids, with identity skip "
        "connections around every two layers (pre-activation form). Compare the two with "
        "Tools > Compare Plain vs Residual.",
    )
    return plain, twin


def _mlp_pair(depth: int, activation: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return _pair(deep_mlp(depth, activation), "layers")


def _cnn_pair() -> tuple[dict[str, Any], dict[str, Any]]:
    plain = deep_cnn(description=(
        "19 3x3 convolutions with batch norm in three stages (16, 32, 64 channels) and a Linear head "
        "on the 8x8 digits: a plain chain shaped like ResNet-20. Batch norm keeps it trainable; "
        "compare how fast it and its residual twin fit the data."))
    return _pair(plain, "layers")


#: file stem of the plain preset -> (file stem of its twin, builder of the pair)
PAIRS: dict[str, tuple[str, Callable[[], tuple[dict[str, Any], dict[str, Any]]]]] = {
    "deep_plain_mlp": ("deep_residual_mlp", lambda: _mlp_pair(20, "Sigmoid")),
    "deep_plain_mlp50": ("deep_residual_mlp50", lambda: _mlp_pair(50, "Sigmoid")),
    "deep_plain_relu_mlp": ("deep_residual_relu_mlp", lambda: _mlp_pair(20, "ReLU")),
    "deep_plain_relu_mlp50": ("deep_residual_relu_mlp50", lambda: _mlp_pair(50, "ReLU")),
    "deep_plain_cnn": ("deep_residual_cnn", _cnn_pair),
}
EXTENSION = ".dlp.json"


def presets() -> dict[str, dict[str, Any]]:
    """File name -> project, for every plain preset and its twin."""
    made: dict[str, dict[str, Any]] = {}
    for plain_stem, (twin_stem, build) in PAIRS.items():
        plain, twin = build()
        made[plain_stem + EXTENSION] = plain
        made[twin_stem + EXTENSION] = twin
    return made


def format_project(raw: Mapping[str, Any]) -> str:
    """Project JSON that stays readable for long chains: one node or edge per line."""
    keys = [k for k in _KEY_ORDER if k in raw] + [k for k in raw if k not in _KEY_ORDER]
    lines = []
    for key in keys:
        value = raw[key]
        if key == "graph":
            graph_lines = []
            for part in ("nodes", "edges"):
                items = ",\n".join(f"      {_compact(item)}" for item in value.get(part, []))
                graph_lines.append(f'    "{part}": [\n{items}\n    ]')
            graph_lines += [f"    {_compact(k)}: {_compact(v)}" for k, v in value.items() if k not in ("nodes", "edges")]
            lines.append('  "graph": {\n' + ",\n".join(graph_lines) + "\n  }")
        else:
            lines.append(f"  {_compact(key)}: {_compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _classes(data: Mapping[str, Any]) -> int:
    info = describe(data)
    if not info.class_names:
        raise ValueError(f"dataset '{data.get('name')}' is not a classification set")
    return len(info.class_names)


def write_presets(folder: str | Path) -> list[Path]:
    """Write every preset into ``folder`` (atomically, file by file); return the paths."""
    folder = Path(folder)
    written = []
    for file_name, project in presets().items():
        path = folder / file_name
        atomic_write_text(path, format_project(project))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    from dlplayground.resources import examples_dir

    parser = argparse.ArgumentParser(description="Write the plain-vs-residual example projects.")
    parser.add_argument("folder", nargs="?", help="where to write them (default: the examples folder)")
    args = parser.parse_args(argv)
    folder = args.folder or examples_dir()
    if folder is None:
        parser.error("no examples folder found; name one")
    for path in write_presets(folder):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
