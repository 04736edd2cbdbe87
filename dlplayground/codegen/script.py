"""Write a project as a standalone PyTorch training script: ``train.py`` beside ``data.npz``.

The script is for outgrowing the playground: plain, editable PyTorch that trains the drawn
network on a bigger machine with nothing but numpy, torch and safetensors installed. It is
generated from the same objects the app trains with (the catalogue's layer constructors, the
resolved training settings, the objective), and its loop is :mod:`dlplayground.codegen.loop`
copied verbatim, so on the same device it repeats the app's run: same initial weights, batch
order and metrics. Its output folder is a run folder the app and ``dlplayground export`` read.
"""

from __future__ import annotations

import ast
import inspect
import keyword
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from dlplayground import __version__
from dlplayground.codegen import generative_script, loop
from dlplayground.training import data_parallel
from dlplayground.compile.module import layer_steps
from dlplayground.compile.infer import Inference
from dlplayground.data.files import resolve_path
from dlplayground.graph.document import Graph
from dlplayground.graph.folders import PROJECT_FILE, file_stem
from dlplayground.graph.io import atomic_write_bytes, atomic_write_text, dumps_project, project_from_dict
from dlplayground.layers import modules as playground_modules
from dlplayground.layers.shapes import fmt
from dlplayground.layers.spec import Constructor
from dlplayground.training.config import TrainingConfig
from dlplayground.training.objective import SupervisedLoss, make_objective
from dlplayground.training.setup import TrainingSetup, prepare_training

SCRIPT_FILE = "train.py"
DATA_FILE = "data.npz"

#: the files an export writes
WRITTEN_FILES = (SCRIPT_FILE, DATA_FILE, PROJECT_FILE)
#: the code that turns dataset labels into a loss's targets, by :attr:`SupervisedLoss.targets`
_ENCODE_CODE = {
    "same": "return y  # labels (or regression values) as they are",
    "column": "return y.float().unsqueeze(1)  # one logit per sample: labels as floats [N, 1]",
    "one_hot": "return nn.functional.one_hot(y, {classes}).float()  # one output per class",
}
#: the code that turns outputs into class labels, by :attr:`SupervisedLoss.decision`
_DECISION_CODE = {
    "argmax": "return outputs.argmax(dim=1)",
    "logit": "return (outputs[:, 0] > 0.0).long()  # one logit: positive means class 1",
    "probability": "return (outputs[:, 0] > 0.5).long()  # one probability: above 0.5 means class 1",
}


@dataclass(frozen=True)
class ScriptExport:
    folder: Path
    script: Path
    data: Path


def export_script(setup: TrainingSetup, out_dir: str | Path, base_dir: str | Path | None = None) -> ScriptExport:
    """Write ``train.py``, ``data.npz`` and ``project.json`` into ``out_dir`` (created if needed).

    Each file is written atomically and replaces only its namesake: whatever else the folder
    holds (the script's own run folders, say) stays. ``base_dir`` is the project's folder: a
    data file named relative to it is named absolutely in the copied ``project.json``, which
    ``dlplayground export`` reads from the new folder.

    Raises:
        ValueError: a parameter value that cannot be written as Python (named).
        OSError: the folder cannot be written.
    """
    script_text = training_script(setup)  # before writing anything: it may refuse a value
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # the script last: a folder holding a new train.py also holds the data it was written for
    atomic_write_bytes(out_dir / DATA_FILE, _data_bytes(setup))
    atomic_write_text(out_dir / PROJECT_FILE, dumps_project(_with_absolute_data_path(setup.project, base_dir)))
    script = out_dir / SCRIPT_FILE
    atomic_write_text(script, script_text)
    script.chmod(script.stat().st_mode | 0o111)
    return ScriptExport(out_dir, script, out_dir / DATA_FILE)


def export_project_script(project: Mapping[str, Any], base_dir: str | Path | None, out_dir: str | Path, *,
                          epochs: int | None = None, seed: int | None = None) -> tuple[ScriptExport, TrainingSetup]:
    """Prepare a project as a run would (data, settings and graph checked, the loss against the
    output, the optimiser's values), then write its script into ``out_dir``.

    Raises:
        ProjectFormatError, DataError, TrainingConfigError, ValidationError: naming what is
            wrong and where; ValueError, OSError: as :func:`export_script`.
    """
    setup = prepare_training(project, base_dir, epochs=epochs, seed=seed, device="cpu")
    setup.trainer()  # the checks a run makes before its first step; the script makes none
    return export_script(setup, out_dir, base_dir), setup


def _with_absolute_data_path(project: dict[str, Any], base_dir: str | Path | None) -> dict[str, Any]:
    data = project.get("data") or {}
    path = (data.get("params") or {}).get("path")
    if not isinstance(path, str) or Path(path).is_absolute():
        return project
    # where the loader found the file (it was read to prepare the run, so it exists)
    absolute = str(resolve_path(path, Path(base_dir) if base_dir is not None else None).resolve())
    return {**project, "data": {**data, "params": {**data["params"], "path": absolute}}}


def training_script(setup: TrainingSetup) -> str:
    """The whole ``train.py`` for a prepared project."""
    name = str(setup.project.get("name") or "model")
    document = project_from_dict(setup.project)
    graph = document.graph
    config = setup.config
    data = setup.dataset
    header = f'''#!/usr/bin/env python3
"""Train {_docstring_safe(repr(name))}: a standalone PyTorch script exported by dlplayground {__version__}.

Needs numpy, torch and safetensors (pip install numpy torch safetensors). It trains the network
drawn in dlplayground with the project's settings, seed and batch order, so on the same device
it repeats the app's run: {config.epochs} epochs of {config.optimizer} on {_docstring_safe(repr(data.name))}
({len(data.x_train)} training and {len(data.x_val)} validation samples).

    python {SCRIPT_FILE} [--epochs N] [--seed S] [--device auto|cpu|cuda|mps] [--out DIR]
    torchrun --nproc-per-node N {SCRIPT_FILE} [...]   (data-parallel: N processes share each batch)

{DATA_FILE} beside it holds the split, inputs already standardised with the training split's
statistics (kept in it as `mean` and `std`, to standardise new raw inputs the same way).
DIR receives metrics.csv, weights.safetensors (keys `<node id>.<name>`, as in dlplayground's
run folders) and summary.json; `dlplayground export project.json --weights DIR -o model.onnx`
turns the result into an ONNX model. This file is yours to edit.
"""
'''
    imports, parallel_body, loop_body = _loop_source()
    if config.objective != "supervised":
        return "\n".join([header, imports]
                         + [_section(title) + text for title, text in
                            generative_script.network_sections(setup, document, model_source, playground_classes)]
                         + [_section("the training settings (the project's \"training\" section)")
                            + generative_script.settings_source(config, _literal),
                            # the loop's helpers may call the data-parallel code (one process here)
                            _section("data-parallel helpers (dlplayground's own, unchanged)") + parallel_body,
                            "\n" + generative_script.loop_body(),
                            generative_script.main_call(config, name, file_stem(name, "run"))])
    objective = make_objective(config, setup.dataset, setup.model.output_shape, setup.model.output_source)
    layers = playground_classes(graph, setup.inference)
    sections = [
        header,
        imports,
        _section("the playground's own layers") + layers if layers else "",
        _section("the network") + model_source(graph, setup.inference),
        _section("the training settings (the project's \"training\" section)")
        + settings_source(config, objective),
        _section("data-parallel training under torchrun (dlplayground's own, unchanged)") + parallel_body,
        "\n" + loop_body,
        '\nif __name__ == "__main__":\n'
        f"    raise SystemExit(main(Model, SETTINGS, {name!r}, Path(__file__).resolve().parent, {file_stem(name, 'run')!r}))\n",
    ]
    return "\n".join(part for part in sections if part)


def model_source(graph: Graph, inference: Inference, class_name: str = "Model",
                 taps: tuple[str, str] | None = None) -> str:
    """``class Model(nn.Module)``: one submodule per layer node under its node id (the same
    state-dict keys as the app's model), and a forward pass written out in execution order.

    ``taps`` (a VAE's mu and logvar nodes) adds ``with_taps=True`` to the forward pass, which
    then also returns their values."""
    names = _VariableNames()
    input_var = names.add(inference.input_id, preferred="x")
    build_lines, forward_lines, node_ids = [], [], []
    for step in layer_steps(graph, inference):
        constructor = step.constructor
        arguments = _without_defaults(constructor, constructor.arguments(step.input_shapes, step.params))
        prefix = "nn." if constructor.module == "torch.nn" else ""
        shapes = ", ".join(fmt(s) for s in step.input_shapes)
        # the id as a repr() literal: raw, a newline in it would end the comment and start code
        build_lines.append(f"        # {step.node_id!r}: {shapes} -> {fmt(inference.shapes[step.node_id])}")
        build_lines.append(_call(f"        self.layers[{step.key!r}] = {prefix}{constructor.class_name}",
                                 [f"{k}={_literal(v)}" for k, v in arguments.items()]))
        sources = ", ".join(names[s] for s in step.sources)
        forward_lines.append(f"        {names.add(step.node_id)} = self.layers[{step.key!r}]({sources})")
        node_ids.append((step.node_id, step.key))
    output_source = graph.in_edges(inference.output_id)[0].src
    node_map = "".join(f"\n        {node_id!r}: {key!r}," for node_id, key in node_ids)
    if taps is None:
        signature, result = f"    def forward(self, {input_var}):\n", f"        return {names[output_source]}\n\n"
    else:
        signature = f"    def forward(self, {input_var}, with_taps=False):\n"
        result = (f"        if with_taps:  # the VAE's loss needs mu and logvar\n"
                  f"            return {names[output_source]}, {names[taps[0]]}, {names[taps[1]]}\n"
                  f"        return {names[output_source]}\n\n")
    return (
        f"class {class_name}(nn.Module):\n"
        f'    """Input {fmt(inference.shapes[inference.input_id])} per sample, output '
        f'{fmt(inference.shapes[inference.output_id])}."""\n\n'
        "    #: node id in the project -> submodule key, in execution order\n"
        f"    NODE_IDS = {{{node_map}\n    }}\n\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.layers = nn.ModuleDict()\n"
        + "\n".join(build_lines) + "\n\n"
        + signature
        + "\n".join(forward_lines) + "\n"
        + result +
        "    def node_modules(self):\n"
        "        for node_id, key in self.NODE_IDS.items():\n"
        "            yield node_id, self.layers[key]\n"
    )


def playground_classes(graph: Graph, inference: Inference) -> str:
    """The source of the playground's own modules the network uses (Add, the recurrent
    wrappers, ...), with the helper classes they derive from, in their file's order."""
    wanted = {step.constructor.class_name for step in layer_steps(graph, inference)
              if step.constructor.module == playground_modules.__name__}
    source = inspect.getsource(playground_modules)
    classes = {node.name: node for node in ast.parse(source).body if isinstance(node, ast.ClassDef)}
    needed: set[str] = set()
    pending = list(wanted)
    while pending:
        name = pending.pop()
        if name in needed:
            continue
        needed.add(name)
        pending += [base.id for base in classes[name].bases if isinstance(base, ast.Name) and base.id in classes]
    chunks = [ast.get_source_segment(source, node) or "" for node in classes.values() if node.name in needed]
    return "\n\n\n".join(chunks) + "\n" if chunks else ""


def settings_source(config: TrainingConfig, objective: SupervisedLoss) -> str:
    """The loss, target encoding, optimiser, scheduler and loop settings as plain code."""
    optimizer_args = "".join(f", {k}={_literal(v)}" for k, v in config.optimizer_args.items())
    scheduler = "    return None"
    step = None
    if config.scheduler is not None:
        args = dict(config.scheduler_args)
        extra = ""
        if config.scheduler == "OneCycleLR":
            args.setdefault("max_lr", config.lr)
            if "total_steps" not in args:
                extra = ", total_steps=steps_per_epoch * epochs"
        call = "".join(f", {k}={_literal(v)}" for k, v in args.items())
        scheduler = f"    return torch.optim.lr_scheduler.{config.scheduler}(optimizer{call}{extra})"
        step = config.scheduler_interval
    early = config.early_stopping
    early_text = "None" if early is None else (
        f"{{'monitor': {early.monitor!r}, 'patience': {early.patience}, "
        f"'min_delta': {_literal(early.min_delta)}, 'restore_best': {early.restore_best}}}")
    batch = "None" if config.batch_size is None else str(config.batch_size)
    lines = [
        "def make_loss():",
        f"    return nn.{config.loss}()",
        "",
        "",
        "def encode_targets(y):",
        "    " + _ENCODE_CODE[objective.targets].format(classes=objective.classes),
        "",
        "",
    ]
    if objective.decision is not None:
        lines += ["def predict_classes(outputs):", "    " + _DECISION_CODE[objective.decision], "", ""]
    lines += [
        "def make_optimizer(params):",
        f"    return torch.optim.{config.optimizer}(params{optimizer_args})",
        "",
        "",
        "def make_scheduler(optimizer, steps_per_epoch, epochs):",
        scheduler,
        "",
        "",
        "SETTINGS = {",
        f"    'epochs': {config.epochs},",
        f"    'seed': {config.seed},",
        f"    'batch_size': {batch},  # None: the whole training set at every step (batch gradient descent)",
        "    'loss': make_loss,",
        "    'encode': encode_targets,",
        f"    'predict': {'predict_classes' if objective.decision else 'None'},  # None: regression",
        "    'optimizer': make_optimizer,",
        "    'scheduler': make_scheduler,",
        f"    'scheduler_step': {step!r},  # 'epoch', 'step' (after every batch), 'plateau' or None",
        f"    'early_stopping': {early_text},",
        "}",
    ]
    return "\n".join(lines) + "\n"


def _without_defaults(constructor: Constructor, arguments: dict[str, Any]) -> dict[str, Any]:
    """The arguments that differ from the class's own defaults (shorter, and what was chosen)."""
    import importlib

    cls = getattr(importlib.import_module(constructor.module), constructor.class_name)
    try:
        parameters = inspect.signature(cls).parameters
    except (TypeError, ValueError):
        return arguments
    defaults = {name: p.default for name, p in parameters.items() if p.default is not inspect.Parameter.empty}
    return {k: v for k, v in arguments.items()
            if not (k in defaults and type(v) is type(defaults[k]) and v == defaults[k])}


def _loop_source() -> tuple[str, str, str]:
    """The script's imports (the loop module's and the data-parallel module's, less those of
    dlplayground itself), the data-parallel module's code and the loop module's code."""
    loop_imports, loop_body = _split_imports(inspect.getsource(loop))
    parallel_imports, parallel_body = _split_imports(inspect.getsource(data_parallel))
    imports = [i for i in loop_imports if not i.startswith("from dlplayground")]
    seen = {ast.unparse(ast.parse(i)) for i in imports}  # the same import, whatever its comment
    imports += [i for i in parallel_imports if ast.unparse(ast.parse(i)) not in seen]
    return "".join(imports), parallel_body, loop_body


def _split_imports(source: str) -> tuple[list[str], str]:
    """A module's top-level import statements (as source lines) and its code after them."""
    tree = ast.parse(source)
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    lines = source.splitlines(keepends=True)
    texts = ["".join(lines[node.lineno - 1:node.end_lineno or node.lineno]) for node in imports]
    last = imports[-1].end_lineno or imports[-1].lineno
    return texts, "".join(lines[last:]).lstrip("\n")


def _section(title: str) -> str:
    return f"\n# ---- {title} " + "-" * max(3, 92 - len(title) - 8) + "\n"


def _call(head: str, arguments: list[str], width: int = 100) -> str:
    """``head(arg, ...)`` on one line, or one argument per line when that is too wide."""
    line = f"{head}({', '.join(arguments)})"
    if len(line) <= width:
        return line
    indent = " " * (len(head) - len(head.lstrip()) + 4)
    return f"{head}(\n" + "".join(f"{indent}{a},\n" for a in arguments) + f"{indent[:-4]})"


def _literal(value: Any) -> str:
    """Python source for a parameter value (numbers, bools, None, strings, tuples, lists)."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"  # inf and nan have no literal
    if isinstance(value, (list, tuple)):
        items = ", ".join(_literal(v) for v in value)
        return f"[{items}]" if isinstance(value, list) else f"({items}{',' if len(value) == 1 else ''})"
    text = repr(value)
    ast.literal_eval(text)  # a value with no literal form would make a broken script: fail here
    return text


def _docstring_safe(text: str) -> str:
    """``text`` as it may stand inside the script's triple-quoted docstring."""
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def _data_bytes(setup: TrainingSetup) -> bytes:
    import io

    data = setup.dataset
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer, x_train=data.x_train, y_train=data.y_train, x_val=data.x_val, y_val=data.y_val,
        mean=data.mean, std=data.std, class_names=np.array(data.class_names, dtype=str),
    )
    return buffer.getvalue()


class _VariableNames:
    """Python variable names for node ids: readable, unique, never a keyword or a name the
    generated forward pass uses itself."""

    _TAKEN = {"self", "nn", "torch", "np", "Model"}

    def __init__(self) -> None:
        self._by_node: dict[str, str] = {}
        self._used: set[str] = set(self._TAKEN)

    def add(self, node_id: str, preferred: str | None = None) -> str:
        base = preferred or re.sub(r"\W", "_", node_id, flags=re.ASCII)
        if not base or base[0].isdigit() or keyword.iskeyword(base) or base in self._TAKEN:
            base = f"node_{base}"
        name, suffix = base, 2
        while name in self._used:
            name, suffix = f"{base}_{suffix}", suffix + 1
        self._used.add(name)
        self._by_node[node_id] = name
        return name

    def __getitem__(self, node_id: str) -> str:
        return self._by_node[node_id]


def describe_export(result: ScriptExport, setup: TrainingSetup) -> list[str]:
    """What the command line and the window tell the user after an export."""
    return [
        f"wrote {result.script} and {result.data.name} "
        f"({len(setup.dataset.x_train)} training, {len(setup.dataset.x_val)} validation samples)",
        f"run it with: python {result.script} --out RUN_DIR",
    ]


__all__ = ["DATA_FILE", "SCRIPT_FILE", "WRITTEN_FILES", "ScriptExport", "describe_export", "export_project_script",
           "export_script",
           "model_source", "playground_classes", "settings_source", "training_script"]
